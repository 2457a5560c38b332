/**
 * syncs:export and syncs:import against local orgs started by the test, through jsforce and the local
 * org's REST API exactly as against a real org: a full import (passcode from the environment map, a
 * connection left without one), an idempotent re-import, the export → import into a fresh org →
 * export round trip, bad files that change nothing, templates into an existing connection, updates,
 * and the passcode resource's permission check. No test reaches the network.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Connection } from 'jsforce';
import { LOCAL_OAUTH_CLIENT, LOCAL_PASSWORD, readLocalSession } from '../../tools/local-org/session.ts';
import { startOrgServer, type OrgServer } from '../../tools/local-org/server/org-server.ts';
import { API_VERSION, connectionTo } from '../lib/org-connection.ts';
import { exportConfig, importConfig, type ImportOptions, type ImportOutcome } from './config-commands.ts';
import { countChanges } from './plan.ts';
import { PASSCODE_RESOURCE, queryAll } from './org-state.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TEMPLATES = path.join(ROOT, 'config', 'sync-templates');

interface RunningOrg {
  server: OrgServer;
  conn: Connection;
  dataDir: string;
}

async function startOrg(): Promise<RunningOrg> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'syncs-config-'));
  const server = await startOrgServer({
    root: ROOT,
    emulator: { answer: () => ({ status: 200, body: '{"status":"success"}' }) },
    dataDir,
    seed: false,
    tickMs: 0,
  });
  return { server, dataDir, conn: connectionTo(readLocalSession(dataDir)) };
}

async function stopOrg(org: RunningOrg | undefined): Promise<void> {
  if (!org) return;
  await org.server.close();
  rmSync(org.dataDir, { recursive: true, force: true });
}

const mapping = (targetField: string, sourceField: string, dataType = 'String') => ({
  targetField,
  sourceField,
  dataType,
});

/** Two connections, one given a passcode; syncs of both targets, filters and every data type. */
const FILE = {
  format: 'clevertap-sync-config',
  version: 1,
  connections: [
    {
      name: 'Production EU',
      region: 'eu1',
      accountId: 'W67-774-7Z5Z',
      deliveryMode: 'Scheduled',
      defaultCountryCode: '44',
      syncs: [
        {
          name: 'Lead → Profile',
          sourceObject: 'Lead',
          target: 'Profile',
          customerIdTemplate: 'SF_Lead_{{Lead.Id}}',
          onlyWhenChanged: true,
          mappings: [
            mapping('Email', 'Lead.Email'),
            mapping('Employees', 'NumberOfEmployees', 'Number'),
            mapping('Revenue', 'AnnualRevenue', 'Number'),
            mapping('Converted', 'IsConverted', 'Boolean'),
            mapping('Last Activity', 'LastActivityDate', 'Date'),
            mapping('Created By', 'CreatedBy.Name'),
          ],
        },
        {
          name: 'Opportunity Won',
          sourceObject: 'Opportunity',
          target: 'Event',
          customerIdTemplate: 'SF_Account_{{Opportunity.AccountId}}',
          eventNameTemplate: 'Opportunity Won',
          triggerEvents: ['Update'],
          deleteAction: 'Send Event',
          deleteEventName: 'Opportunity Deleted',
          filter: { logic: 'AND', criteria: [{ field: 'StageName', operator: 'changed to', value: 'Closed Won' }] },
          mappings: [mapping('Amount', 'Amount', 'Number'), mapping('Account Industry', 'Account.Industry')],
        },
      ],
    },
    { name: 'Sandbox', region: 'in1', accountId: 'TEST-123', active: true },
  ],
};

const PASSCODES = new Map([['production eu', 'passcode-from-env']]);
const options = (overrides: Partial<ImportOptions> = {}): ImportOptions => ({
  dryRun: false,
  replacePasscodes: false,
  passcodes: PASSCODES,
  ...overrides,
});

function applied(outcome: ImportOutcome): Extract<ImportOutcome, { ok: true }> {
  if (!outcome.ok) assert.fail(outcome.problems.map((p) => `${p.path} ${p.message}`).join('\n'));
  return outcome;
}

function problemsOf(outcome: ImportOutcome): string[] {
  assert.equal(outcome.ok, false, 'the import should be refused');
  return outcome.ok ? [] : outcome.problems.map((p) => `${p.path} ${p.message}`);
}

/** Every configuration record with its last change, to prove an import changed nothing. */
async function fingerprint(conn: Connection): Promise<string> {
  const rows = await Promise.all(
    ['CleverTap_Connection__c', 'CleverTap_Sync__c', 'CleverTap_Field_Mapping__c'].map((object) =>
      queryAll(conn, `SELECT Id, SystemModstamp FROM ${object} ORDER BY Id`),
    ),
  );
  return JSON.stringify(rows.map((list) => list.map((r) => [r.Id, r.SystemModstamp])));
}

