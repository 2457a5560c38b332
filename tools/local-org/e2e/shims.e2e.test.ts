/**
 * The platform modules the local org provides, driven in Chromium as a package component uses them:
 * a probe component (e2e/probe, built into the page only for this test) reads `@salesforce/user/Id`,
 * a custom label and a custom permission (true or undefined, as "Check Permissions" in the LWC
 * Developer Guide says), wires CurrentPageReference, navigates with NavigationMixin, fires
 * ShowToastEvent and RefreshEvent, calls a missing Apex method, and opens lightning/confirm and a
 * lightning/modal subclass (the base components' own). `npm run test:e2e`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { buildClient } from '../client/build.ts';
import { readCustomLabels } from '../../../scripts/lib/labels.ts';
import { startLocalOrg, type RunningLocalOrg } from '../local-org.ts';
import { openBrowser, type BrowserSession } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const probeDir = path.join(import.meta.dirname, 'probe');
let org: RunningLocalOrg;
let browser: BrowserSession;
let dataDir: string;
let outDir: string;

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'local-org-shims-'));
  outDir = mkdtempSync(path.join(tmpdir(), 'local-org-probe-'));
  await buildClient({ outDir, input: path.join(probeDir, 'main.ts'), moduleDirs: [path.join(probeDir, 'modules')] });
  org = await startLocalOrg({ dataDir, reset: true, seed: false, build: false });
  browser = await openBrowser();
  // The org server serves the probe's page instead of the built one; /api and /assets stay the org's.
  await browser.page.route(
    (url) => !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/assets/'),
    (route) => {
      const isBundle = new URL(route.request().url()).pathname === '/app.js';
      return route.fulfill({
        contentType: isBundle ? 'text/javascript' : 'text/html',
        body: readFileSync(path.join(outDir, isBundle ? 'app.js' : 'index.html')),
      });
    },
  );
});

after(async () => {
  await browser?.close();
  await org?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

async function api<T>(url: string): Promise<T> {
  const body = (await (await fetch(org.url + url)).json()) as { ok: boolean; value: T; message?: string };
  assert.ok(body.ok, body.message);
  return body.value;
}

const probe = (css: string): ReturnType<BrowserSession['page']['locator']> =>
  browser.page.locator(`probe-shims ${css}`);

/** The probe's text at `css` once `ready` accepts it (synthetic shadow hides it from document.querySelector). */
async function textOf(css: string, ready: (text: string) => boolean): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const text = await probe(css).innerText();
    if (ready(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${css} never got its text`);
}

async function click(name: string): Promise<void> {
  await probe(`lightning-button.${name} button`).click();
}

test('user Id, label and custom permission are the signed-in admin’s', async () => {
  await browser.page.goto(`${org.url}/lightning/n/CleverTap_Settings`);
  await probe('.user-id').waitFor();
  const app = await api<{ currentUser: { id: string }; customPermissions: string[] }>('/api/app');
  assert.ok(app.customPermissions.includes('CleverTap_Configure'), 'the admin may configure');
  assert.equal(await probe('.user-id').innerText(), app.currentUser.id);
  assert.equal(await probe('.label').innerText(), readCustomLabels(root).get('CT_Settings_Title'));
  assert.equal(await probe('.permission').innerText(), 'true');
  await browser.screenshot('shims-01-probe');
  assert.deepEqual(browser.problems.splice(0), []);
});

test('CurrentPageReference follows NavigationMixin.Navigate to another tab', async () => {
  const ref = (): Promise<{ type: string; attributes: { apiName: string } }> =>
    probe('.page-ref')
      .innerText()
      .then((t) => JSON.parse(t) as never);
  assert.deepEqual(await ref(), {
    type: 'standard__navItemPage',
    attributes: { apiName: 'CleverTap_Settings' },
    state: {},
  });
  await click('navigate');
  await browser.page.waitForURL('**/lightning/n/CleverTap_Events_Log');
  await browser.page.locator('c-clevertap-events-log').waitFor();
  assert.equal((await ref()).attributes.apiName, 'CleverTap_Events_Log');
  assert.deepEqual(browser.problems.splice(0), []);
});

test('ShowToastEvent shows one toast in the shell', async () => {
  await click('toast');
  const toast = browser.page.locator('.toasts .slds-theme_warning', { hasText: 'Toast from the probe' });
  await toast.first().waitFor();
  assert.equal(await toast.count(), 1);
  assert.deepEqual(browser.problems.splice(0), []);
});

test('RefreshEvent re-creates the current tab', async () => {
  const tab = browser.page.locator('c-clevertap-events-log');
  await tab.evaluate((element) => element.setAttribute('data-before-refresh', 'yes'));
  await click('refresh');
  await browser.page.locator('c-clevertap-events-log:not([data-before-refresh])').waitFor();
  assert.deepEqual(browser.problems.splice(0), []);
});

test('a failed Apex call reaches the component as { body: { message }, status }', async () => {
  await click('apex');
  await textOf('.apex-error', (t) => t !== '');
  assert.match(await probe('.apex-error').innerText(), /^4\d\d: .*NoSuchClass\.noSuchMethod/);
  // The browser logs the 404 answer itself; nothing else may be logged.
  assert.deepEqual(
    browser.problems.splice(0).filter((p) => !/status of 404/.test(p)),
    [],
  );
});

test('lightning/confirm opens a dialog and answers the choice', async () => {
  await click('confirm');
  await browser.page.getByText('Probe confirm?').waitFor();
  await browser.screenshot('shims-02-confirm');
  await browser.page.locator('button', { hasText: /^OK$/ }).click();
  assert.equal(await textOf('.confirm-result', (t) => t !== ''), 'true');
  assert.deepEqual(browser.problems.splice(0), []);
});

test('a lightning/modal subclass opens with its content and closes with its result', async () => {
  await click('modal');
  await browser.page.locator('.modal-text', { hasText: 'Inside the probe modal' }).waitFor();
  await browser.screenshot('shims-03-modal');
  await browser.page.locator('lightning-button.modal-done button').click();
  assert.equal(await textOf('.modal-result', (t) => t !== ''), 'done');
  assert.deepEqual(browser.problems.splice(0), []);
});

test('as a user without the permission, the custom permission is undefined and the user Id is theirs', async () => {
  const users = await api<{ id: string; name: string; permissionSets: string[] }[]>('/api/users');
  const sales = users.find((u) => u.permissionSets.length === 0);
  assert.ok(sales, 'a user with no permission set');
  await browser.page.evaluate((id) => localStorage.setItem('localOrg.userId', id), sales.id);
  await browser.page.reload();
  await probe('.user-id').waitFor();
  assert.equal(await probe('.user-id').innerText(), sales.id);
  assert.equal(await probe('.permission').innerText(), 'undefined');
  // The tab behind the probe asks its controllers for data and is refused (HTTP 500 from the local
  // org's Apex bridge; the screen shows the refusal inline). Nothing else may go wrong.
  const refused = /Failed to load resource: the server responded with a status of 500/;
  assert.deepEqual(
    browser.problems.splice(0).filter((p) => !refused.test(p)),
    [],
  );
});

test('a page that cannot start says why instead of staying blank', async () => {
  await browser.page.route('**/api/app', (route) =>
    route.fulfill({ status: 500, json: { ok: false, message: 'The org server is down for the test.' } }),
  );
  try {
    await browser.page.reload();
    const bootError = browser.page.locator('#boot-error');
    await bootError.waitFor();
    assert.match(await bootError.innerText(), /could not start: The org server is down for the test\./);
  } finally {
    await browser.page.unroute('**/api/app');
  }
  const problems = browser.problems.splice(0);
  assert.ok(
    problems.some((p) => /org server is down/.test(p)),
    'the failure is also a page error',
  );
});
