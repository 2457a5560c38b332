/**
 * The local org's REST API through jsforce, as the project's scripts use it: a running org found by
 * its session file, queries with paging and the API's JSON shapes, describes, record and collection
 * DML with allOrNone, Tooling executeAnonymous, the OAuth 2.0 password flow, and what a user without
 * the permissions is refused.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Connection, type SaveResult } from 'jsforce';
import { LOCAL_OAUTH_CLIENT, LOCAL_PASSWORD, readLocalSession } from '../session.ts';
import { startOrgServer, type OrgServer } from './org-server.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const ACCOUNTS = 2500;
const VERSION = '62.0';

let server: OrgServer;
let dataDir: string;
let conn: Connection;

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'rest-api-'));
  server = await startOrgServer({
    root: ROOT,
    emulator: { answer: () => ({ status: 200, body: '{"status":"success"}' }) },
    dataDir,
    seed: false,
    tickMs: 0,
  });
  const { org } = server;
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) =>
    org.record('Account', { Name: `Acct ${String(i).padStart(4, '0')}`, AnnualRevenue: i * 1.5 }),
  );
  org.dml('insert', accounts, { mode: 'bulk' });
  const first = accounts[0]?.fields.get('id');
  org.dml('insert', [
    org.record('Contact', { LastName: 'Parented', AccountId: String(first) }),
    org.record('Contact', { LastName: 'Orphan' }),
  ]);
  const session = readLocalSession(dataDir);
  conn = new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, version: VERSION });
});

after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The errorCode of a jsforce call that must fail. */
async function errorCode(call: () => PromiseLike<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    return (error as { errorCode?: string }).errorCode ?? String(error);
  }
  return 'no error';
}

