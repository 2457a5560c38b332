/**
 * CleverTap's Salesforce setup guide, followed in Chromium on the local org with the words the guide
 * uses: Add New Connection → Map Field → Add New Sync → a Lead saved on the Records page reaches the
 * emulator; then an event sync, a Historical Sync, a 503 retried, the Events Log, and a wrong
 * passcode that pauses the connection until it is fixed. Screenshots of each screen go to
 * `e2e/output/`, and to `docs/screenshots/` when LOCAL_ORG_DOCS=1 (`npm run screenshots`).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNT, startLocalOrg, type RunningLocalOrg } from '../local-org.ts';
import { eventually, openBrowser, type BrowserSession } from './browser.ts';

const DOCS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

let org: RunningLocalOrg;
let browser: BrowserSession;
let page: Page;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'lo-guide-'));
  // A fast clock: the engine's retry backoff and the Historical Sync's batches pass in seconds.
  org = await startLocalOrg({
    dataDir,
    reset: true,
    seed: true,
    clockSpeed: 60,
    build: process.env.LOCAL_ORG_E2E_BUILD !== '0',
  });
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await org?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A screenshot for e2e/output, and for the README when LOCAL_ORG_DOCS=1. */
async function shot(name: string): Promise<void> {
  // Toasts of earlier steps would cover the screen being shown.
  // (A toast may go by itself meanwhile: a click that finds none is fine.)
  for (const close of await page.locator('.toasts button[title="Close"]').all())
    await close.click({ timeout: 1000 }).catch(() => undefined);
  const file = await browser.screenshot(`guide-${name}`);
  if (process.env.LOCAL_ORG_DOCS === '1') {
    mkdirSync(DOCS_DIR, { recursive: true });
    copyFileSync(file, path.join(DOCS_DIR, `${name}.png`));
  }
}

/** Problems so far, minus the failed-request lines a deliberate bad save produces. */
function takeProblems(allow: RegExp[] = []): string[] {
  return browser.problems.splice(0).filter((p) => !allow.some((re) => re.test(p)));
}

