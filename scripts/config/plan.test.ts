import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument, type ConfigDocument, type SyncConfig } from './document.ts';
import type { OrgConnection, OrgState } from './org-state.ts';
import {
  checkConnectionsExist,
  countChanges,
  formatPlan,
  isNoop,
  passcodeVariable,
  planImport,
  type PasscodeInput,
} from './plan.ts';

function doc(connections: unknown[]): ConfigDocument {
  const result = parseDocument({ format: 'clevertap-sync-config', version: 1, connections });
  if (!result.ok) assert.fail(JSON.stringify(result.problems));
  return result.document;
}

const leadSync = {
  name: 'Lead → Profile',
  sourceObject: 'Lead',
  target: 'Profile',
  customerIdTemplate: 'SF_Lead_{{Lead.Id}}',
  mappings: [
    { targetField: 'Email', sourceField: 'Email', dataType: 'String' },
    { targetField: 'City', sourceField: 'City', dataType: 'String' },
  ],
};
const production = { name: 'Production', region: 'eu1', accountId: 'W67-774-7Z5Z', syncs: [leadSync] };

/** The org as an earlier import of `file` left it. */
function orgFrom(file: ConfigDocument, hasPasscode = true): OrgState {
  return {
    connections: file.connections.map(({ syncs, ...fields }, i): OrgConnection => ({
      id: `a00${i}`,
      hasPasscode,
      fields: {
        name: fields.name,
        region: fields.region ?? 'eu1',
        accountId: fields.accountId ?? 'W67-774-7Z5Z',
        deliveryMode: fields.deliveryMode ?? 'Immediate',
        defaultCountryCode: fields.defaultCountryCode ?? null,
        active: (fields.active ?? true) && hasPasscode,
      },
      syncs: syncs.map((config: SyncConfig, j) => ({
        id: `a01${i}${j}`,
        config,
        mappingIds: config.mappings.map((_, k) => `a02${i}${j}${k}`),
      })),
    })),
  };
}

const none: PasscodeInput = { given: new Set(), replace: false };
const given = (...names: string[]): PasscodeInput => ({ given: new Set(names), replace: false });

