/**
 * The platform modules of the local org's page, as a rollup plugin. Salesforce serves these to a
 * component at run time; here each one is a small module generated at build time:
 * - `@salesforce/apex/<Class>.<method>`: an HTTP call to the org server (imperative and @wire);
 * - `@salesforce/label/c.<Name>`: the value from the project's custom labels (unknown → build error);
 * - `@salesforce/customPermission/<Name>`, `@salesforce/user/Id`: the signed-in user's, read at start;
 * - `lightning/platformShowToastEvent`, `lightning/navigation`, `lightning/refresh`: routed to the shell;
 * - `c/<name>`: the package's own components, from their SFDX folders;
 * - `lo/tabs`: the CleverTap app's tabs and the component each one shows, from the app and tab metadata.
 * Any other `@salesforce/*` or `lightning/*` import that the base components do not provide fails the
 * build with its name, so a component never meets a silently missing platform module.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { Plugin } from 'rollup';
import { listFiles } from '../../../scripts/lib/files.ts';
import { readCustomLabels } from '../../../scripts/lib/labels.ts';
import { listLwcBundles } from '../../../scripts/lib/lwc.ts';
import { readProject } from '../../../scripts/lib/project.ts';

const PLATFORM_DIR = path.join(import.meta.dirname, 'src', 'platform');
const VIRTUAL = '\0platform:';

export interface AppTab {
  apiName: string;
  label: string;
  component: string;
}

/** The package's components as LWC module aliases (`c/<name>` → its `.ts` file). */
export function packageComponentModules(root: string): { name: string; path: string }[] {
  return listLwcBundles(root).map((bundle) => ({
    name: `c/${bundle.name}`,
    path: path.join(bundle.dir, `${bundle.name}.ts`),
  }));
}

/** The CleverTap app's label and its tabs in order, each with the component its tab metadata names. */
export function readApp(root: string): { label: string; tabs: AppTab[] } {
  const parser = new XMLParser();
  const files = readProject(root).packageDirs.flatMap((dir) => listFiles(dir, () => true));
  const app = files.find((f) => f.endsWith('.app-meta.xml'));
  if (!app) throw new Error('The project has no Lightning app (.app-meta.xml)');
  const doc = parser.parse(readFileSync(app, 'utf8')) as {
    CustomApplication: { label: string; tabs: string | string[] };
  };
  const tabs = ([] as string[]).concat(doc.CustomApplication.tabs).map((apiName) => {
    const file = files.find((f) => path.basename(f) === `${apiName}.tab-meta.xml`);
    if (!file) throw new Error(`The app lists tab ${apiName}, which has no .tab-meta.xml`);
    const tab = (parser.parse(readFileSync(file, 'utf8')) as { CustomTab: { label: string; lwcComponent?: string } })
      .CustomTab;
    if (!tab.lwcComponent) throw new Error(`Tab ${apiName} shows no Lightning web component`);
    return { apiName, label: tab.label, component: tab.lwcComponent };
  });
  return { label: doc.CustomApplication.label, tabs };
}

const MODULE_FILES: Record<string, string> = {
  'lightning/platformShowToastEvent': 'toast.ts',
  'lightning/navigation': 'navigation.ts',
  'lightning/refresh': 'refresh.ts',
};

export function platformModules(root: string): Plugin {
  const platformFile = (name: string): string => path.join(PLATFORM_DIR, name);
  return {
    name: 'local-org-platform-modules',
    resolveId(source) {
      if (MODULE_FILES[source]) return platformFile(MODULE_FILES[source]);
      if (
        source.startsWith('@salesforce/apex/') ||
        source.startsWith('@salesforce/label/c.') ||
        source.startsWith('@salesforce/customPermission/') ||
        source === '@salesforce/user/Id' ||
        source === 'lo/tabs'
      )
        return VIRTUAL + source;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const source = id.slice(VIRTUAL.length);
      const quote = JSON.stringify;
      if (source.startsWith('@salesforce/apex/')) {
        const match = /^@salesforce\/apex\/(\w+)\.(\w+)$/.exec(source);
        if (!match) this.error(`${source}: expected @salesforce/apex/<Class>.<method>`);
        return `import { apexMethod } from ${quote(platformFile('apex.ts'))};\nexport default apexMethod(${quote(match?.[1])}, ${quote(match?.[2])});`;
      }
      if (source.startsWith('@salesforce/label/c.')) {
        const name = source.slice('@salesforce/label/c.'.length);
        const value = readCustomLabels(root).get(name);
        if (value === undefined) this.error(`${source}: no custom label ${name} in the project`);
        return `export default ${quote(value)};`;
      }
      if (source.startsWith('@salesforce/customPermission/')) {
        const name = source.slice('@salesforce/customPermission/'.length);
        return `import { session } from ${quote(platformFile('session.ts'))};\nexport default session.customPermissions.includes(${quote(name)}) ? true : undefined;`;
      }
      if (source === '@salesforce/user/Id')
        return `import { session } from ${quote(platformFile('session.ts'))};\nexport default session.currentUser.id;`;
      const app = readApp(root);
      const imports = app.tabs.map((t, i) => `import Tab${i} from 'c/${t.component}';`).join('\n');
      const tabs = app.tabs.map((t, i) => `{ ...${quote(t)}, constructor: Tab${i} }`).join(', ');
      return `${imports}\nexport const appLabel = ${quote(app.label)};\nexport const tabs = [${tabs}];`;
    },
  };
}

/** Fails the build for an import nothing resolved (a platform module the local org does not provide). */
export function refuseUnresolved(): Plugin {
  return {
    name: 'local-org-refuse-unresolved',
    resolveId(source, importer) {
      if (!importer || source.startsWith('.') || source.startsWith('/') || source.startsWith('\0')) return null;
      if (/^(@salesforce\/|lightning\/|force\/|c\/)/.test(source))
        this.error(
          `${source} (imported by ${path.relative(process.cwd(), importer)}) is a platform module the local org does not provide`,
        );
      return null;
    },
  };
}
