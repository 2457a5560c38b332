import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  ALL_FEATURES_DEFINITION,
  type ExtensionName,
  PACKAGE_DIRS,
  PACKAGE_NAMES,
  type PackageName,
  readPackagingProject,
  scratchDefinitionFile,
} from './packages.ts';
import { REPO_ROOT } from './fake-org-context.ts';

describe('the package list of the org commands', () => {
  const project = readPackagingProject(REPO_ROOT);

  it('is sfdx-project.json’s package directories, in its order', () => {
    const raw = JSON.parse(readFileSync(path.join(REPO_ROOT, 'sfdx-project.json'), 'utf8')) as {
      packageDirectories: { path: string }[];
    };
    assert.deepEqual(
      raw.packageDirectories.map((dir) => dir.path),
      PACKAGE_NAMES.map((name) => PACKAGE_DIRS[name]),
    );
    assert.deepEqual(
      project.packages.map((pkg) => pkg.packageName),
      ['CleverTap Import', 'CleverTap Import Quotes', 'CleverTap Import Field Service', 'CleverTap Import Orders'],
    );
  });

  /** Where each scratch definition turns an extension's feature on. */
  const enables: Record<ExtensionName, (definition: ScratchDefinition) => boolean> = {
    quotes: (def) => def.settings.quoteSettings?.enableQuote === true,
    'field-service': (def) =>
      def.features.includes('FieldService') && def.settings.fieldServiceSettings?.fieldServiceOrgPref === true,
    orders: (def) => def.settings.orderSettings?.enableOrders === true,
  };
  interface ScratchDefinition {
    features: string[];
    settings: Record<string, Record<string, unknown> | undefined>;
  }
  const read = (file: string): ScratchDefinition =>
    JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as ScratchDefinition;
  const featuresOf = (file: string): string[] =>
    Object.entries(enables)
      .filter(([, enabled]) => enabled(read(file)))
      .map(([name]) => name);

  it('picks a scratch definition with exactly the features of the chosen extensions (all of them for several)', () => {
    const cases: [PackageName[], string, string[]][] = [
      [['core'], 'config/core-scratch-def.json', []],
      [['core', 'quotes'], 'config/quotes-scratch-def.json', ['quotes']],
      [['core', 'field-service'], 'config/field-service-scratch-def.json', ['field-service']],
      [['core', 'orders'], 'config/orders-scratch-def.json', ['orders']],
      [['core', 'quotes', 'orders'], ALL_FEATURES_DEFINITION, ['quotes', 'field-service', 'orders']],
    ];
    for (const [packages, file, features] of cases) {
      assert.equal(scratchDefinitionFile(project, packages), file);
      assert.deepEqual(featuresOf(file), features, file);
    }
  });
});
