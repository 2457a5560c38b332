/**
 * Smoke test of the local org's page in Chromium: builds the page once, starts the org (a fresh store
 * with sample data) and the CleverTap emulator on free ports, then visits every tab, the App Launcher,
 * the Records page (list, New form, save, Bulk load), Apex Jobs and the user switcher. Each page must
 * render without a page error, console error or failed request; a screenshot of each goes to
 * `e2e/output/` for a person to look at. `npm run test:e2e` (kept out of `npm test`: it needs Chromium).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { readApp } from '../client/platform-modules.ts';
import { startLocalOrg, type RunningLocalOrg } from '../local-org.ts';
import { openBrowser, type BrowserSession } from './browser.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const app = readApp(root);
let org: RunningLocalOrg;
let browser: BrowserSession;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'local-org-e2e-'));
  // LOCAL_ORG_E2E_BUILD=0 reuses the page last built (quicker when only the test changed).
  org = await startLocalOrg({ dataDir, reset: true, seed: true, build: process.env.LOCAL_ORG_E2E_BUILD !== '0' });
  browser = await openBrowser();
});

after(async () => {
  await browser?.close();
  await org?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The page's problems so far, then forgets them (each step asserts its own). */
function takeProblems(): string[] {
  return browser.problems.splice(0);
}

async function clickNav(page: Page, label: string): Promise<void> {
  await page.locator('a.nav-item', { hasText: label }).click();
}

async function activeNavLabel(page: Page): Promise<string> {
  return (await page.locator('.slds-context-bar__item.slds-is-active a.nav-item').innerText()).trim();
}

