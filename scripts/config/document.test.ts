import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOCUMENT_VERSION, formatDocument, parseDocument, type ConfigDocument } from './document.ts';

/** A file as an admin would write it: only what differs from the defaults. */
function file(overrides: { connection?: object; sync?: object; root?: object } = {}): Record<string, unknown> {
  return {
    format: 'clevertap-sync-config',
    version: 1,
    connections: [
      {
        name: 'Production EU',
        region: 'eu1',
        accountId: 'W67-774-7Z5Z',
        syncs: [
          {
            name: 'Lead → Profile',
            sourceObject: 'Lead',
            target: 'Profile',
            customerIdTemplate: 'SF_Lead_{{Lead.Id}}',
            mappings: [{ targetField: 'Email', sourceField: 'Lead.Email', dataType: 'String' }],
            ...overrides.sync,
          },
        ],
        ...overrides.connection,
      },
    ],
    ...overrides.root,
  };
}

function problems(input: unknown): string[] {
  const result = parseDocument(input);
  assert.equal(result.ok, false, 'the file should be refused');
  return result.ok ? [] : result.problems.map((p) => `${p.path} ${p.message}`);
}

function parsed(input: unknown): ConfigDocument {
  const result = parseDocument(input);
  if (!result.ok) assert.fail(result.problems.map((p) => `${p.path} ${p.message}`).join('\n'));
  return result.document;
}

const SYNC = '$.connections[0].syncs[0]';

describe('config document: valid files', () => {
  test('a minimal file gets the wizard defaults for syncs; connection settings it omits stay unset', () => {
    const doc = parsed(file());
    const connection = doc.connections[0];
    assert.equal(connection?.deliveryMode, undefined, 'the org value, or the default for a new connection, applies');
    assert.equal(connection?.active, undefined);
    const sync = connection?.syncs[0];
    assert.deepEqual(sync?.triggerEvents, ['Create', 'Update']);
    assert.equal(sync?.deleteAction, 'None');
    assert.equal(sync?.active, true);
    assert.equal(sync?.filter, null);
    assert.equal(sync?.eventNameTemplate, null);
  });

  test('an event sync with every option, a filter and every data type', () => {
    const doc = parsed(
      file({
        sync: {
          target: 'Event',
          sourceObject: 'Opportunity',
          customerIdTemplate: 'SF_Account_{{Opportunity.AccountId}}',
          eventNameTemplate: 'Opportunity {{StageName}}',
          eventTimestampField: 'CloseDate',
          triggerEvents: ['Update', 'Create', 'Delete', 'Undelete'],
          deleteAction: 'Send Event',
          deleteEventName: 'Opportunity Deleted',
          onlyWhenChanged: true,
          filter: {
            logic: 'OR',
            criteria: [
              { field: 'StageName', operator: 'changed to', value: 'Closed Won' },
              { field: 'Account.Industry', operator: 'is not null' },
            ],
          },
          mappings: ['String', 'Number', 'Boolean', 'Date', 'Multi-value'].map((dataType, i) => ({
            targetField: `Field ${i}`,
            sourceField: 'Amount',
            dataType,
          })),
        },
      }),
    );
    const sync = doc.connections[0]?.syncs[0];
    assert.equal(sync?.filter?.criteria[1]?.value, null, 'a missing value is null');
    assert.equal(sync?.mappings.length, 5);
  });

  test('255-character templates and 120-character keys are accepted; one more is not', () => {
    parsed(file({ sync: { customerIdTemplate: `${'x'.repeat(244)}{{Lead.Id}}` } }));
    parsed(file({ sync: { mappings: [{ targetField: 'k'.repeat(120), sourceField: 'Email', dataType: 'String' }] } }));
    assert.match(
      problems(file({ sync: { customerIdTemplate: `${'x'.repeat(245)}{{Lead.Id}}` } }))[0] ?? '',
      /customerIdTemplate must be at most 255 characters/,
    );
    assert.match(
      problems(
        file({ sync: { mappings: [{ targetField: 'k'.repeat(121), sourceField: 'Email', dataType: 'String' }] } }),
      )[0] ?? '',
      /mappings\[0\]\.targetField must be at most 120/,
    );
  });
});

