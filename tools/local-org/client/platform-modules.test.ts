/**
 * The page's platform modules at build time: labels come from the project's labels XML, and a
 * platform module the local org does not provide fails the build naming it (so a component never
 * meets a silently missing module). Builds tiny entries, not the whole page.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import lwc from '@lwc/rollup-plugin';
import { rollup, type Plugin } from 'rollup';
import { stripTypes } from './build.ts';
import { readCustomLabels } from '../../../scripts/lib/labels.ts';
import { platformModules, readApp, refuseUnresolved } from './platform-modules.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const ENTRY = '\0entry';

/** Bundles a one-file entry with the page's module resolution; answers the code or throws the build error. */
async function bundle(source: string): Promise<string> {
  const entry: Plugin = {
    name: 'entry',
    resolveId: (id) => (id === ENTRY ? ENTRY : null),
    load: (id) => (id === ENTRY ? source : null),
  };
  const build = await rollup({
    input: ENTRY,
    plugins: [
      entry,
      platformModules(root),
      stripTypes(),
      lwc({ modules: [{ npm: 'lightning-base-components' }], enableDynamicComponents: true }),
      refuseUnresolved(),
    ],
    external: (id) => id === 'lwc' || id.startsWith('@lwc/'),
    onwarn: () => undefined,
  });
  try {
    const { output } = await build.generate({ format: 'es' });
    return output[0].code;
  } finally {
    await build.close();
  }
}

test('a custom label import becomes the value from the labels XML', async () => {
  const [name, value] = [...readCustomLabels(root)][0] ?? [];
  assert.ok(name && value, 'the project has custom labels');
  const code = await bundle(`import label from '@salesforce/label/c.${name}'; export default label;`);
  assert.ok(code.includes(JSON.stringify(value)), code);
});

test('an unknown custom label fails the build naming the label', async () => {
  await assert.rejects(
    bundle(`import label from '@salesforce/label/c.No_Such_Label'; export default label;`),
    /No_Such_Label/,
  );
});

test('a lightning/* or @salesforce/* module nobody provides fails the build naming the module', async () => {
  await assert.rejects(
    bundle(`import x from 'lightning/noSuchModule'; export default x;`),
    /lightning\/noSuchModule.*does not provide/,
  );
  await assert.rejects(
    bundle(`import x from '@salesforce/schema/Lead.Email'; export default x;`),
    /@salesforce\/schema\/Lead\.Email.*does not provide/,
  );
});

test('lightning/confirm, lightning/alert and lightning/modal come from the base components', async () => {
  const code = await bundle(
    `import LightningConfirm from 'lightning/confirm'; import LightningAlert from 'lightning/alert';` +
      ` import LightningModal from 'lightning/modal'; export { LightningConfirm, LightningAlert, LightningModal };`,
  );
  assert.match(code, /export \{/);
});

test('an Apex import is a generated call to the org server, named by class and method', async () => {
  const code = await bundle(`import m from '@salesforce/apex/CleverTapSettingsController.getState'; export default m;`);
  assert.match(code, /apexMethod\("CleverTapSettingsController", "getState"\)/);
  await assert.rejects(bundle(`import m from '@salesforce/apex/NoMethod'; export default m;`), /<Class>\.<method>/);
});

test("the app's tabs are read in order from the app and tab metadata, each with its component", () => {
  const app = readApp(root);
  assert.equal(app.label, 'CleverTap');
  assert.deepEqual(
    app.tabs.map((t) => [t.apiName, t.label, t.component]),
    [
      ['CleverTap_Settings', 'CleverTap Settings', 'clevertapSettings'],
      ['CleverTap_Events_Log', 'Events Log', 'clevertapEventsLog'],
    ],
  );
});