describe('import plan', () => {
  test('an empty org: everything is created, a connection given its passcode is active', () => {
    const plan = planImport(doc([production]), { connections: [] }, given('production'));
    assert.deepEqual(countChanges(plan), { create: 2, update: 0, unchanged: 0, 'only in the org': 0 });
    const step = plan.connections[0];
    assert.equal(step?.active, true);
    assert.equal(step?.setsPasscode, true);
    assert.equal(step?.waitsForPasscode, false);
  });

  test('a new connection without a passcode is saved inactive and the plan says how to give one', () => {
    const plan = planImport(doc([production]), { connections: [] }, none);
    assert.equal(plan.connections[0]?.active, false);
    assert.equal(plan.connections[0]?.waitsForPasscode, true);
    assert.match(
      formatPlan(plan),
      /saved inactive: no passcode stored or given \(set CLEVERTAP_PASSCODE_PRODUCTION or answer the prompt\)/,
    );
  });

  test('the org as the file left it: nothing to do, whatever the order of keys and trigger events', () => {
    const file = doc([production]);
    const org = orgFrom(file);
    const reordered = doc([{ ...production, syncs: [{ triggerEvents: ['Update', 'Create'], ...leadSync }] }]);
    const plan = planImport(reordered, org, none);
    assert.ok(isNoop(plan), formatPlan(plan));
    assert.deepEqual(countChanges(plan), { create: 0, update: 0, unchanged: 2, 'only in the org': 0 });
  });

  test('names match case-insensitively, as the org keeps them unique', () => {
    const org = orgFrom(doc([production]));
    const plan = planImport(
      doc([{ ...production, name: 'PRODUCTION', syncs: [{ ...leadSync, name: 'lead → profile' }] }]),
      org,
      none,
    );
    assert.equal(plan.connections.length, 1);
    assert.equal(plan.connections[0]?.change, 'update', 'the name itself changed case');
    assert.deepEqual(plan.connections[0]?.differences, ['name: "Production" → "PRODUCTION"']);
    assert.equal(plan.connections[0]?.syncs[0]?.change, 'update');
  });

  test("changed values are listed; changed mappings replace the org's", () => {
    const org = orgFrom(doc([production]));
    const changed = doc([
      {
        ...production,
        region: 'in1',
        syncs: [{ ...leadSync, onlyWhenChanged: true, mappings: [leadSync.mappings[1]] }],
      },
    ]);
    const plan = planImport(changed, org, none);
    assert.deepEqual(plan.connections[0]?.differences, ['region: "eu1" → "in1"']);
    const sync = plan.connections[0]?.syncs[0];
    assert.deepEqual(sync?.differences, ['onlyWhenChanged: false → true', 'mappings: changed']);
    assert.equal(sync?.replacesMappings, true);
    assert.equal(isNoop(plan), false);
  });

  test('mapping order is part of the configuration', () => {
    const org = orgFrom(doc([production]));
    const swapped = doc([{ ...production, syncs: [{ ...leadSync, mappings: [...leadSync.mappings].reverse() }] }]);
    assert.equal(planImport(swapped, org, none).connections[0]?.syncs[0]?.replacesMappings, true);
  });

  test('what only the org has is listed and left alone', () => {
    const org = orgFrom(doc([production, { name: 'Sandbox', region: 'us1', accountId: 'X-1' }]));
    const plan = planImport(doc([{ ...production, syncs: [] }]), org, none);
    assert.deepEqual(
      plan.connections.map((c) => [c.name, c.change, c.syncs.map((s) => s.change)]),
      [
        ['Production', 'unchanged', ['only in the org']],
        ['Sandbox', 'only in the org', []],
      ],
    );
    assert.ok(isNoop(plan));
    assert.match(formatPlan(plan), /0 to create, 0 to update, 1 unchanged, 2 only in the org/);
  });

  test('a stored passcode is kept unless --replace-passcodes; a later passcode activates the connection', () => {
    const file = doc([production]);
    const withPasscode = orgFrom(file, true);
    assert.equal(planImport(file, withPasscode, given('production')).connections[0]?.setsPasscode, false);
    const replaced = planImport(file, withPasscode, { given: new Set(['production']), replace: true }).connections[0];
    assert.equal(replaced?.setsPasscode, true);
    assert.deepEqual(replaced?.differences, ['passcode: replaced']);

    const waiting = orgFrom(file, false);
    assert.equal(waiting.connections[0]?.fields.active, false);
    assert.ok(isNoop(planImport(file, waiting, none)), 'still no passcode: the inactive connection is as planned');
    const later = planImport(file, waiting, given('production')).connections[0];
    assert.equal(later?.change, 'update');
    assert.deepEqual(later?.differences, ['active: false → true', 'passcode: stored']);
  });

  test('an inactive connection in the file stays inactive even with a passcode', () => {
    const plan = planImport(doc([{ ...production, active: false }]), { connections: [] }, given('production'));
    assert.equal(plan.connections[0]?.active, false);
    assert.equal(plan.connections[0]?.waitsForPasscode, false);
  });

  test("a file that only names a connection keeps the org's settings and adds its syncs", () => {
    const org = orgFrom(
      doc([{ ...production, region: 'in1', deliveryMode: 'Scheduled', defaultCountryCode: '44', syncs: [] }]),
    );
    const template = doc([{ name: 'production', syncs: [leadSync] }]);
    assert.deepEqual(checkConnectionsExist(template, org), []);
    const plan = planImport(template, org, none);
    assert.equal(plan.connections[0]?.change, 'update', 'only the case of the name differs');
    assert.deepEqual(plan.connections[0]?.differences, ['name: "Production" → "production"']);
    assert.equal(plan.connections[0]?.fields.region, 'in1');
    assert.equal(plan.connections[0]?.fields.deliveryMode, 'Scheduled');
    assert.equal(plan.connections[0]?.fields.defaultCountryCode, '44');
    assert.equal(plan.connections[0]?.syncs[0]?.change, 'create');
  });

  test('a file that only names a connection the org lacks is refused with what to do', () => {
    const problems = checkConnectionsExist(doc([{ name: 'Nowhere', syncs: [leadSync] }]), { connections: [] });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.path, '$.connections[0].name');
    assert.match(problems[0]?.message ?? '', /not a connection of this org: add it on the Connections tab first/);
  });

  test('passcode variables are named after the connection', () => {
    assert.equal(passcodeVariable('Production EU'), 'CLEVERTAP_PASSCODE_PRODUCTION_EU');
    assert.equal(passcodeVariable(' sandbox #2 (test) '), 'CLEVERTAP_PASSCODE_SANDBOX_2_TEST');
  });
});