test('the root opens the first tab of the CleverTap app inside the Lightning header and nav bar', async () => {
  const { page } = browser;
  await page.goto(`${org.url}/`);
  const first = app.tabs[0];
  assert.ok(first, 'the app has a tab');
  await page.waitForURL(`**/lightning/n/${first.apiName}`);
  await page.locator('.slds-global-header').waitFor();
  assert.equal((await page.locator('.app-name').innerText()).trim(), app.label);
  const navLabels = (await page.locator('a.nav-item').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(navLabels, [...app.tabs.map((t) => t.label), 'Records', 'Apex Jobs']);
  assert.equal(await activeNavLabel(page), first.label);
  await page.locator(`c-${kebab(first.component)}`).waitFor();
  await browser.screenshot('pages-01-settings');
  assert.deepEqual(takeProblems(), []);
});

test('every app tab renders the component its tab metadata names, and a reload keeps the tab', async () => {
  const { page } = browser;
  for (const tab of app.tabs) {
    await clickNav(page, tab.label);
    await page.waitForURL(`**/lightning/n/${tab.apiName}`);
    await page.locator(`c-${kebab(tab.component)}`).waitFor();
    assert.equal(await activeNavLabel(page), tab.label);
  }
  const last = app.tabs.at(-1);
  assert.ok(last);
  await page.reload();
  await page.locator(`c-${kebab(last.component)}`).waitFor();
  assert.equal(await activeNavLabel(page), last.label);
  await browser.screenshot('pages-02-events-log');
  assert.deepEqual(takeProblems(), []);
});

test('the App Launcher lists the CleverTap app and opens it', async () => {
  const { page } = browser;
  await page.locator('button.app-launcher').click();
  const entry = page.locator('.launcher-app', { hasText: app.label });
  await entry.waitFor();
  await browser.screenshot('pages-03-app-launcher');
  await entry.click();
  await page.waitForURL(`**/lightning/n/${app.tabs[0]?.apiName}`);
  assert.equal(await page.locator('.app-launcher-modal').count(), 0);
  assert.deepEqual(takeProblems(), []);
});

test('the emulator link points at the running CleverTap emulator', async () => {
  const href = await browser.page.locator('a.emulator-link').getAttribute('href');
  assert.equal(href, org.emulatorUrl);
});

test('Records lists the sample Leads newest first, and New saves a Lead shown in the list', async () => {
  const { page } = browser;
  await clickNav(page, 'Records');
  await page.waitForURL('**/lightning/o/Lead/list');
  const rows = page.locator('lo-records-page lightning-datatable tbody tr');
  await rows.first().waitFor();
  assert.ok((await rows.count()) > 0, 'the sample data has Leads');
  // Created Date is a date as a list view shows it (12/5/2026, 10:31 AM), not the API's ISO text.
  const firstRowText = await rows.first().innerText();
  assert.doesNotMatch(firstRowText, /\d{4}-\d\d-\d\dT/);
  assert.match(firstRowText, /\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d\d/);
  await browser.screenshot('pages-04-records-list');

  await page.locator('lightning-button.new button').click();
  const form = page.locator('lo-record-form');
  await form.locator('[data-field="LastName"] input').waitFor();
  await browser.screenshot('pages-05-records-new-form');
  await form.locator('[data-field="LastName"] input').fill('Smoketest');
  await form.locator('[data-field="Company"] input').fill('E2E Corp');
  await chooseOption(form.locator('[data-field="Status"]'), 'Open - Not Contacted');
  await form.locator('lightning-button.save button').click();
  await page.locator('.toasts .slds-theme_success').waitFor();
  await page.locator('lo-records-page lightning-datatable', { hasText: 'Smoketest' }).waitFor();
  assert.deepEqual(takeProblems(), []);
});

test('Save without a required field shows the field error and the server message', async () => {
  const { page } = browser;
  await page.locator('lightning-button.new button').click();
  const form = page.locator('lo-record-form');
  await form.locator('[data-field="Company"] input').fill('No Last Name Inc');
  await form.locator('lightning-button.save button').click();
  await form.locator('.form-error').waitFor();
  await browser.screenshot('pages-06-records-save-error');
  await form.locator('lightning-button', { hasText: 'Cancel' }).locator('button').click();
  // A failed save answers 400, which Chromium logs as a failed resource: that one is expected.
  const problems = takeProblems().filter((p) => !/status of 400/.test(p));
  assert.deepEqual(problems, []);
});

test('the New form has an input per field type and saves what was typed, multi-select as a;b', async () => {
  const { page } = browser;
  const field = (name: string, type: string, extra: object = {}): object => ({
    name,
    label: name.replace(/__c$/, ''),
    type,
    required: false,
    createable: true,
    updateable: true,
    ...extra,
  });
  const describe = {
    name: 'Lead',
    label: 'Lead',
    fields: [
      field('LastName', 'string', { required: true }),
      field('Email', 'email'),
      field('Count__c', 'int'),
      field('Amount__c', 'currency'),
      field('Due__c', 'date'),
      field('Active__c', 'boolean'),
      field('Tier__c', 'picklist', { picklistValues: ['Gold', 'Silver'] }),
      field('Colors__c', 'multipicklist', { picklistValues: ['Red', 'Green', 'Blue'] }),
      field('Notes__c', 'textarea'),
      field('Owner__c', 'reference', { referenceTo: ['User'] }),
    ],
  };
  let posted: unknown;
  await page.route('**/api/objects/Lead', (route) => route.fulfill({ json: { ok: true, value: describe } }));
  await page.route('**/api/records/Lead', (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    posted = route.request().postDataJSON();
    return route.fulfill({ status: 201, json: { ok: true, value: { id: '00Q000000000001AAA' } } });
  });
  try {
    await page.locator('lightning-button.new button').click();
    const form = page.locator('lo-record-form');
    const input = (name: string): Locator => form.locator(`[data-field="${name}"] input`).first();
    await input('LastName').waitFor();
    // lightning-input's own `type` (it renders email and number as text inputs with an inputmode).
    const typeOf = (name: string): Promise<unknown> =>
      form.locator(`lightning-input[data-field="${name}"]`).evaluate((e) => (e as HTMLInputElement).type);
    assert.equal(await typeOf('Email'), 'email');
    assert.equal(await typeOf('Count__c'), 'number');
    assert.equal(await typeOf('Amount__c'), 'number');
    assert.equal(await typeOf('Due__c'), 'date');
    assert.equal(await typeOf('Active__c'), 'checkbox');
    assert.equal(await form.locator('[data-field="Notes__c"] textarea').count(), 1);
    assert.equal(await form.locator('lightning-checkbox-group[data-field="Colors__c"]').count(), 1);
    assert.equal(await form.locator('[data-field="LastName"] abbr.slds-required').count(), 1, 'required is marked');
    assert.match((await input('Owner__c').getAttribute('placeholder')) ?? '', /User Id/);
    await browser.screenshot('pages-06b-records-form-types');
    await input('LastName').fill('Typed');
    await input('Count__c').fill('3');
    await form.locator('[data-field="Active__c"] label').first().click();
    await chooseOption(form.locator('[data-field="Tier__c"]'), 'Gold');
    await form.locator('[data-field="Colors__c"] label', { hasText: 'Red' }).click();
    await form.locator('[data-field="Colors__c"] label', { hasText: 'Blue' }).click();
    await form.locator('lightning-button.save button').click();
    await page.locator('.toasts .slds-theme_success', { hasText: '00Q000000000001AAA' }).waitFor();
    assert.deepEqual(posted, {
      fields: { LastName: 'Typed', Count__c: 3, Active__c: true, Tier__c: 'Gold', Colors__c: 'Red;Blue' },
    });
  } finally {
    await page.unrouteAll();
  }
  assert.deepEqual(takeProblems(), []);
});

test('Bulk load creates the asked number of records and says so', async () => {
  const { page } = browser;
  await page.locator('lightning-input.bulk-count input').fill('30');
  await page.locator('lightning-button.bulk button').click();
  const toast = page.locator('.toasts .slds-notify', { hasText: '30 Lead records created' });
  await toast.first().waitFor({ timeout: 60_000 });
  assert.equal(await toast.count(), 1, 'one toast per ShowToastEvent');
  await browser.screenshot('pages-07-records-bulk');
  assert.deepEqual(takeProblems(), []);
});

test('a record URL opens its Edit form with its values; Edit saves, Delete from the row menu removes it', async () => {
  const { page } = browser;
  const list = await getJson<{ total: number; records: { Id: string }[] }>('/api/records/Lead?page=1&pageSize=1');
  const id = list.records[0]?.Id;
  assert.ok(id, 'a Lead to edit');
  const before = await getJson<{ LastName: string }>(`/api/records/Lead/${id}`);
  await page.goto(`${org.url}/lightning/r/Lead/${id}/view`);
  const form = page.locator('lo-record-form');
  const title = form.locator('[data-field="Title"] input');
  await title.waitFor();
  assert.equal(await form.locator('[data-field="LastName"] input').inputValue(), before.LastName);
  await title.fill('Chief Tester');
  await form.locator('lightning-button.save button').click();
  await page.locator('.toasts .slds-theme_success', { hasText: `${id} was saved` }).waitFor();
  assert.equal((await getJson<{ Title: string }>(`/api/records/Lead/${id}`)).Title, 'Chief Tester');
  await browser.screenshot('pages-07b-records-edited');

  const firstRow = page.locator('lo-records-page lightning-datatable tbody tr').first();
  const deleted = (await firstRow.innerText()).match(/00Q\w{15}/)?.[0];
  assert.ok(deleted, 'the first row shows its Id');
  await firstRow.locator('lightning-primitive-cell-actions button').click();
  await page.locator('lightning-menu-item', { hasText: 'Delete' }).click();
  // Cancel keeps the record; OK deletes it.
  await page.getByText(`Delete Lead ${deleted}?`).waitFor();
  await browser.screenshot('pages-07c-records-delete-confirm');
  await page
    .locator('button', { hasText: /^Cancel$/ })
    .last()
    .click();
  assert.equal((await getJson<{ total: number }>('/api/records/Lead?page=1&pageSize=1')).total, list.total);
  await firstRow.locator('lightning-primitive-cell-actions button').click();
  await page.locator('lightning-menu-item', { hasText: 'Delete' }).click();
  await page.locator('button', { hasText: /^OK$/ }).click();
  await page.locator('.toasts .slds-theme_success', { hasText: `${deleted} was deleted` }).waitFor();
  assert.equal((await getJson<{ total: number }>('/api/records/Lead?page=1&pageSize=1')).total, list.total - 1);
  assert.deepEqual(takeProblems(), []);
});

test('an object page with the new action (/lightning/o/Lead/new) opens the New form', async () => {
  const { page } = browser;
  await page.goto(`${org.url}/lightning/o/Lead/new`);
  await page.locator('lo-record-form [data-field="LastName"] input').waitFor();
  assert.match(await page.locator('lo-record-form').innerText(), /New Lead/);
  assert.deepEqual(takeProblems(), []);
});

test('Apex Jobs says what to do when nothing is scheduled or has run yet, and refreshes', async () => {
  const { page } = browser;
  await org.server.idle();
  await clickNav(page, 'Apex Jobs');
  await page.waitForURL('**/local/jobs');
  // No sync is configured in this test's org: no job has run and nothing is scheduled.
  await page.locator('lo-jobs-page .no-scheduled').getByText('CleverTapBackgroundJobs.start()').waitFor();
  await page.locator('lo-jobs-page .no-jobs').getByText('No async job has run yet.').waitFor();
  await page.locator('lo-jobs-page lightning-button.refresh button').click();
  await browser.screenshot('pages-08-apex-jobs');
  assert.deepEqual(takeProblems(), []);
});

test('the user switcher lists the users and switching reloads the current tab as the chosen user', async () => {
  const { page } = browser;
  const switcher = page.locator('lightning-combobox.user-switcher');
  await switcher.locator('button, input').first().click();
  const options = switcher.locator('lightning-base-combobox-item');
  await options.first().waitFor();
  const names = (await options.allInnerTexts()).map((t) => t.trim());
  assert.ok(names.length >= 2, `several users to choose from: ${names.join(', ')}`);
  await browser.screenshot('pages-09-user-switcher');
  const other = names.find((n) => /Sales/.test(n)) ?? names[1];
  assert.ok(other);
  await Promise.all([page.waitForEvent('load'), options.filter({ hasText: other }).click()]);
  await page.waitForURL('**/local/jobs');
  await page.locator('lo-jobs-page').waitFor();
  const chosen = await page.evaluate(() => localStorage.getItem('localOrg.userId'));
  assert.ok(chosen, 'the chosen user is kept');
  const users = (await (await fetch(`${org.url}/api/users`)).json()) as { value: { id: string; name: string }[] };
  assert.equal(users.value.find((u) => u.id === chosen)?.name, other);
  assert.equal(await switcher.locator('button, input').first().evaluate(valueOrText), other);
  await browser.screenshot('pages-10-switched-user');
  assert.deepEqual(takeProblems(), []);
});

/** An org API answer's value, as the default admin. */
async function getJson<T>(url: string): Promise<T> {
  const body = (await (await fetch(org.url + url)).json()) as { ok: boolean; value: T; message?: string };
  assert.ok(body.ok, body.message);
  return body.value;
}

/** Opens a lightning-combobox and picks the option with that label. */
async function chooseOption(combobox: Locator, label: string): Promise<void> {
  await combobox.locator('button, input').first().click();
  await combobox.locator('lightning-base-combobox-item', { hasText: label }).first().click();
}

function valueOrText(element: Element): string {
  return (element instanceof HTMLInputElement ? element.value : (element.textContent ?? '')).trim();
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