describe('session and authentication', () => {
  it('a CLI finds the running org in its session file; none runs elsewhere', () => {
    assert.deepEqual(readLocalSession(dataDir), server.session);
    assert.equal(server.session.username, 'admin@clevertap-import.local');
    const empty = mkdtempSync(path.join(tmpdir(), 'rest-none-'));
    try {
      assert.throws(() => readLocalSession(empty), /No local org is running: start one with npm start/);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('refuses a request without a token, or with an unknown one, as Salesforce words it', async () => {
    const response = await fetch(`${server.url}/services/data/v${VERSION}/sobjects`);
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), [
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
    const stranger = new Connection({ instanceUrl: server.url, accessToken: 'nope', version: VERSION });
    assert.equal(await errorCode(() => stranger.query('SELECT Id FROM Account')), 'INVALID_SESSION_ID');
  });

  it('lists the versions and the resources of one; an unknown path is NOT_FOUND', async () => {
    const versions = (await (await fetch(`${server.url}/services/data/`)).json()) as {
      version: string;
      label: string;
    }[];
    assert.deepEqual(
      versions.find((v) => v.version === '62.0'),
      {
        label: "Winter '25",
        url: '/services/data/v62.0',
        version: '62.0',
      },
    );
    assert.equal(versions.length, 36);
    const resources = await conn.request<Record<string, string>>(`/services/data/v${VERSION}/`);
    assert.equal(resources.query, `/services/data/v${VERSION}/query`);
    const unknown = await fetch(`${server.url}/services/nowhere`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), [
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
  });
});

describe('query', () => {
  it('pages 2 000 records at a time; queryMore follows nextRecordsUrl', async () => {
    const first = await conn.query<{ Name: string }>('SELECT Name FROM Account ORDER BY Name');
    assert.equal(first.totalSize, ACCOUNTS);
    assert.equal(first.done, false);
    assert.equal(first.records.length, 2000);
    assert.match(first.nextRecordsUrl ?? '', /\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
    const rest = await conn.queryMore<{ Name: string }>(first.nextRecordsUrl ?? '');
    assert.equal(rest.done, true);
    assert.equal(rest.nextRecordsUrl, undefined);
    assert.deepEqual(
      [first.records[0]?.Name, rest.records.at(-1)?.Name, rest.records.length],
      ['Acct 0000', 'Acct 2499', ACCOUNTS - 2000],
    );
  });

  it('honours Sforce-Query-Options batchSize, and autoFetch gets every batch', async () => {
    const small = await conn.query('SELECT Id FROM Account', {
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
    });
    assert.equal(small.records.length, 500);
    assert.match(small.nextRecordsUrl ?? '', /-500$/);
    const all = await conn.query('SELECT Id FROM Account', { autoFetch: true, maxFetch: 10_000 });
    assert.equal(all.records.length, ACCOUNTS);
    assert.equal(new Set(all.records.map((r) => r.Id)).size, ACCOUNTS);
  });

  it('writes records in the API JSON: attributes, parents nested or null, children nested or null, dates', async () => {
    const contacts = await conn.query(
      "SELECT LastName, Account.Name, CreatedDate, Birthdate FROM Contact WHERE LastName IN ('Parented', 'Orphan') ORDER BY LastName DESC",
    );
    const [parented, orphan] = contacts.records as Record<string, unknown>[];
    assert.deepEqual(Object.keys(parented ?? {}), ['attributes', 'LastName', 'Account', 'CreatedDate', 'Birthdate']);
    const account = parented?.Account as { attributes: { type: string; url: string }; Name: string };
    assert.equal(account.Name, 'Acct 0000');
    assert.match(account.attributes.url, /^\/services\/data\/v62\.0\/sobjects\/Account\/001\w{15}$/);
    assert.equal(orphan?.Account, null);
    assert.equal(orphan?.Birthdate, null);
    assert.match(String(parented?.CreatedDate), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);

    const accounts = await conn.query(
      "SELECT Name, AnnualRevenue, (SELECT LastName FROM Contacts) FROM Account WHERE Name IN ('Acct 0000', 'Acct 0003') ORDER BY Name",
    );
    const [withChild, without] = accounts.records as Record<string, unknown>[];
    assert.deepEqual(withChild?.Contacts, {
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: {
            type: 'Contact',
            url: `/services/data/v62.0/sobjects/Contact/${(await contactId('Parented')) ?? ''}`,
          },
          LastName: 'Parented',
        },
      ],
    });
    assert.equal(without?.Contacts, null);
    assert.equal(without?.AnnualRevenue, 4.5);

    await conn.sobject('Opportunity').create({ Name: 'Dated', StageName: 'Prospecting', CloseDate: '2026-12-05' });
    const [opportunity] = (await conn.query("SELECT CloseDate FROM Opportunity WHERE Name = 'Dated'")).records;
    assert.equal(opportunity?.CloseDate, '2026-12-05');
  });

  it('COUNT() answers totalSize alone; queryAll sees deleted records', async () => {
    const count = await conn.query('SELECT COUNT() FROM Account');
    assert.deepEqual([count.totalSize, count.records, count.done], [ACCOUNTS, [], true]);
    const { id } = await conn.sobject('Account').create({ Name: 'Binned' });
    await conn.sobject('Account').destroy(id ?? '');
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'Binned'";
    assert.equal((await conn.query(soql)).totalSize, 0);
    const all = await conn.query(soql, { scanAll: true });
    assert.deepEqual(all.records[0]?.IsDeleted, true);
  });

  it('refuses bad SOQL as MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE', async () => {
    assert.equal(await errorCode(() => conn.query('SELECT FROM Account')), 'MALFORMED_QUERY');
    assert.equal(await errorCode(() => conn.query('SELECT Nope__c FROM Account')), 'INVALID_FIELD');
    assert.equal(await errorCode(() => conn.query('SELECT Id FROM Nope__c')), 'INVALID_TYPE');
    assert.equal(
      await errorCode(() => conn.queryMore('/services/data/v62.0/query/01gnothere-2000')),
      'INVALID_QUERY_LOCATOR',
    );
  });
});

/**
 * The codes of a collection result's errors. sObject Collections name them `statusCode` (REST API
 * Developer Guide, "sObject Collections"), where jsforce's SaveError type says `errorCode`.
 */
function statusCodes(result: SaveResult | undefined): string[] {
  return (result?.errors ?? []).map((e) => (e as unknown as { statusCode: string }).statusCode);
}

async function contactId(lastName: string): Promise<string | undefined> {
  const [row] = (await conn.query(`SELECT Id FROM Contact WHERE LastName = '${lastName}'`)).records;
  return row?.Id;
}

describe('describe', () => {
  it('describeGlobal lists the objects with their key prefixes', async () => {
    const global = await conn.describeGlobal();
    const account = global.sobjects.find((o) => o.name === 'Account');
    assert.deepEqual(
      [account?.keyPrefix, account?.custom, account?.queryable, account?.createable],
      ['001', false, true, true],
    );
    const sync = global.sobjects.find((o) => o.name === 'CleverTap_Sync__c');
    assert.deepEqual([sync?.custom, sync?.label, sync?.labelPlural], [true, 'CleverTap Sync', 'CleverTap Syncs']);
    assert.equal(global.maxBatchSize, 200);
  });

  it('describes a standard object', async () => {
    const lead = await conn.sobject('Lead').describe();
    const lastName = lead.fields.find((f) => f.name === 'LastName');
    assert.deepEqual(
      [lastName?.type, lastName?.length, lastName?.createable, lastName?.custom],
      ['string', 80, true, false],
    );
    const converted = lead.fields.find((f) => f.name === 'ConvertedDate');
    assert.deepEqual([converted?.type, converted?.soapType], ['date', 'xsd:date']);
    const id = lead.fields.find((f) => f.name === 'Id');
    assert.deepEqual([id?.type, id?.createable, id?.nillable], ['id', false, false]);
  });

  it('describes a custom object: references, picklists, child relationships', async () => {
    const sync = await conn.sobject('CleverTap_Sync__c').describe();
    assert.equal(sync.custom, true);
    assert.match(sync.keyPrefix ?? '', /^a\w{2}$/);
    const connection = sync.fields.find((f) => f.name === 'Connection__c');
    assert.deepEqual(
      [connection?.type, connection?.referenceTo, connection?.relationshipName, connection?.nillable],
      ['reference', ['CleverTap_Connection__c'], 'Connection__r', false],
    );
    const action = sync.fields.find((f) => f.name === 'Delete_Action__c');
    assert.equal(action?.type, 'picklist');
    assert.deepEqual(
      action?.picklistValues?.map((v) => v.value),
      ['None', 'Send Event', 'Delete Profile'],
    );
    assert.ok(
      sync.childRelationships.some(
        (r) =>
          r.childSObject === 'CleverTap_Field_Mapping__c' &&
          r.relationshipName === 'Field_Mappings__r' &&
          r.cascadeDelete,
      ),
    );
  });
});

describe('records', () => {
  it('creates, retrieves, updates and destroys one record', async () => {
    const accounts = conn.sobject('Account');
    const created = await accounts.create({ Name: 'Solo', AnnualRevenue: 12.5 });
    assert.equal(created.success, true);
    const id = created.id ?? '';
    const read = (await accounts.retrieve(id)) as Record<string, unknown>;
    assert.deepEqual([read.Name, read.AnnualRevenue, read.Id], ['Solo', 12.5, id]);
    const some = (await accounts.retrieve(id, { fields: ['Name'] })) as Record<string, unknown>;
    assert.deepEqual(Object.keys(some), ['attributes', 'Id', 'Name']);
    assert.deepEqual(await accounts.update({ Id: id, Name: 'Solo 2' }), { id, success: true, errors: [] });
    assert.equal(((await accounts.retrieve(id)) as { Name: string }).Name, 'Solo 2');
    assert.deepEqual(await accounts.destroy(id), { id, success: true, errors: [] });
    assert.equal(await errorCode(() => accounts.retrieve(id)), 'NOT_FOUND');
  });

  it("answers DML errors with the runtime's codes; an unknown field is INVALID_FIELD", async () => {
    assert.equal(
      await errorCode(() => conn.sobject('Lead').create({ LastName: 'No company' })),
      'REQUIRED_FIELD_MISSING',
    );
    assert.equal(await errorCode(() => conn.sobject('Account').create({ Name: 'x', Nope__c: 1 })), 'INVALID_FIELD');
    assert.equal(
      await errorCode(() => conn.sobject('Account').create({ Name: 'x', CreatedDate: '2020-01-01T00:00:00Z' })),
      'INVALID_FIELD_FOR_INSERT_UPDATE',
    );
    assert.equal(
      await errorCode(() => conn.sobject('Account').update({ Id: '001000000000000AAA', Name: 'x' })),
      'NOT_FOUND',
    );
  });

  it('creates 200 with one bad record: allOrNone true saves none, false saves 199', async () => {
    const contacts = (tag: string) =>
      Array.from({ length: 200 }, (_, i) => (i === 57 ? { FirstName: 'No last name' } : { LastName: `${tag} ${i}` }));
    const before = (await conn.query('SELECT COUNT() FROM Contact')).totalSize;
    const all = await conn.sobject('Contact').create(contacts('All'), { allOrNone: true });
    assert.equal(all.length, 200);
    assert.ok(all.every((r) => !r.success));
    assert.deepEqual(statusCodes(all[57]), ['REQUIRED_FIELD_MISSING']);
    assert.deepEqual(statusCodes(all[0]), ['ALL_OR_NONE_OPERATION_ROLLED_BACK']);
    assert.equal((await conn.query('SELECT COUNT() FROM Contact')).totalSize, before);

    const partial = await conn.sobject('Contact').create(contacts('Some'), { allOrNone: false });
    assert.equal(partial.filter((r) => r.success).length, 199);
    assert.equal((await conn.query('SELECT COUNT() FROM Contact')).totalSize, before + 199);

    const ids = partial.flatMap((r) => (r.success ? [r.id] : [])).slice(0, 3);
    const read = (await conn.sobject('Contact').retrieve(ids, { fields: ['LastName'] })) as { LastName: string }[];
    assert.deepEqual(
      read.map((r) => r.LastName),
      ['Some 0', 'Some 1', 'Some 2'],
    );
    const updated = await conn.sobject('Contact').update(
      ids.map((Id) => ({ Id, Title: 'Updated' })),
      { allOrNone: true },
    );
    assert.ok(updated.every((r) => r.success));
    const destroyed = await conn.sobject('Contact').destroy(ids, { allOrNone: true });
    assert.deepEqual(
      destroyed.map((r) => [r.id, r.success]),
      ids.map((id) => [id, true]),
    );
  });

  it('refuses more than 200 records in one collection call', async () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ LastName: `Many ${i}` }));
    assert.equal(await errorCode(() => conn.sobject('Contact').create(many)), 'EXCEEDED_ID_LIMIT');
  });
});