describe('config document: every problem names its JSON path and what is allowed', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    [
      'an unknown region',
      file({ connection: { region: 'eu2' } }),
      /^\$\.connections\[0\]\.region must be one of "eu1", "in1", "us1", "sg1", "aps3", "mec1", "sk1"$/,
    ],
    [
      'an unknown target',
      file({ sync: { target: 'Account' } }),
      /syncs\[0\]\.target must be one of "Profile", "Event"/,
    ],
    [
      'an unknown data type',
      file({ sync: { mappings: [{ targetField: 'A', sourceField: 'Email', dataType: 'Text' }] } }),
      /mappings\[0\]\.dataType must be one of "String", "Number", "Boolean", "Date", "Multi-value"/,
    ],
    [
      'an unknown trigger event',
      file({ sync: { triggerEvents: ['Create', 'Merge'] } }),
      /triggerEvents\[1\] must be one of "Create", "Update", "Delete", "Undelete"/,
    ],
    [
      'a trigger event twice',
      file({ sync: { triggerEvents: ['Create', 'Create'] } }),
      /triggerEvents\[1\] is listed twice/,
    ],
    [
      'an unknown delete action',
      file({ sync: { deleteAction: 'Purge' } }),
      /deleteAction must be one of "None", "Send Event", "Delete Profile"/,
    ],
    [
      'an unknown filter operator',
      file({ sync: { filter: { criteria: [{ field: 'Status', operator: 'like', value: 'x' }] } } }),
      /filter\.criteria\[0\]\.operator must be one of "equals"/,
    ],
    [
      'an empty filter',
      file({ sync: { filter: { criteria: [] } } }),
      /filter\.criteria must hold at least one criterion/,
    ],
    [
      'an unclosed template token',
      file({ sync: { customerIdTemplate: 'SF_{{Lead.Id' } }),
      /customerIdTemplate has a "\{\{" or "\}\}" that is not part of a \{\{Object\.Field\}\} token/,
    ],
    [
      'a token that is no field path',
      file({ sync: { customerIdTemplate: 'SF_{{Lead..Id}}' } }),
      /customerIdTemplate has a token \{\{Lead\.\.Id\}\} that is not a field path/,
    ],
    ['an empty Customer ID', file({ sync: { customerIdTemplate: '   ' } }), /customerIdTemplate must not be empty/],
    [
      'an event without its name',
      file({ sync: { target: 'Event' } }),
      /eventNameTemplate is required when target is "Event"/,
    ],
    [
      'a profile with an event name',
      file({ sync: { eventNameTemplate: 'Signed up' } }),
      /eventNameTemplate must be null when target is "Profile"/,
    ],
    [
      'Send Event without its name',
      file({ sync: { deleteAction: 'Send Event' } }),
      /deleteEventName is required when deleteAction is "Send Event"/,
    ],
    [
      'a delete event name without Send Event',
      file({ sync: { deleteEventName: 'Gone' } }),
      /deleteEventName is only used when deleteAction is "Send Event"/,
    ],
    [
      'a CleverTap system event name',
      file({ sync: { target: 'Event', eventNameTemplate: 'App Launched' } }),
      /eventNameTemplate must not be a CleverTap system event/,
    ],
    [
      'a prohibited character in a key',
      file({ sync: { mappings: [{ targetField: 'a.b', sourceField: 'Email', dataType: 'String' }] } }),
      /mappings\[0\]\.targetField must not contain/,
    ],
    [
      'a key mapped twice',
      file({
        sync: {
          mappings: [
            { targetField: 'Email', sourceField: 'Email', dataType: 'String' },
            { targetField: 'EMAIL', sourceField: 'Email', dataType: 'String' },
          ],
        },
      }),
      /mappings\[1\]\.targetField is mapped twice/,
    ],
    [
      'a source field that is no path',
      file({ sync: { mappings: [{ targetField: 'A', sourceField: 'Email Address', dataType: 'String' }] } }),
      /mappings\[0\]\.sourceField must be a field path/,
    ],
    [
      'an object name that is no API name',
      file({ sync: { sourceObject: 'Lead Object' } }),
      /sourceObject must be an object API name/,
    ],
    [
      'a bad account ID',
      file({ connection: { accountId: 'W67 774' } }),
      /accountId must look like a CleverTap account ID/,
    ],
    [
      'a bad country code',
      file({ connection: { defaultCountryCode: '+44' } }),
      /defaultCountryCode must be the calling code in digits only/,
    ],
    [
      'a number where text belongs',
      file({ connection: { name: 42 } }),
      /^\$\.connections\[0\]\.name must be the connection name$/,
    ],
    [
      'two syncs with one name',
      file({
        connection: {
          syncs: [file().connections, file().connections].map(() => ({
            name: 'Same',
            sourceObject: 'Lead',
            target: 'Profile',
            customerIdTemplate: '{{Lead.Id}}',
          })),
        },
      }),
      /syncs\[1\]\.name is used by another sync of this connection/,
    ],
    [
      'an unknown attribute',
      file({ sync: { customerId: 'x' } }),
      /syncs\[0\] has "customerId", which this format does not know/,
    ],
    [
      'an unknown top-level attribute',
      file({ root: { passcodes: {} } }),
      /^\$ has "passcodes", which this format does not know/,
    ],
    ['another format', file({ root: { format: 'something-else' } }), /^\$\.format must be "clevertap-sync-config"/],
    ['an older or missing version', file({ root: { version: 0 } }), /^\$\.version must be 1/],
  ];
  for (const [what, input, expected] of cases) {
    test(what, () => {
      const found = problems(input);
      assert.ok(
        found.some((p) => expected.test(p)),
        `expected ${String(expected)} in:\n${found.join('\n')}`,
      );
    });
  }

  test('a newer version is refused on its own, before the rest of the file is read', () => {
    const found = problems(file({ root: { version: DOCUMENT_VERSION + 1, surprise: true } }));
    assert.deepEqual(found, [
      `$.version is ${DOCUMENT_VERSION + 1}, written by a newer version of this tool; this one reads version ${DOCUMENT_VERSION}: update the project and try again`,
    ]);
  });

  test('a connection named without settings (syncs for an existing one) is a valid file', () => {
    const doc = parsed(file({ connection: { region: undefined, accountId: undefined } }));
    assert.equal(doc.connections[0]?.region, undefined);
  });

  test('every problem of a file is reported at once', () => {
    const found = problems(
      file({
        connection: { region: 'xx' },
        sync: { target: 'Both', mappings: [{ targetField: '', sourceField: 'Email', dataType: 'Text' }] },
      }),
    );
    assert.ok(found.length >= 3, found.join('\n'));
  });

  test(`${SYNC} paths point into nested lists`, () => {
    assert.ok(problems(file({ sync: { target: 'x' } })).some((p) => p.startsWith(`${SYNC}.target`)));
  });
});

