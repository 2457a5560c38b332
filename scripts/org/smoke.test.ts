/**
 * `npm run smoke` against a local org and its CleverTap emulator, as against a real org and a CleverTap
 * test account: the whole story passes and cleans up after itself; refused credentials fail it fast,
 * cleaned up too; without credentials only the Salesforce half runs. `npm run deploy -- --target-org
 * local` on the same org: the admin permission set and the background jobs. No test reaches the network.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Connection } from 'jsforce';
import { startEmulator, type Emulator } from '../../tools/local-org/emulator/emulator.ts';
import { startOrgServer, type OrgServer } from '../../tools/local-org/server/org-server.ts';
import { DEMO_ACCOUNT, readLocalSession } from '../../tools/local-org/session.ts';
import { queryAll } from '../config/org-state.ts';
import { connectionTo } from '../lib/org-connection.ts';
import { deployToLocalOrg } from './deploy-local.ts';
import { cleverTapFromEnvironment, runSmoke, type CleverTapAccess, type SmokeOptions } from './smoke-check.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
let emulator: Emulator;
let server: OrgServer;
let dataDir: string;
let conn: Connection;

before(async () => {
  emulator = await startEmulator({ port: 0, accounts: [DEMO_ACCOUNT] });
  dataDir = mkdtempSync(path.join(tmpdir(), 'smoke-'));
  server = await startOrgServer({ root: ROOT, emulator, dataDir, seed: false, tickMs: 0 });
  conn = connectionTo(readLocalSession(dataDir));
});

after(async () => {
  await server.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function smokeOptions(lines: string[], cleverTap?: CleverTapAccess): SmokeOptions {
  return {
    cleverTap,
    timeoutMs: 30_000,
    pollMs: 100,
    log: (line) => lines.push(line),
    runId: `t${lines.length}${Date.now() % 1e6}`,
  };
}

const demo = (): CleverTapAccess => ({
  region: 'eu1',
  accountId: DEMO_ACCOUNT.id,
  passcode: DEMO_ACCOUNT.passcode,
  baseUrl: emulator.url,
});

/** What a smoke run must never leave behind. */
async function leftovers(): Promise<number[]> {
  const secrets = [...server.org.rt.org.store.records('CleverTap_Secret__c')].filter((r) => !r.deleted).length;
  return [
    (await queryAll(conn, "SELECT Id FROM Lead WHERE Company LIKE 'CleverTap Smoke%'")).length,
    (await queryAll(conn, 'SELECT Id FROM CleverTap_Connection__c')).length,
    (await queryAll(conn, 'SELECT Id FROM CleverTap_Sync__c')).length,
    secrets,
  ];
}

describe('npm run smoke on a local org', () => {
  it('a Lead reaches CleverTap: Events Log Sent, profile read back with its Email; everything removed after', async () => {
    const lines: string[] = [];
    const outcome = await runSmoke(conn, smokeOptions(lines, demo()));
    assert.deepEqual(outcome, { passed: true, skipped: [] }, lines.join('\n'));
    assert.ok(
      lines.some((l) => /^Events Log: Sent/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /^CleverTap has profile SF_Smoke_00Q\w+ with Email smoke\.\w+@example\.com\.$/.test(l)),
      lines.join('\n'),
    );
    const profiles = [...(emulator.accounts.get(DEMO_ACCOUNT.id)?.profiles.keys() ?? [])];
    assert.equal(profiles.filter((identity) => identity.startsWith('SF_Smoke_')).length, 1);
    assert.deepEqual(await leftovers(), [0, 0, 0, 0]);
  });

  it("refused credentials fail the run at once with CleverTap's reason, and it still cleans up", async () => {
    const lines: string[] = [];
    const outcome = await runSmoke(conn, smokeOptions(lines, { ...demo(), passcode: 'wrong-passcode' }));
    assert.equal(outcome.passed, false);
    assert.match(outcome.passed ? '' : outcome.reason, /^CleverTap refused the account ID or passcode/);
    assert.deepEqual(await leftovers(), [0, 0, 0, 0]);
  });

  it('without credentials only the Salesforce half runs, and says what it skipped', async () => {
    const lines: string[] = [];
    const outcome = await runSmoke(conn, smokeOptions(lines));
    assert.equal(outcome.passed, true);
    assert.match(
      outcome.passed ? (outcome.skipped[0] ?? '') : '',
      /CleverTap half skipped: set CLEVERTAP_REGION, CLEVERTAP_ACCOUNT_ID and CLEVERTAP_PASSCODE/,
    );
    assert.deepEqual(await leftovers(), [0, 0, 0, 0]);
  });
});

describe('CleverTap credentials from the environment', () => {
  it('all three, none, or a clear error', () => {
    assert.equal(cleverTapFromEnvironment({}), undefined);
    assert.deepEqual(
      cleverTapFromEnvironment({ CLEVERTAP_REGION: 'in1', CLEVERTAP_ACCOUNT_ID: 'A-1', CLEVERTAP_PASSCODE: 'p' }),
      {
        region: 'in1',
        accountId: 'A-1',
        passcode: 'p',
      },
    );
    assert.throws(
      () => cleverTapFromEnvironment({ CLEVERTAP_ACCOUNT_ID: 'A-1' }),
      /Set all of CLEVERTAP_REGION, CLEVERTAP_ACCOUNT_ID and CLEVERTAP_PASSCODE, or none/,
    );
    assert.throws(
      () => cleverTapFromEnvironment({ CLEVERTAP_REGION: 'eu2', CLEVERTAP_ACCOUNT_ID: 'A', CLEVERTAP_PASSCODE: 'p' }),
      /use one of eu1, in1/,
    );
  });
});

describe('npm run deploy -- --target-org local', () => {
  it('assigns CleverTap_Admin (once) and starts the background jobs, through the REST API', async () => {
    const username = readLocalSession(dataDir).username;
    const lines: string[] = [];
    await deployToLocalOrg(conn, username, (line) => lines.push(line));
    assert.match(
      lines.join('\n'),
      /✓ Permission set CleverTap_Admin was already assigned to admin@clevertap-import\.local/,
    );
    assert.match(lines.join('\n'), /✓ Background jobs started:\n {4}CleverTap Drainer/);
    const jobs = await queryAll(conn, 'SELECT CronJobDetail.Name FROM CronTrigger');
    assert.ok(jobs.length >= 3, `scheduled: ${jobs.length}`);
    await deployToLocalOrg(conn, username, () => undefined);
    assert.equal(
      (await queryAll(conn, 'SELECT Id FROM CronTrigger')).length,
      jobs.length,
      'starting again schedules nothing twice',
    );
  });
});