describe('Tooling executeAnonymous', () => {
  it('runs Apex; a compile problem has its line and column and runs nothing; an exception rolls back', async () => {
    assert.deepEqual(await conn.tooling.executeAnonymous("insert new Account(Name = 'From Apex');"), {
      line: -1,
      column: -1,
      compiled: true,
      success: true,
      compileProblem: null,
      exceptionStackTrace: null,
      exceptionMessage: null,
    });
    const problem = await conn.tooling.executeAnonymous('Integer x = ;');
    assert.deepEqual([problem.compiled, problem.success, problem.line, problem.column], [false, false, 1, 13]);
    // A block that parses but does not compile runs nothing: the insert before the bad line is not made.
    const undefinedName = await conn.tooling.executeAnonymous(
      "insert new Account(Name = 'Never');\nInteger x = missing + 1;",
    );
    assert.deepEqual(
      [undefinedName.compiled, undefinedName.success, undefinedName.line, undefinedName.compileProblem],
      [false, false, 2, 'Variable does not exist: missing'],
    );
    const failed = await conn.tooling.executeAnonymous(
      "insert new Account(Name = 'Rolled back'); Integer i = null; i++;",
    );
    assert.deepEqual([failed.compiled, failed.success], [true, false]);
    assert.match(failed.exceptionMessage ?? '', /^System\.NullPointerException: /);
    assert.match(failed.exceptionStackTrace ?? '', /^AnonymousBlock: line 1/);
    const names = await conn.query("SELECT Name FROM Account WHERE Name IN ('From Apex', 'Rolled back', 'Never')");
    assert.deepEqual(
      names.records.map((r) => r.Name),
      ['From Apex'],
    );
  });
});