describe('config document: the exported text', () => {
  test('keys in a fixed order, lists sorted by name, trigger events in picklist order', () => {
    const input = file({
      connection: {
        syncs: ['b sync', 'A sync'].map((name) => ({
          customerIdTemplate: '{{Lead.Id}}',
          target: 'Profile',
          sourceObject: 'Lead',
          name,
          triggerEvents: ['Undelete', 'Create'],
        })),
      },
    });
    (input.connections as object[]).push({ region: 'us1', name: 'Alpha', accountId: 'A-1' });
    const text = formatDocument(parsed(input));
    const doc = JSON.parse(text) as ConfigDocument;
    assert.deepEqual(
      doc.connections.map((c) => c.name),
      ['Alpha', 'Production EU'],
    );
    assert.deepEqual(
      doc.connections[1]?.syncs.map((s) => s.name),
      ['A sync', 'b sync'],
    );
    assert.deepEqual(doc.connections[1]?.syncs[0]?.triggerEvents, ['Create', 'Undelete']);
    assert.deepEqual(Object.keys(doc.connections[1]?.syncs[0] ?? {}).slice(0, 4), [
      'name',
      'active',
      'sourceObject',
      'target',
    ]);
    assert.ok(text.endsWith('}\n'));
  });

  test('formatting is stable: reading and writing again gives the same text', () => {
    const once = formatDocument(parsed(file()));
    assert.equal(formatDocument(parsed(JSON.parse(once))), once);
  });
});