async function passcodeStatus(conn: Connection): Promise<Record<string, boolean>> {
  const answer = await conn.apex.get<{ connections: { name: string; hasPasscode: boolean }[] }>(PASSCODE_RESOURCE);
  return Object.fromEntries(answer.connections.map((c) => [c.name, c.hasPasscode]));
}

let source: RunningOrg;
let target: RunningOrg | undefined;

before(async () => {
  source = await startOrg();
});

after(async () => {
  await stopOrg(source);
  await stopOrg(target);
});

describe('syncs:import and syncs:export on a local org', () => {
  it('a bad file is refused with every problem and changes nothing', async () => {
    const before = await fingerprint(source.conn);
    const bad = structuredClone(FILE) as typeof FILE & { connections: { region: string }[] };
    (bad.connections[0] as { region: string }).region = 'eu9';
    assert.ok(
      problemsOf(await importConfig(source.conn, JSON.stringify(bad), options())).some((p) =>
        p.startsWith('$.connections[0].region must be one of'),
      ),
    );
    assert.deepEqual(problemsOf(await importConfig(source.conn, '{"format": ', options())).length, 1);
    assert.equal(await fingerprint(source.conn), before);
  });

  it('a file that does not fit the org (unknown field, relationship or object, an event the object lacks) changes nothing', async () => {
    const misfit = structuredClone(FILE);
    const lead = misfit.connections[0]?.syncs?.[0] as { mappings: { sourceField: string }[]; triggerEvents?: string[] };
    (lead.mappings[0] as { sourceField: string }).sourceField = 'Lead.Emial';
    (lead.mappings[5] as { sourceField: string }).sourceField = 'Manager.Name';
    const opportunity = misfit.connections[0]?.syncs?.[1] as { sourceObject: string };
    opportunity.sourceObject = 'Invoice__c';
    misfit.connections[1] = {
      ...misfit.connections[1],
      syncs: [{ name: 'Users', sourceObject: 'User', target: 'Profile', customerIdTemplate: '{{User.Id}}' }],
    } as (typeof misfit.connections)[1];
    const found = problemsOf(await importConfig(source.conn, JSON.stringify(misfit), options()));
    assert.deepEqual(found, [
      '$.connections[0].syncs[0].mappings[0].sourceField reads "Emial": Lead has no field "Emial" on Lead',
      '$.connections[0].syncs[0].mappings[5].sourceField reads "Manager.Name": Lead has no relationship "Manager" on Lead',
      '$.connections[0].syncs[1].sourceObject is "Invoice__c", which is not an object of this org (or not one you can see): check its API name, and that the feature it needs is enabled',
      '$.connections[1].syncs[0].sourceObject is "User", a standard object the package does not capture (17 are supported, plus custom objects)',
    ]);
    assert.equal(await fingerprint(source.conn), '[[],[],[]]');
  });

  it('a dry run prints the plan and changes nothing', async () => {
    const outcome = applied(await importConfig(source.conn, JSON.stringify(FILE), options({ dryRun: true })));
    assert.deepEqual(countChanges(outcome.plan), { create: 4, update: 0, unchanged: 0, 'only in the org': 0 });
    assert.equal(outcome.applied, undefined);
    assert.equal(await fingerprint(source.conn), '[[],[],[]]');
  });

  it('imports connections, syncs and mappings; a connection without a passcode is saved inactive', async () => {
    const outcome = applied(await importConfig(source.conn, JSON.stringify(FILE), options()));
    assert.deepEqual(outcome.applied, { created: 4, updated: 0, passcodesStored: 1 });
    assert.match(outcome.planText, /saved inactive: no passcode stored or given \(set CLEVERTAP_PASSCODE_SANDBOX/);
    const connections = await queryAll(
      source.conn,
      'SELECT Name, Active__c, Connection_Key__c, Delivery_Mode__c FROM CleverTap_Connection__c ORDER BY Name',
    );
    assert.deepEqual(
      connections.map((c) => [c.Name, c.Active__c, c.Connection_Key__c, c.Delivery_Mode__c]),
      [
        ['Production EU', true, 'production eu', 'Scheduled'],
        ['Sandbox', false, 'sandbox', 'Immediate'],
      ],
    );
    assert.deepEqual(await passcodeStatus(source.conn), { 'Production EU': true, Sandbox: false });
    const mappings = await queryAll(
      source.conn,
      "SELECT Target_Field__c, Order__c FROM CleverTap_Field_Mapping__c WHERE Sync__r.Name = 'Lead → Profile' ORDER BY Order__c",
    );
    assert.deepEqual(
      mappings.map((m) => m.Target_Field__c),
      ['Email', 'Employees', 'Revenue', 'Converted', 'Last Activity', 'Created By'],
    );
  });

  it('importing the same file again changes nothing', async () => {
    const before = await fingerprint(source.conn);
    const outcome = applied(await importConfig(source.conn, JSON.stringify(FILE), options()));
    assert.equal(outcome.noop, true, outcome.planText);
    assert.equal(outcome.applied, undefined);
    assert.deepEqual(countChanges(outcome.plan), { create: 0, update: 0, unchanged: 4, 'only in the org': 0 });
    assert.equal(await fingerprint(source.conn), before);
  });

  it('the export is the file in canonical form, with no passcode in it', async () => {
    const exported = await exportConfig(source.conn);
    assert.deepEqual(exported.problems, []);
    assert.ok(!exported.text.includes('passcode-from-env'));
    const production = exported.document.connections[0];
    assert.equal(production?.name, 'Production EU');
    assert.equal(production?.defaultCountryCode, '44');
    assert.deepEqual(
      production?.syncs.map((s) => s.name),
      ['Lead → Profile', 'Opportunity Won'],
    );
    assert.deepEqual(production?.syncs[1]?.filter, FILE.connections[0]?.syncs?.[1]?.filter);
    assert.equal(exported.document.connections[1]?.active, false, 'as the org has it: waiting for its passcode');
  });

  it('export → import into a fresh org → export gives the same document', async () => {
    const first = await exportConfig(source.conn);
    target = await startOrg();
    const outcome = applied(
      await importConfig(
        target.conn,
        first.text,
        options({ passcodes: new Map([['production eu', 'another-passcode']]) }),
      ),
    );
    assert.deepEqual(outcome.applied, { created: 4, updated: 0, passcodesStored: 1 });
    const second = await exportConfig(target.conn);
    assert.equal(second.text, first.text);
  });

  it('a later import with the passcode activates the waiting connection; changes are applied and listed', async () => {
    const changed = structuredClone(FILE);
    (changed.connections[0] as { region: string }).region = 'in1';
    const lead = changed.connections[0]?.syncs?.[0] as { mappings: unknown[] };
    lead.mappings = lead.mappings.slice(0, 2).reverse();
    const outcome = applied(
      await importConfig(
        source.conn,
        JSON.stringify(changed),
        options({ passcodes: new Map([['sandbox', 'sandbox-passcode']]) }),
      ),
    );
    assert.match(outcome.planText, /~ update +connection "Production EU"\n {6}region: "eu1" → "in1"/);
    assert.match(outcome.planText, /~ update +connection "Sandbox"\n {6}active: false → true\n {6}passcode: stored/);
    assert.match(outcome.planText, /~ update +sync "Lead → Profile"\n {8}mappings: changed/);
    assert.deepEqual(outcome.applied, { created: 0, updated: 3, passcodesStored: 1 });
    const exported = (await exportConfig(source.conn)).document;
    assert.equal(exported.connections[0]?.region, 'in1');
    assert.deepEqual(
      exported.connections[0]?.syncs[0]?.mappings.map((m) => m.targetField),
      ['Employees', 'Email'],
    );
    assert.equal(exported.connections[1]?.active, true);
    assert.deepEqual(await passcodeStatus(source.conn), { 'Production EU': true, Sandbox: true });
    assert.equal(
      (await queryAll(source.conn, 'SELECT Id FROM CleverTap_Field_Mapping__c')).length,
      2 + 2,
      'old mappings replaced, not kept',
    );
  });

  it('every ready-made template imports into an existing connection with --connection', async () => {
    for (const name of [
      'lead-profile',
      'contact-profile',
      'account-profile',
      'opportunity-closed-won-event',
      'case-closed-event',
      'task-completed-event',
    ]) {
      const text = readFileSync(path.join(TEMPLATES, `${name}.json`), 'utf8');
      const outcome = applied(
        await importConfig(target?.conn as Connection, text, options({ connectionName: 'Sandbox' })),
      );
      assert.match(outcome.planText, /\+ create +sync/, name);
    }
    const syncs = await queryAll(
      target?.conn as Connection,
      "SELECT Name FROM CleverTap_Sync__c WHERE Connection__r.Name = 'Sandbox'",
    );
    assert.equal(syncs.length, 6);
    const unnamed = readFileSync(path.join(TEMPLATES, 'lead-profile.json'), 'utf8');
    assert.match(
      problemsOf(await importConfig(target?.conn as Connection, unnamed, options()))[0] ?? '',
      /is "CleverTap", which is not a connection of this org/,
    );
  });

  it('only CleverTap admins may read or store passcodes through the API', async () => {
    const ops = new Connection({
      oauth2: { loginUrl: source.server.url, ...LOCAL_OAUTH_CLIENT },
      version: API_VERSION,
    });
    await ops.login('ops@clevertap-import.local', LOCAL_PASSWORD);
    await assert.rejects(ops.apex.get(PASSCODE_RESOURCE), /CleverTap Admin permission set/);
  });
});