describe('another user', () => {
  let ops: Connection;
  before(async () => {
    ops = new Connection({ oauth2: { loginUrl: server.url, ...LOCAL_OAUTH_CLIENT }, version: VERSION });
    await ops.login('ops@clevertap-import.local', LOCAL_PASSWORD);
  });

  it('logs in with the OAuth 2.0 username-password flow; a wrong password is refused', async () => {
    assert.equal(ops.instanceUrl, server.url);
    assert.match(ops.userInfo?.id ?? '', /^005\w{15}$/);
    const wrong = new Connection({ oauth2: { loginUrl: server.url, ...LOCAL_OAUTH_CLIENT }, version: VERSION });
    await assert.rejects(() => wrong.login('ops@clevertap-import.local', 'guess'), /authentication failure/);
  });

  it('the operations user is refused the fields and objects it lacks, creates, and executeAnonymous', async () => {
    assert.equal((await ops.query('SELECT Name, Status__c FROM CleverTap_Connection__c')).totalSize, 0);
    assert.equal(
      await errorCode(() => ops.query('SELECT Default_Country_Code__c FROM CleverTap_Connection__c')),
      'INVALID_FIELD',
    );
    assert.equal(await errorCode(() => ops.query('SELECT Id FROM CleverTap_Field_Mapping__c')), 'INVALID_TYPE');
    assert.equal(await errorCode(() => ops.sobject('CleverTap_Field_Mapping__c').describe()), 'NOT_FOUND');
    const describe = await ops.sobject('CleverTap_Connection__c').describe();
    assert.equal(describe.createable, false);
    assert.equal(
      describe.fields.some((f) => f.name === 'Default_Country_Code__c'),
      false,
    );
    assert.equal(
      await errorCode(() => ops.sobject('CleverTap_Connection__c').create({ Name: 'x', Region__c: 'eu1' })),
      'INSUFFICIENT_ACCESS_OR_READONLY',
    );
    assert.equal(await errorCode(() => ops.tooling.executeAnonymous('System.debug(1);')), 'INSUFFICIENT_ACCESS');
  });
});