async function chooseOption(scope: Locator | Page, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

async function openTab(label: string): Promise<void> {
  await page.locator('a.nav-item', { hasText: label }).click();
}

const account = () => org.emulator.accounts.get(DEMO_ACCOUNT.id);

test('Add New Connection: the saved connection shows its name, region and account ID', async () => {
  await page.goto(`${org.url}/lightning/n/CleverTap_Settings`);
  await page.getByRole('button', { name: 'Add New Connection' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByLabel('Connection Name').waitFor();
  await shot('add-new-connection');
  await chooseOption(modal, 'Region', 'Europe (eu1)');
  await modal.getByLabel('Connection Name').fill('Production');
  await modal.getByLabel('Account ID').fill(DEMO_ACCOUNT.id);
  await modal.getByLabel('API Passcode').fill(DEMO_ACCOUNT.passcode);
  await modal.getByRole('button', { name: 'Save' }).click();
  const row = page.locator('c-clevertap-connections tbody tr', { hasText: 'Production' });
  await row.waitFor();
  const text = await row.innerText();
  assert.match(text, /Europe \(eu1\)/);
  assert.match(text, new RegExp(DEMO_ACCOUNT.id));
  assert.doesNotMatch(await page.content(), new RegExp(DEMO_ACCOUNT.passcode), 'the passcode is never sent back');
  await shot('connections');
  assert.deepEqual(takeProblems(), []);
});

test('Test Connection on the saved connection says Connected', async () => {
  const row = page.locator('c-clevertap-connections tbody tr', { hasText: 'Production' });
  await row.getByRole('button', { name: /actions/i }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByText('Passcode set').waitFor();
  await modal.getByRole('button', { name: 'Test Connection' }).click();
  await modal
    .getByText(/Connected/)
    .first()
    .waitFor();
  await shot('test-connection');
  await modal.getByRole('button', { name: 'Cancel', exact: true }).click();
  assert.deepEqual(takeProblems(), []);
});

test('Settings: Start background jobs shows each job with its next run', async () => {
  await page.getByRole('tab', { name: 'Settings' }).click();
  const panel = page.locator('c-clevertap-settings-panel');
  await panel.getByRole('button', { name: 'Start background jobs' }).click();
  await panel.locator('tbody tr', { hasText: 'CleverTap Watchdog' }).filter({ hasNotText: 'Not scheduled' }).waitFor();
  await shot('settings');
  await page.getByRole('tab', { name: 'Connections' }).click();
  assert.deepEqual(takeProblems(), []);
});

async function openMapField(): Promise<Locator> {
  await openTab('CleverTap Settings');
  await page
    .locator('c-clevertap-connections tbody tr', { hasText: 'Production' })
    .getByRole('button', { name: /actions/i })
    .click();
  await page.getByRole('menuitem', { name: 'Map Field' }).click();
  const list = page.locator('c-clevertap-sync-list');
  await list.getByText('Integration Sync List').first().waitFor();
  return list;
}

test("Map Field opens the connection's Integration Sync List; Add New Sync saves Lead → Profile", async () => {
  const list = await openMapField();
  await shot('integration-sync-list-empty');
  await list.getByRole('button', { name: 'Add New Sync' }).click();
  const wizard = page.locator('c-clevertap-sync-wizard');
  await wizard.getByLabel('Sync Name').fill('Lead to Profile');
  await chooseOption(wizard, 'Source Entity', 'Lead');
  await chooseOption(wizard, 'Target Entity', 'Profile');
  await shot('add-new-sync-configuration');
  await wizard.getByRole('button', { name: 'Next' }).click();
  const customerId = wizard.getByLabel('Customer ID');
  await customerId.waitFor();
  assert.equal(await customerId.inputValue(), 'SF_Lead_{{Lead.Id}}', 'the suggested Customer ID');
  await shot('add-new-sync-required-mapping');
  await wizard.getByRole('button', { name: 'Next' }).click();
  for (const [target, source] of [
    ['Email', 'Email'],
    ['City', 'City'],
  ]) {
    await wizard.getByRole('button', { name: 'Add Field' }).click();
    const row = wizard.locator('.mapping-row').last();
    await row.getByLabel('Target Field').fill(target);
    await chooseOption(row, 'Source Field', source);
  }
  await shot('add-new-sync-additional-fields');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await shot('add-new-sync-when-to-send');
  await wizard.getByRole('button', { name: 'Next' }).click();
  // Preview on a seeded Lead, then Send test: one real upload, CleverTap's answer on the page.
  await wizard.getByRole('button', { name: 'Search' }).click();
  await wizard.getByRole('combobox', { name: 'Record' }).waitFor();
  await wizard.getByRole('button', { name: 'Preview', exact: true }).click();
  const identity = (await wizard.locator('.preview-identity').textContent()) ?? '';
  assert.match(identity, /^SF_Lead_\w{18}$/);
  assert.match((await wizard.locator('.preview-json').textContent()) ?? '', /"profileData"/);
  await wizard.getByRole('button', { name: 'Send test' }).click();
  await wizard.getByText('Sent (HTTP 200)').waitFor();
  assert.ok(account()?.profiles.get(identity), 'the test record reached the emulator');
  await shot('add-new-sync-preview');
  await wizard.getByRole('button', { name: 'Save' }).click();
  await list.locator('tbody tr', { hasText: 'Lead to Profile' }).waitFor();
  await shot('integration-sync-list');
  assert.deepEqual(takeProblems(), []);
});

/** Creates a Lead on the Records page; answers its Id from the success toast. */
async function createLead(lastName: string, email: string, city: string): Promise<string> {
  await openTab('Records');
  await page.waitForURL('**/lightning/o/Lead/list');
  await page.getByRole('button', { name: 'New' }).click();
  const form = page.locator('lo-record-form');
  await form.getByLabel('Last Name').fill(lastName);
  await form.getByLabel('Company').fill('Analytical Engines');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('City').fill(city);
  await chooseOption(form, 'Status', 'Open - Not Contacted');
  await form.getByRole('button', { name: 'Save' }).click();
  const toast = page.locator('.toasts').getByText(/^Lead \w{18} was created\.$/);
  await toast.waitFor();
  return /Lead (\w{18})/.exec((await toast.textContent()) ?? '')?.[1] as string;
}

let leadId: string;

test('a Lead saved on the Records page reaches CleverTap as SF_Lead_<Id> with Email and City', async () => {
  leadId = await createLead('Lovelace', 'ada@example.com', 'London');
  const profile = await eventually(
    () => account()?.profiles.get(`SF_Lead_${leadId}`),
    30_000,
    `profile SF_Lead_${leadId} at the emulator`,
  );
  assert.equal(profile.profileData.Email, 'ada@example.com');
  assert.equal(profile.profileData.City, 'London');
  assert.deepEqual(takeProblems(), []);
});

test('an Opportunity → Event sync with a static Event Name, and its Historical Sync reaches 100 %', async () => {
  const list = await openMapField();
  await list.getByRole('button', { name: 'Add New Sync' }).click();
  const wizard = page.locator('c-clevertap-sync-wizard');
  await wizard.getByLabel('Sync Name').fill('Opportunity Closed');
  await chooseOption(wizard, 'Source Entity', 'Opportunity');
  await chooseOption(wizard, 'Target Entity', 'Event');
  await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByLabel('Event Name').fill('Opportunity Updated');
  for (let step = 0; step < 3; step++) await wizard.getByRole('button', { name: 'Next' }).click();
  await wizard.getByRole('button', { name: 'Save' }).click();
  const row = list.locator('tbody tr', { hasText: 'Opportunity Closed' });
  await row.waitFor();

  await row
    .getByRole('button', { name: /actions|show/i })
    .last()
    .click();
  await page.getByRole('menuitem', { name: 'Historical Sync' }).click();
  const confirm = page.locator('section[role=alertdialog]');
  await confirm
    .getByText(/Historical Sync sends [\d,]+ Opportunity records?/)
    .first()
    .waitFor();
  await shot('historical-sync-confirm');
  await confirm.getByRole('button', { name: 'OK' }).click();
  // On the fast clock the run may finish before the first poll: its progress or its outcome shows.
  const historical = row.locator('td.historical');
  await eventually(
    async () =>
      (await historical.innerText()).trim() || (await historical.locator('lightning-progress-bar').count())
        ? true
        : undefined,
    30_000,
    'the Historical Sync to show on its row',
  );
  await shot('historical-sync-progress');
  await eventually(
    async () => ((await historical.locator('lightning-progress-bar').count()) === 0 ? true : undefined),
    60_000,
    'the Historical Sync to finish',
  );
  await eventually(
    () =>
      (account()?.events.filter((e) => e.evtName === 'Opportunity Updated').length ?? 0) >= 120 ? true : undefined,
    60_000,
    'the 120 seeded Opportunities at the emulator',
  );
  const events = account()?.events.filter((e) => e.evtName === 'Opportunity Updated') ?? [];
  assert.ok(events.length > 0, 'the seeded Opportunities arrived as events');
  assert.deepEqual(takeProblems(), []);
});

test('a 503 from CleverTap is retried until the Lead is Sent', async () => {
  account()?.faults.push('503');
  const id = await createLead('Babbage', 'charles@example.com', 'Teignmouth');
  await eventually(() => account()?.profiles.get(`SF_Lead_${id}`), 60_000, 'the Lead after the retry');
  assert.equal(account()?.faults.length, 0, 'the 503 was answered');
  assert.deepEqual(takeProblems(), []);
});

test("Events Log: the connection's health, the Lead's send found by its Id, and View Details", async () => {
  await openTab('Events Log');
  const log = page.locator('c-clevertap-events-log');
  const card = log.locator('.connection-card', { hasText: 'Production' });
  await card.waitFor();
  assert.match(await card.innerText(), /Lead to Profile/, 'the sync is listed under its connection');
  const rows = log.locator('lightning-datatable tbody tr');
  await rows.first().waitFor();
  await shot('events-log');

  await log.getByRole('searchbox', { name: 'Search' }).fill(leadId);
  await eventually(
    // The search waits for typing to stop; then only the summary of the send that carried it is left.
    async () => ((await rows.count()) === 1 && (await rows.first().innerText()).includes('Summary') ? true : undefined),
    30_000,
    `the summary row of the send that carried ${leadId}`,
  );
  await rows
    .first()
    .getByRole('button', { name: /show actions/i })
    .click();
  await page.getByRole('menuitem', { name: 'View Details' }).click();
  const details = page.getByRole('dialog');
  await details.waitFor();
  let seen = '';
  try {
    await eventually(
      async () => ((seen = await details.innerText()).includes(leadId) ? true : undefined),
      20_000,
      `${leadId} in View Details`,
    );
  } catch (error) {
    await shot('events-log-details-failed');
    throw new Error(`${String(error)}\nView Details showed:\n${seen}`);
  }
  await shot('events-log-details');
  await details.getByRole('button', { name: 'Close' }).last().click();
  await details.waitFor({ state: 'detached' });
  assert.deepEqual(takeProblems(), []);
});

test('a wrong passcode marks the connection Invalid Credentials and holds its records until fixed', async () => {
  await openTab('CleverTap Settings');
  const row = page.locator('c-clevertap-connections tbody tr', { hasText: 'Production' });
  await row.getByRole('button', { name: /actions/i }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByRole('button', { name: 'Replace passcode' }).click();
  await modal.getByLabel('API Passcode').fill('wrong-passcode');
  await modal.getByRole('button', { name: 'Save' }).click();
  await modal.waitFor({ state: 'detached' });

  const held = await createLead('Somerville', 'mary@example.com', 'Jedburgh');
  await openTab('CleverTap Settings');
  await eventually(
    async () => ((await row.innerText()).includes('Invalid Credentials') ? true : undefined),
    30_000,
    'the connection to show Invalid Credentials',
  );
  await shot('connection-invalid-credentials');
  assert.equal(account()?.profiles.get(`SF_Lead_${held}`), undefined, 'nothing is sent with a refused passcode');

  await row.getByRole('button', { name: /actions/i }).click();
  await page.getByRole('menuitem', { name: 'Edit' }).click();
  await modal.getByRole('button', { name: 'Replace passcode' }).click();
  await modal.getByLabel('API Passcode').fill(DEMO_ACCOUNT.passcode);
  await modal.getByRole('button', { name: 'Test Connection' }).click();
  await modal
    .getByText(/Connected/)
    .first()
    .waitFor();
  await modal.getByRole('button', { name: 'Cancel', exact: true }).click();
  await eventually(() => account()?.profiles.get(`SF_Lead_${held}`), 60_000, 'the held Lead after the fix');
  assert.deepEqual(takeProblems([/status of 40[01]/]), []);
});
