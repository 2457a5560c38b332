/**
 * The local org in Chromium, as a new user meets it: every page renders without errors; with a
 * connection and a Lead → Profile sync configured (anonymous Apex, until the admin screens exist), a
 * Lead created on the Records page reaches the emulator as profile `SF_Lead_<18-char Id>` with its
 * mapped fields, and a Lead saved while CleverTap answers 503 arrives after the retry.
 * Screenshots of each page go to `tools/local-org/e2e/output/`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ACCOUNT, startLocalOrg, type RunningLocalOrg } from '../local-org.ts';
import { eventually, launchChromium, screenshot, watchProblems } from './browser.ts';

let local: RunningLocalOrg;
let browser: Browser;
let page: Page;
let problems: string[];

before(async () => {
  // The org clock runs 60 times faster, so the engine's 2-minute retry backoff passes in seconds.
  // LOCAL_ORG_E2E_BUILD=0 (set by `npm run test:e2e` after one build) reuses the built page.
  local = await startLocalOrg({
    dataDir: mkdtempSync(path.join(tmpdir(), 'lo-e2e-')),
    reset: true,
    clockSpeed: 60,
    build: process.env.LOCAL_ORG_E2E_BUILD !== '0',
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  problems = watchProblems(page);
});

after(async () => {
  await browser?.close();
  await local?.close();
});

async function api(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ ok: boolean; value?: unknown; message?: string }> {
  const response = await fetch(local.url + url, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as never;
}

async function anonymous(source: string): Promise<string[]> {
  const answer = await api('POST', '/api/anonymous', { source });
  assert.ok(answer.ok, answer.message);
  return answer.value as string[];
}

async function visit(url: string): Promise<void> {
  await page.goto(local.url + url);
  await page.waitForLoadState('networkidle');
}

const profileOf = (leadId: string): { profileData: Record<string, unknown> } | undefined =>
  local.emulator.accounts.get(DEMO_ACCOUNT.id)?.profiles.get(`SF_Lead_${leadId}`);

/** Fills the Records page's New Lead form and saves; answers the new Lead's Id from the success toast. */
async function createLeadInForm(lastName: string, email: string): Promise<string> {
  await visit('/lightning/o/Lead/list');
  await page.getByRole('button', { name: 'New' }).click();
  const form = page.locator('lo-record-form');
  await form.getByLabel('Last Name').fill(lastName);
  await form.getByLabel('Company').fill('Analytical Engines');
  await form.getByLabel('Email').fill(email);
  await form.getByRole('combobox', { name: 'Status' }).click();
  await form.getByRole('option', { name: 'Open - Not Contacted' }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  const toast = page.locator('.toasts').getByText(/^Lead \w{18} was created\.$/);
  await toast.waitFor();
  return /Lead (\w{18})/.exec((await toast.textContent()) ?? '')?.[1] as string;
}

describe('the page', () => {
  it('opens the CleverTap app from the App Launcher, and every tab renders without errors', async () => {
    await visit('/');
    await page.getByRole('button', { name: 'Open App Launcher' }).click();
    await screenshot(page, '01-app-launcher');
    await page.locator('.launcher-app').getByText('CleverTap').click();
    await page.getByRole('heading', { name: 'CleverTap Settings' }).waitFor();
    await screenshot(page, '02-clevertap-settings');

    await page.locator('.nav-item', { hasText: 'Events Log' }).click();
    await page.getByRole('heading', { name: 'Events Log' }).waitFor();
    await screenshot(page, '03-events-log');

    await page.locator('.nav-item', { hasText: 'Records' }).click();
    await page.getByRole('heading', { name: 'Leads' }).waitFor();
    await page.getByRole('gridcell').first().waitFor();
    const pageText = await page.locator('.page-text').textContent();
    assert.match(pageText ?? '', /^300 records · page 1 of 12$/, 'the sample Leads are listed');
    await screenshot(page, '04-records');

    await page.locator('.nav-item', { hasText: 'Apex Jobs' }).click();
    await page.getByRole('heading', { name: /^Apex Jobs/ }).waitFor();
    await screenshot(page, '05-apex-jobs');
    assert.deepEqual(problems, []);
  });

  it('switches the user: the header and the permissions follow', async () => {
    await visit('/lightning/n/CleverTap_Settings');
    await page.getByRole('combobox', { name: 'Logged in as' }).click();
    await page.getByRole('option', { name: 'Olivia Ops' }).click();
    await page.waitForLoadState('networkidle');
    await eventually(
      async () =>
        (await page.getByRole('combobox', { name: 'Logged in as' }).textContent())?.includes('Olivia Ops')
          ? true
          : undefined,
      10_000,
      'the header to show Olivia Ops',
    );
    const app = await page.evaluate(async () => {
      const response = await fetch('/api/app', {
        headers: { 'X-Local-User': localStorage.getItem('localOrg.userId') ?? '' },
      });
      return ((await response.json()) as { value: { customPermissions: string[] } }).value.customPermissions;
    });
    assert.deepEqual(app, ['CleverTap_Retry_Events', 'CleverTap_View_Logs']);
    await page.evaluate(() => localStorage.removeItem('localOrg.userId'));
    assert.deepEqual(problems, []);
  });
});

describe('a Lead saved on the Records page reaches CleverTap', () => {
  before(async () => {
    const debug = await anonymous(`
      CleverTap_Connection__c c = new CleverTap_Connection__c(Name = 'Production', Connection_Key__c = 'production',
        Region__c = 'eu1', Account_Id__c = '${DEMO_ACCOUNT.id}', Active__c = true);
      insert c;
      CleverTapCredentials.setPasscode(c.Id, '${DEMO_ACCOUNT.passcode}');
      CleverTap_Sync__c s = new CleverTap_Sync__c(Name = 'Lead to Profile', Connection__c = c.Id,
        Source_Object__c = 'Lead', Target_Entity__c = 'Profile', Customer_Id_Template__c = 'SF_Lead_{{Lead.Id}}',
        Trigger_Events__c = 'Create;Update', Active__c = true);
      insert s;
      insert new List<CleverTap_Field_Mapping__c>{
        new CleverTap_Field_Mapping__c(Sync__c = s.Id, Target_Field__c = 'Email', Source_Field__c = 'Email', Data_Type__c = 'String'),
        new CleverTap_Field_Mapping__c(Sync__c = s.Id, Target_Field__c = 'Company', Source_Field__c = 'Company', Data_Type__c = 'String')
      };
      System.debug('configured');`);
    assert.deepEqual(debug, ['configured']);
    await anonymous(`CleverTapBackgroundJobs.start(); System.debug('started');`);
  });

  it('arrives as profile SF_Lead_<18-character Id> with its mapped fields', async () => {
    const id = await createLeadInForm('Lovelace', 'ada@example.com');
    assert.match(id, /^00Q\w{15}$/);
    const profile = await eventually(() => profileOf(id), 15_000, `profile SF_Lead_${id} in the emulator`);
    assert.deepEqual(
      { Email: profile.profileData.Email, Company: profile.profileData.Company },
      { Email: 'ada@example.com', Company: 'Analytical Engines' },
    );
    await screenshot(page, '06-lead-saved');
    await page.goto(`${local.emulatorUrl}/?identity=SF_Lead_${id}`);
    await page.getByText(`SF_Lead_${id}`).first().waitFor();
    await screenshot(page, '07-emulator-profile');
  });

  it('a Lead saved while CleverTap answers 503 arrives after the retry', async () => {
    await fetch(`${local.emulatorUrl}/_admin/faults`, {
      method: 'POST',
      body: JSON.stringify({ account: DEMO_ACCOUNT.id, kind: '503', count: 1 }),
    });
    const id = await createLeadInForm('Hopper', 'grace@example.com');
    await eventually(
      () => local.emulator.requests.find((r) => r.status === 503 && r.body.includes(id)),
      15_000,
      'the first upload to be answered 503',
    );
    assert.equal(profileOf(id), undefined, 'not stored by the failed attempt');
    const profile = await eventually(() => profileOf(id), 30_000, `profile SF_Lead_${id} after the retry`);
    assert.equal(profile.profileData.Email, 'grace@example.com');
    await visit('/local/jobs');
    await screenshot(page, '08-apex-jobs-after-retry');
    assert.deepEqual(problems, []);
  });
});
