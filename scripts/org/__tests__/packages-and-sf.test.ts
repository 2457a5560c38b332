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
} from '../packages.ts';
import { type SfRunner, sfJson, spawnSf } from '../sf.ts';
import { REPO_ROOT } from './fake-org.ts';

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

describe('sfJson', () => {
  const answering =
    (stdout: string, status = 0): SfRunner =>
    () => ({ status, stdout });

  it('appends --json and reads the result or the error', () => {
    const seen: string[][] = [];
    const sf: SfRunner = (args) => {
      seen.push([...args]);
      return { status: 0, stdout: '{"status":0,"result":["Account"]}' };
    };
    assert.deepEqual(sfJson(sf, ['sobject', 'list']), { status: 0, result: ['Account'] });
    assert.deepEqual(seen, [['sobject', 'list', '--json']]);
    const error = sfJson(
      answering('{"status":1,"name":"NoDefaultDevHubError","message":"No default dev hub found."}', 1),
      [],
    );
    assert.equal(error.name, 'NoDefaultDevHubError');
    assert.equal(error.status, 1);
  });

  it('skips what is printed before the JSON, and turns output that is not JSON into an error answer', () => {
    assert.equal(sfJson(answering('(node:12) Warning: something\n{"status":0,"result":1}'), []).result, 1);
    const garbled = sfJson(answering('Segmentation fault', 139), []);
    assert.equal(garbled.status, 139);
    assert.match(garbled.message ?? '', /sf answered without JSON: Segmentation fault/);
  });

  it('reads the pinned CLI’s own JSON error for an org it does not know (no network)', () => {
    const answer = sfJson(spawnSf(REPO_ROOT), ['org', 'display', '--target-org', 'clevertap-no-such-org']);
    assert.notEqual(answer.status, 0);
    assert.equal(answer.name, 'NamedOrgNotFoundError');
    assert.match(answer.message ?? '', /clevertap-no-such-org/);
  });
});
