// Conformance tests of the SOQL engine on a tiny in-memory org: standard objects from the
// generated schema plus the project's own CleverTap_Outbox__c. Expected behaviour comes from the
// SOQL and SOSL Reference and the Apex Developer Guide (pages cited where it is not obvious).
// Run: node --import tsx --test tools/apex-runtime/test/soql.test.ts
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ApexParserFactory, type ExpressionContext } from '@apexdevtools/apex-parser';
import { loadSchema, type Schema, type SchemaObject } from '../../../scripts/lib/schema.ts';
import type { Expr } from '../src/language/ast.ts';
import { PlatformError, UnsupportedApexFeature } from '../src/language/errors.ts';
import {
  AGGREGATE_RESULT,
  checkSoql,
  executeSoql,
  soqlLimitCharges,
  type SoqlResult,
} from '../src/platform/soql/execute.ts';
import {
  fromQueryContext,
  parseDatetimeLiteral,
  parseDynamicSoql,
  parseTimeLiteral,
  SoqlCompileError,
  unescapeString,
  type SoqlQuery,
} from '../src/language/soql/query.ts';
import type { RecordReader, StoredRecord } from '../src/platform/store.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexId,
  ApexList,
  ApexSet,
  SObjectValue,
  type Value,
} from '../src/language/values.ts';

// ---------------------------------------------------------------------------------------------
// The in-memory org

/** Key prefixes for Ids; the schema carries none, so the test picks them. */
const PREFIXES: Record<string, string> = {
  account: '001',
  contact: '003',
  user: '005',
  opportunity: '006',
  task: '00T',
  group: '00G',
  clevertap_outbox__c: 'a07',
};

class MemoryStore implements RecordReader {
  private readonly byObject = new Map<string, StoredRecord[]>();
  private readonly ids = new Map<string, StoredRecord>();
  private sequence = 0;

  add(object: SchemaObject, values: Record<string, Value>, deleted = false): StoredRecord {
    const prefix = PREFIXES[object.name.toLowerCase()] ?? 'a99';
    const id = new ApexId(`${prefix}${String(++this.sequence).padStart(12, '0')}`);
    const fields = new Map<string, Value>([['id', id]]);
    for (const [name, value] of Object.entries(values)) fields.set(name.toLowerCase(), value);
    const record: StoredRecord = { id, object, fields, deleted };
    const list = this.byObject.get(object.name.toLowerCase()) ?? [];
    list.push(record);
    this.byObject.set(object.name.toLowerCase(), list);
    this.ids.set(id.value, record);
    return record;
  }

  records(objectApiName: string): Iterable<StoredRecord> {
    return this.byObject.get(objectApiName.toLowerCase()) ?? [];
  }

  byId(id: ApexId): StoredRecord | undefined {
    return this.ids.get(id.value);
  }
}

const utc = (text: string): ApexDatetime => new ApexDatetime(Date.parse(text));
const day = (text: string): ApexDate => new ApexDate(...(text.split('-').map(Number) as [number, number, number]));
const dec = (text: string): ApexDecimal => ApexDecimal.parse(text);

/** 2024-03-15T05:00Z is Thursday 2024-03-14, 22:00 in Los Angeles (PDT, UTC-7). */
const NOW = utc('2024-03-15T05:00:00Z');
const ZONE = 'America/Los_Angeles';

let schema: Schema;
let store: MemoryStore;
const r: Record<string, StoredRecord> = {};

function seed(): void {
  schema = loadSchema('/work/main');
  // A multi-select picklist to test INCLUDES/EXCLUDES (the generated standard fields have none).
  schema.addField('Account', {
    name: 'Regions__c',
    type: 'multipicklist',
    required: false,
    custom: true,
    referenceTo: [],
  });
  store = new MemoryStore();
  const obj = (name: string): SchemaObject => schema.getObject(name) ?? assert.fail(name);
  const [account, contact, task, user, group, opportunity, outbox] = [
    'Account',
    'Contact',
    'Task',
    'User',
    'Group',
    'Opportunity',
    'CleverTap_Outbox__c',
  ].map(obj);
  r.ada = store.add(user, { Name: 'Ada Admin' });
  r.queue = store.add(group, { Name: 'Support Queue' });
  r.acme = store.add(account, {
    Name: 'Acme',
    AnnualRevenue: dec('1000.50'),
    NumberOfEmployees: 50,
    OwnerId: r.ada.id,
    Industry: 'Tech',
    Regions__c: 'EMEA;APAC',
    IsPartner: true,
    CreatedDate: utc('2024-03-14T20:00:00Z'),
  });
  r.beta = store.add(account, {
    Name: 'beta corp',
    AnnualRevenue: dec('200'),
    NumberOfEmployees: 5,
    OwnerId: r.ada.id,
    Industry: null,
    Regions__c: 'AMER',
    IsPartner: false,
    CreatedDate: utc('2024-03-15T08:00:00Z'),
  });
  r.gamma = store.add(account, {
    Name: 'Gamma',
    AnnualRevenue: null,
    NumberOfEmployees: null,
    Industry: 'Tech',
    Regions__c: null,
    IsPartner: false,
    CreatedDate: utc('2024-03-13T12:00:00Z'),
  });
  r.gone = store.add(account, { Name: 'Deleted Co', Industry: 'Tech', CreatedDate: utc('2024-03-01T00:00:00Z') }, true);
  r.sale = store.add(account, {
    Name: '50% Off',
    Industry: 'Retail',
    IsPartner: false,
    CreatedDate: utc('2024-02-10T00:00:00Z'),
  });
  r.smith = store.add(contact, { LastName: 'Smith', AccountId: r.acme.id, Email: 'SMITH@example.com' });
  r.jones = store.add(contact, { LastName: 'jones', AccountId: r.acme.id, Email: null });
  r.brown = store.add(contact, { LastName: 'Brown', AccountId: r.beta.id, Email: 'brown@example.com' });
  r.orphan = store.add(contact, { LastName: 'Orphan', AccountId: null });
  r.ghost = store.add(contact, { LastName: 'Ghost', AccountId: r.acme.id }, true);
  r.deal = store.add(opportunity, { Name: 'Big Deal', AccountId: r.acme.id });
  r.call = store.add(task, {
    Subject: 'Call',
    WhatId: r.acme.id,
    OwnerId: r.ada.id,
    ActivityDate: day('2024-03-14'),
    Status: 'Open',
  });
  r.email = store.add(task, {
    Subject: 'Email',
    WhatId: r.deal.id,
    OwnerId: r.queue.id,
    ActivityDate: day('2024-03-07'),
    Status: 'Open',
  });
  r.follow = store.add(task, {
    Subject: 'Follow up',
    WhatId: null,
    OwnerId: r.ada.id,
    ActivityDate: day('2024-03-15'),
    Status: 'Done',
  });
  r.plan = store.add(task, { Subject: 'Plan', OwnerId: r.ada.id, ActivityDate: day('2024-02-20'), Status: 'Done' });
  r.future = store.add(task, { Subject: 'Future', OwnerId: r.ada.id, ActivityDate: day('2024-03-20'), Status: 'Open' });
  r.o1 = store.add(outbox, {
    Status__c: 'Pending',
    Attempts__c: dec('0'),
    Next_Attempt__c: utc('2024-03-15T04:00:00Z'),
    Record_Ids__c: 'x',
    Operation__c: 'Create',
  });
  r.o2 = store.add(outbox, {
    Status__c: 'Pending',
    Attempts__c: dec('2'),
    Next_Attempt__c: utc('2024-03-15T06:00:00Z'),
    Operation__c: 'Update',
  });
  r.o3 = store.add(outbox, {
    Status__c: 'Retrying',
    Attempts__c: dec('3'),
    Next_Attempt__c: utc('2024-03-14T00:00:00Z'),
    Operation__c: 'Create',
  });
  r.o4 = store.add(outbox, {
    Status__c: 'Paused',
    Attempts__c: dec('1'),
    Next_Attempt__c: null,
    Operation__c: 'Delete',
  });
}

// ---------------------------------------------------------------------------------------------
// Running queries

/** Binds are Apex expressions; here every bind is a name looked up in a map. */
const convertBind = (ctx: ExpressionContext): Expr => ({ kind: 'name', name: ctx.getText(), line: ctx.start.line });

function env(binds: Record<string, Value>, now = NOW, timeZone = ZONE) {
  const bind = (expr: Expr): Value => {
    if (expr.kind !== 'name' || !(expr.name in binds)) throw new Error(`no bind ${JSON.stringify(expr)}`);
    return binds[expr.name];
  };
  return { schema, store, bind, now, timeZone };
}

function dynamic(text: string): SoqlQuery {
  return parseDynamicSoql(text, convertBind, 'Test.cls', 7);
}

/** Inline SOQL, converted from the parse tree as the interpreter does. */
function inline(text: string): SoqlQuery {
  const parser = ApexParserFactory.createParser(text);
  return fromQueryContext(parser.soqlLiteral().query(), convertBind, 'Inline.cls');
}

function run(text: string, binds: Record<string, Value> = {}): SoqlResult {
  return executeSoql(dynamic(text), env(binds));
}

function rows(text: string, binds: Record<string, Value> = {}): SObjectValue[] {
  const result = run(text, binds);
  assert.ok(result.kind !== 'count', 'expected rows');
  return result.rows;
}

/** The given field of each row (lower-case key), e.g. names in order. */
function column(list: SObjectValue[], key: string): Value[] {
  return list.map((row) => row.fields.get(key) ?? null);
}

function names(text: string, binds: Record<string, Value> = {}, key = 'name'): Value[] {
  return column(rows(text, binds), key);
}

function throwsQuery(fn: () => unknown, message: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof PlatformError, `expected PlatformError, got ${String(error)}`);
    assert.equal(error.apexType, 'System.QueryException');
    assert.equal(error.message, message);
    return true;
  });
}

function throwsUnsupported(fn: () => unknown, construct: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof UnsupportedApexFeature, `expected UnsupportedApexFeature, got ${String(error)}`);
    assert.match(error.message, new RegExp(`^UnsupportedApexFeature: SOQL ${construct}`));
    return true;
  });
}

const WSDL = 'Please reference your WSDL or the describe call for the appropriate names.';

before(seed);

// ---------------------------------------------------------------------------------------------

describe('select list', () => {
  it('populates exactly the queried fields, Id always included, rows strict', () => {
    const [row] = rows("SELECT Name FROM Account WHERE Name = 'Acme'");
    assert.deepEqual([...row.populated].sort(), ['id', 'name']);
    assert.equal(row.fields.get('name'), 'Acme');
    assert.equal((row.fields.get('id') as ApexId).value, r.acme.id.value);
    assert.equal(row.strict, true);
    assert.equal(row.object.name, 'Account');
  });

  it('nests a parent path under the relationship name, with the parent Id; no parent gives null', () => {
    const list = rows('SELECT LastName, Account.Name, Account.Industry FROM Contact ORDER BY LastName');
    const smith = list.find((row) => row.fields.get('lastname') === 'Smith');
    const account = smith?.fields.get('account');
    assert.ok(account instanceof SObjectValue);
    assert.deepEqual([...account.populated].sort(), ['id', 'industry', 'name']);
    assert.equal(account.fields.get('name'), 'Acme');
    assert.equal(account.object.name, 'Account');
    const orphan = list.find((row) => row.fields.get('lastname') === 'Orphan');
    assert.equal(orphan?.fields.get('account'), null);
    assert.ok(orphan?.populated.has('account'));
    assert.ok(!smith?.populated.has('accountid'), 'the lookup field itself was not queried');
  });

  it('traverses two parent levels (Contact → Account → Owner)', () => {
    const [row] = rows("SELECT Account.Owner.Name FROM Contact WHERE LastName = 'Brown'");
    const owner = (row.fields.get('account') as SObjectValue).fields.get('owner') as SObjectValue;
    assert.equal(owner.fields.get('name'), 'Ada Admin');
    assert.equal(owner.object.name, 'User');
  });

  it('follows polymorphic What/Owner to the record actually referenced', () => {
    const list = rows(
      'SELECT Subject, What.Name, What.Type, Owner.Name FROM Task WHERE ActivityDate >= 2024-03-07 ORDER BY ActivityDate LIMIT 2',
    );
    assert.deepEqual(column(list, 'subject'), ['Email', 'Call']);
    const what = list.map((row) => row.fields.get('what') as SObjectValue);
    assert.deepEqual(
      what.map((w) => w.object.name),
      ['Opportunity', 'Account'],
    );
    assert.deepEqual(
      what.map((w) => w.fields.get('name')),
      ['Big Deal', 'Acme'],
    );
    assert.deepEqual(
      what.map((w) => w.fields.get('type')),
      ['Opportunity', 'Account'],
    );
    const owners = list.map((row) => row.fields.get('owner') as SObjectValue);
    assert.deepEqual(
      owners.map((o) => [o.object.name, o.fields.get('name')]),
      [
        ['Group', 'Support Queue'],
        ['User', 'Ada Admin'],
      ],
    );
  });

  it('returns child subquery rows as a List under the relationship name (empty list when none)', () => {
    const result = run(
      "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC) FROM Account WHERE Industry != 'Retail' ORDER BY Name",
    );
    assert.equal(result.kind, 'records');
    const byName = new Map(result.rows.map((row) => [row.fields.get('name'), row.fields.get('contacts')]));
    const acme = byName.get('Acme');
    assert.ok(acme instanceof ApexList);
    assert.equal(acme.elementType.name, 'Contact');
    assert.deepEqual(
      column(acme.items as SObjectValue[], 'lastname'),
      ['Smith', 'jones'],
      'deleted Ghost excluded; DESC is case-insensitive',
    );
    assert.deepEqual((byName.get('Gamma') as ApexList).items, []);
    // 3 accounts (Acme, beta corp, Gamma) + 3 contacts (Smith, jones, Brown).
    assert.equal(result.queryRows, 6);
  });

  it('filters and limits child rows per parent', () => {
    const [acme] = rows(
      "SELECT Id, (SELECT Id FROM Contacts WHERE LastName LIKE 'S%' LIMIT 1) FROM Account WHERE Id = :id",
      { id: r.acme.id },
    );
    const contacts = acme.fields.get('contacts') as ApexList;
    assert.deepEqual(
      contacts.items.map((c) => ((c as SObjectValue).fields.get('id') as ApexId).value),
      [r.smith.id.value],
    );
  });

  it('accepts the FROM alias and the object name as a path prefix', () => {
    assert.deepEqual(names("SELECT a.Name FROM Account a WHERE a.Name = 'Gamma'"), ['Gamma']);
    assert.deepEqual(names("SELECT Account.Name FROM Account WHERE Account.Name = 'Gamma'"), ['Gamma']);
  });

  it('rejects a duplicate field and an alias outside aggregate queries', () => {
    throwsQuery(() => run('SELECT Name, name FROM Account'), 'duplicate field selected: name');
    throwsQuery(() => run('SELECT Name n FROM Account'), 'Only aggregate expressions use field aliasing');
  });
});

describe('WHERE', () => {
  it('compares strings case-insensitively', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name = 'ACME'"), ['Acme']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name > 'b' AND Name < 'C'"), ['beta corp']);
  });

  it('treats = null, != null and != value two-valued (nulls match !=)', () => {
    assert.deepEqual(names('SELECT Name FROM Account WHERE Industry = null'), ['beta corp']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Industry != null'), ['Acme', 'Gamma', '50% Off']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry != 'Tech'"), ['beta corp', '50% Off']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry <> 'Tech'"), ['beta corp', '50% Off']);
  });

  it("treats '' as null (the platform stores no empty text)", () => {
    assert.deepEqual(names("SELECT LastName FROM Contact WHERE Email = ''", {}, 'lastname'), ['jones', 'Orphan']);
  });

  it('LIKE: % and _ wildcards, case-insensitive, backslash escapes a wildcard', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE 'a%'"), ['Acme']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE '_AMMA'"), ['Gamma']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Name LIKE :p', { p: '50\\% %' }), ['50% Off']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Name LIKE :p', { p: '5\\_%' }), []);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Industry LIKE :p', { p: null }), []);
  });

  it('IN / NOT IN with a literal list', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry IN ('tech', 'RETAIL')"), [
      'Acme',
      'Gamma',
      '50% Off',
    ]);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry NOT IN ('Tech')"), ['beta corp', '50% Off']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Industry IN ('Retail', null)"), ['beta corp', '50% Off']);
  });

  it('IN with bound Ids matches 15- and 18-character forms', () => {
    const mixed = new ApexList({ name: 'String', args: [] }, [
      r.acme.id.value.slice(0, 15),
      r.gamma.id.value,
      r.gamma.id.value.toLowerCase(),
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Id IN :ids', { ids: mixed }), ['Acme', 'Gamma']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE Id = :id', { id: r.beta.id.value.slice(0, 15) }), [
      'beta corp',
    ]);
    const set = new ApexSet({ name: 'Id', args: [] });
    set.entries.set(r.smith.id.value, r.smith.id);
    assert.deepEqual(
      names('SELECT LastName FROM Contact WHERE Id NOT IN :s AND AccountId = :a', { s: set, a: r.acme.id }, 'lastname'),
      ['jones'],
    );
  });

  it('IN with a bound Set<String> and with a List<SObject> (their Ids)', () => {
    const statuses = new ApexSet({ name: 'String', args: [] });
    for (const s of ['pending', 'Paused']) statuses.entries.set(s, s);
    assert.equal(rows('SELECT Id FROM CleverTap_Outbox__c WHERE Status__c IN :statuses', { statuses }).length, 3);
    const accounts = rows("SELECT Id FROM Account WHERE Industry = 'Tech'");
    const list = new ApexList({ name: 'Account', args: [] }, accounts);
    assert.deepEqual(
      names('SELECT LastName FROM Contact WHERE AccountId IN :accts ORDER BY LastName', { accts: list }, 'lastname'),
      ['jones', 'Smith'],
    );
  });

  it('rejects a string that is not an Id for an Id field', () => {
    throwsQuery(() => run('SELECT Id FROM Account WHERE Id = :id', { id: 'abc' }), 'invalid ID field: abc');
    throwsQuery(
      () => run("SELECT Id FROM Contact WHERE AccountId IN ('001000000000001AAA', 'nope')"),
      'invalid ID field: nope',
    );
  });

  it('compares numbers exactly across Decimal and Integer', () => {
    assert.deepEqual(names('SELECT Name FROM Account WHERE AnnualRevenue > 200'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE AnnualRevenue = 1000.5'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE NumberOfEmployees >= :n', { n: dec('5.0') }), [
      'Acme',
      'beta corp',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account WHERE NumberOfEmployees < -1'), []);
  });

  it('compares Dates and Datetimes (literals with zone offsets, binds)', () => {
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate > 2024-03-14', {}, 'subject'), [
      'Follow up',
      'Future',
    ]);
    // 2024-03-14T13:00:00-07:00 is 20:00Z: only Acme was created at or after it.
    assert.deepEqual(
      names(
        'SELECT Name FROM Account WHERE CreatedDate >= 2024-03-14T13:00:00-07:00 AND CreatedDate < 2024-03-15T08:00:00Z',
      ),
      ['Acme'],
    );
    assert.deepEqual(
      names(
        'SELECT Next_Attempt__c FROM CleverTap_Outbox__c WHERE Next_Attempt__c <= :now ORDER BY Next_Attempt__c',
        { now: NOW },
        'next_attempt__c',
      ),
      [utc('2024-03-14T00:00:00Z'), utc('2024-03-15T04:00:00Z')],
    );
  });

  it('filters booleans; a null Boolean matches false and = null means = false', () => {
    // SOQL reference, "Use null in WHERE": WHERE Test_c = null is equivalent to WHERE Test_c = false.
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsPartner = null'), ['beta corp', 'Gamma', '50% Off']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsPartner != null'), ['Acme']);
    // A missing parent reads as null, so as false: Orphan has no Account.
    const lastNames = names(
      'SELECT LastName FROM Contact WHERE Account.IsPartner = false ORDER BY LastName',
      {},
      'lastname',
    );
    assert.deepEqual(lastNames, ['Brown', 'Orphan']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsPartner = true'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsPartner = :b', { b: false }), [
      'beta corp',
      'Gamma',
      '50% Off',
    ]);
  });

  it('combines AND, OR, NOT with parentheses', () => {
    assert.deepEqual(
      names("SELECT Name FROM Account WHERE (Industry = 'Tech' OR Industry = null) AND (NOT Name LIKE 'g%')"),
      ['Acme', 'beta corp'],
    );
    assert.deepEqual(names("SELECT Name FROM Account WHERE NOT (Industry = 'Tech' OR IsPartner = false)"), []);
  });

  it('INCLUDES / EXCLUDES on a multi-select picklist', () => {
    assert.deepEqual(names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('apac;emea')"), ['Acme']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Regions__c INCLUDES ('EMEA;AMER', 'AMER')"), ['beta corp']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Regions__c EXCLUDES ('AMER')"), [
      'Acme',
      'Gamma',
      '50% Off',
    ]);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Regions__c = 'APAC;EMEA'"), ['Acme']);
  });

  it('semi-join and anti-join on a subquery', () => {
    assert.deepEqual(
      names(
        "SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName != 'Smith') ORDER BY Name",
      ),
      ['Acme', 'beta corp'],
    );
    assert.deepEqual(names('SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)'), [
      'Gamma',
      '50% Off',
    ]);
  });

  it('excludes deleted records unless ALL ROWS', () => {
    assert.ok(!names('SELECT Name FROM Account').includes('Deleted Co'));
    assert.deepEqual(names('SELECT Name FROM Account WHERE IsDeleted = true ALL ROWS'), ['Deleted Co']);
    assert.equal(rows('SELECT Id FROM Contact ALL ROWS').length, 5);
  });

  it('rejects a Long Text Area in WHERE but selects it', () => {
    throwsQuery(
      () => run("SELECT Id FROM CleverTap_Outbox__c WHERE Record_Ids__c = 'x'"),
      "field 'Record_Ids__c' can not be filtered in query call",
    );
    assert.deepEqual(
      names(
        "SELECT Record_Ids__c FROM CleverTap_Outbox__c WHERE Operation__c = 'Create' AND Attempts__c = 0",
        {},
        'record_ids__c',
      ),
      ['x'],
    );
    throwsQuery(
      () => run('SELECT Id FROM CleverTap_Outbox__c ORDER BY Snapshot__c'),
      "field 'Snapshot__c' can not be sorted in a query call",
    );
  });

  it('rejects mismatched literal and bind types', () => {
    throwsQuery(
      () => run("SELECT Id FROM Account WHERE CreatedDate = '2024-01-01'"),
      "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes",
    );
    throwsQuery(
      () => run('SELECT Id FROM Account WHERE CreatedDate > :d', { d: day('2024-01-01') }),
      'Invalid bind expression type of Date for column of type Datetime',
    );
    throwsQuery(
      () => run('SELECT Id FROM Account WHERE Name = TODAY'),
      "value of filter criterion for field 'Name' must be of type string and should not be enclosed in quotes",
    );
  });
});

describe('date literals (user time zone America/Los_Angeles, today = Thursday 2024-03-14)', () => {
  it('TODAY / YESTERDAY / TOMORROW on a Datetime use local days', () => {
    // Acme 2024-03-14T20:00Z = 13:00 local on the 14th; beta 2024-03-15T08:00Z = 01:00 local on the 15th.
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = TODAY'), ['Acme']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = TOMORROW'), ['beta corp']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = YESTERDAY'), ['Gamma']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate > TODAY'), ['beta corp']);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate < TODAY'), ['Gamma', '50% Off']);
  });

  it('the same instant is another day in another zone', () => {
    const result = executeSoql(
      dynamic('SELECT Name FROM Account WHERE CreatedDate = TODAY'),
      env({}, NOW, 'Europe/Berlin'),
    );
    // In Berlin it is 06:00 on the 15th; beta corp (09:00 local on the 15th) is today.
    assert.deepEqual(column((result as { rows: SObjectValue[] }).rows, 'name'), ['beta corp']);
  });

  it('LAST_N_DAYS:n includes today; NEXT_N_DAYS:n starts tomorrow; N_DAYS_AGO:n is one day', () => {
    // "LAST_N_DAYS:1 includes yesterday and today" (SOQL reference, Date Formats and Date Literals in WHERE).
    assert.deepEqual(
      names('SELECT Subject FROM Task WHERE ActivityDate = LAST_N_DAYS:7 ORDER BY ActivityDate', {}, 'subject'),
      ['Email', 'Call'],
    );
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate = LAST_N_DAYS:6', {}, 'subject'), ['Call']);
    assert.deepEqual(
      names('SELECT Subject FROM Task WHERE ActivityDate = NEXT_N_DAYS:6 ORDER BY ActivityDate', {}, 'subject'),
      ['Follow up', 'Future'],
    );
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate = N_DAYS_AGO:7', {}, 'subject'), ['Email']);
    assert.deepEqual(
      names('SELECT Subject FROM Task WHERE ActivityDate = LAST_90_DAYS ORDER BY ActivityDate', {}, 'subject'),
      ['Plan', 'Email', 'Call'],
    );
  });

  it('weeks start on Sunday; months, quarters and years are calendar periods', () => {
    assert.deepEqual(
      names('SELECT Subject FROM Task WHERE ActivityDate = THIS_WEEK ORDER BY ActivityDate', {}, 'subject'),
      ['Call', 'Follow up'],
    );
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate = LAST_WEEK', {}, 'subject'), ['Email']);
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate = NEXT_WEEK', {}, 'subject'), ['Future']);
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate = LAST_MONTH', {}, 'subject'), ['Plan']);
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate = LAST_N_MONTHS:1', {}, 'subject'), ['Plan']);
    assert.equal(names('SELECT Subject FROM Task WHERE ActivityDate = THIS_MONTH', {}, 'subject').length, 4);
    assert.equal(names('SELECT Subject FROM Task WHERE ActivityDate = THIS_QUARTER', {}, 'subject').length, 5);
    assert.equal(names('SELECT Subject FROM Task WHERE ActivityDate = THIS_FISCAL_YEAR', {}, 'subject').length, 5);
    assert.deepEqual(names('SELECT Subject FROM Task WHERE ActivityDate = LAST_YEAR', {}, 'subject'), []);
    assert.deepEqual(names('SELECT Name FROM Account WHERE CreatedDate = N_MONTHS_AGO:1'), ['50% Off']);
  });
});

describe('ORDER BY, LIMIT, OFFSET', () => {
  it('defaults to ASC NULLS FIRST and DESC NULLS LAST, case-insensitive', () => {
    // ORDER BY reference: "the default is ascending order, nulls first"; DESC puts nulls last.
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Industry, Name'), [
      'beta corp',
      '50% Off',
      'Acme',
      'Gamma',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC'), [
      'Acme',
      'beta corp',
      'Gamma',
      '50% Off',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Industry ASC NULLS LAST, Name DESC'), [
      '50% Off',
      'Gamma',
      'Acme',
      'beta corp',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Name'), ['50% Off', 'Acme', 'beta corp', 'Gamma']);
  });

  it('orders by a parent field', () => {
    assert.deepEqual(
      names('SELECT LastName FROM Contact ORDER BY Account.Name DESC NULLS FIRST, LastName', {}, 'lastname'),
      ['Orphan', 'Brown', 'jones', 'Smith'],
    );
  });

  it('applies OFFSET then LIMIT, literal or bound', () => {
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1'), ['Acme', 'beta corp']);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Name LIMIT :size OFFSET :start', { size: 1, start: 3 }), [
      'Gamma',
    ]);
    assert.deepEqual(names('SELECT Name FROM Account ORDER BY Name OFFSET 2000'), []);
  });

  it('rejects OFFSET over 2,000', () => {
    // SOQL reference, OFFSET: "Requesting an offset greater than 2,000 results in a NUMBER_OUTSIDE_VALID_RANGE error."
    throwsQuery(() => run('SELECT Id FROM Account OFFSET :o', { o: 2001 }), 'Maximum SOQL offset allowed is 2000');
  });

  it('rejects ORDER BY with FOR UPDATE: QueryException when dynamic, compile error when inline', () => {
    // Apex Developer Guide, Locking Statements: "You can't use the ORDER BY keywords in any SOQL query that uses locking."
    throwsQuery(
      () => run('SELECT Id FROM Account ORDER BY Name FOR UPDATE'),
      'ORDER BY is not allowed in a query that uses FOR UPDATE',
    );
    assert.throws(
      () => executeSoql(inline('[SELECT Id FROM Account ORDER BY Name FOR UPDATE]'), env({})),
      SoqlCompileError,
    );
    const locked = dynamic('SELECT Id FROM Account LIMIT 1 FOR UPDATE');
    assert.deepEqual(locked.forClauses, ['UPDATE']);
    assert.equal(run('SELECT Id FROM Account LIMIT 1 FOR UPDATE').queryRows, 1);
  });
});

describe('clauses recorded for the interpreter', () => {
  it('WITH USER_MODE / SYSTEM_MODE / SECURITY_ENFORCED, FOR VIEW / REFERENCE, ALL ROWS', () => {
    assert.equal(dynamic('SELECT Id FROM Account WITH USER_MODE').accessMode, 'USER_MODE');
    assert.equal(dynamic('SELECT Id FROM Account WITH SYSTEM_MODE').accessMode, 'SYSTEM_MODE');
    assert.equal(dynamic('SELECT Id FROM Account WITH SECURITY_ENFORCED').accessMode, 'SECURITY_ENFORCED');
    assert.equal(dynamic('SELECT Id FROM Account').accessMode, undefined);
    assert.deepEqual(dynamic('SELECT Id FROM Account FOR VIEW').forClauses, ['VIEW']);
    assert.deepEqual(dynamic('SELECT Id FROM Account FOR REFERENCE').forClauses, ['REFERENCE']);
    assert.equal(dynamic('SELECT Id FROM Account ALL ROWS').allRows, true);
  });

  it('inline SOQL keeps binds as converted expressions and the Apex line', () => {
    const query = inline('[SELECT Id FROM Account\n WHERE Name = :acc.Name LIMIT :LIMIT_SIZE]');
    assert.equal(query.dynamic, false);
    assert.equal(query.line, 1);
    assert.deepEqual(query.where, {
      kind: 'compare',
      left: { kind: 'field', path: ['Name'] },
      op: '=',
      right: { kind: 'bind', expr: { kind: 'name', name: 'acc.Name', line: 2 } },
    });
    assert.deepEqual(query.limit, { kind: 'bind', expr: { kind: 'name', name: 'LIMIT_SIZE', line: 2 } });
  });
});

describe('COUNT() and aggregates', () => {
  it('COUNT() returns a number and charges one query row; LIMIT caps it', () => {
    assert.deepEqual(run("SELECT COUNT() FROM Account WHERE Industry = 'Tech'"), {
      kind: 'count',
      count: 2,
      queryRows: 1,
    });
    assert.deepEqual(run('SELECT COUNT() FROM Account LIMIT 3'), { kind: 'count', count: 3, queryRows: 1 });
  });

  it('GROUP BY with aliases: one AggregateResult per group, one query row per group', () => {
    const result = run(
      'SELECT Status__c, COUNT(Id) total FROM CleverTap_Outbox__c GROUP BY Status__c ORDER BY Status__c',
    );
    assert.equal(result.kind, 'aggregate');
    assert.deepEqual(
      result.rows.map((row) => [row.fields.get('status__c'), row.fields.get('total')]),
      [
        ['Paused', 1],
        ['Pending', 2],
        ['Retrying', 1],
      ],
    );
    assert.equal(result.rows[0].object, AGGREGATE_RESULT);
    assert.equal(result.queryRows, 3);
  });

  it('unaliased aggregates are expr0, expr1 …; SUM/AVG/MIN/MAX charge every aggregated row', () => {
    // Apex Developer Guide, Working with SOQL Aggregate Functions: implied aliases exprN; row counting rule.
    const result = run(
      'SELECT SUM(Attempts__c), MAX(Next_Attempt__c), AVG(Attempts__c), MIN(Operation__c), COUNT(Next_Attempt__c) FROM CleverTap_Outbox__c',
    );
    assert.equal(result.kind, 'aggregate');
    const [row] = result.rows;
    assert.deepEqual([...row.populated], ['expr0', 'expr1', 'expr2', 'expr3', 'expr4']);
    assert.equal(String(row.fields.get('expr0')), '6');
    assert.deepEqual(row.fields.get('expr1'), utc('2024-03-15T06:00:00Z'));
    assert.equal(String(row.fields.get('expr2')), '1.5');
    assert.equal(row.fields.get('expr3'), 'Create');
    assert.equal(row.fields.get('expr4'), 3);
    assert.equal(result.queryRows, 4);
  });

  it('an aggregate over no rows still returns one row', () => {
    const result = run("SELECT COUNT(Id) c, MAX(Attempts__c) m FROM CleverTap_Outbox__c WHERE Status__c = 'Sending'");
    assert.deepEqual(
      result.kind === 'aggregate' && result.rows.map((row) => [row.fields.get('c'), row.fields.get('m')]),
      [[0, null]],
    );
    assert.equal(result.queryRows, 0, 'MAX charges the rows it aggregates: none');
  });

  it('HAVING and ORDER BY an aggregate', () => {
    const result = run(
      'SELECT Account.Name acct, COUNT(Id) n FROM Contact GROUP BY Account.Name HAVING COUNT(Id) > 0 ORDER BY COUNT(Id) DESC, Account.Name',
    );
    assert.deepEqual(
      result.kind === 'aggregate' && result.rows.map((row) => [row.fields.get('acct'), row.fields.get('n')]),
      [
        ['Acme', 2],
        [null, 1],
        ['beta corp', 1],
      ],
    );
    const having = run(
      "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1 AND Industry != 'x'",
    );
    assert.deepEqual(
      having.kind === 'aggregate' && having.rows.map((row) => [row.fields.get('industry'), row.fields.get('expr0')]),
      [['Tech', 2]],
    );
  });

  it('rejects a field neither grouped nor aggregated, and SUM on text', () => {
    throwsQuery(
      () => run('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry'),
      'Field must be grouped or aggregated: Name',
    );
    throwsQuery(() => run('SELECT SUM(Name) FROM Account'), 'field Name does not support aggregate operator SUM');
  });

  it('charges each parent-child subquery to the subquery (aggregate-queries) pool', () => {
    const semiJoin = dynamic('SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)');
    assert.deepEqual(soqlLimitCharges(semiJoin), { queries: 1, aggregateQueries: 0 });
    const twoChildren = dynamic('SELECT Id, (SELECT Id FROM Contacts), (SELECT Id FROM Opportunities) FROM Account');
    assert.deepEqual(soqlLimitCharges(twoChildren), { queries: 1, aggregateQueries: 2 });
  });

  it('counts child rows and parents against the query-row limit', () => {
    const result = run('SELECT Id, (SELECT Id FROM Contacts), (SELECT Id FROM Opportunities) FROM Account');
    assert.equal(result.queryRows, 4 + 3 + 1);
  });
});

describe('errors with the platform wording', () => {
  it('unknown object', () => {
    throwsQuery(
      () => run('SELECT Id FROM Acount'),
      `sObject type 'Acount' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. ${WSDL}`,
    );
  });

  it('unknown field, also through a relationship', () => {
    throwsQuery(
      () => run('SELECT Nmae FROM Account'),
      `No such column 'Nmae' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. ${WSDL}`,
    );
    throwsQuery(
      () => run('SELECT Account.Nmae FROM Contact'),
      `No such column 'Nmae' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. ${WSDL}`,
    );
  });

  it('unknown relationship in a path and in a subquery', () => {
    throwsQuery(
      () => run('SELECT Acount.Name FROM Contact'),
      `Didn't understand relationship 'Acount' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL}`,
    );
    throwsQuery(
      () => run('SELECT Id, (SELECT Id FROM Contact) FROM Account'),
      `Didn't understand relationship 'Contact' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL}`,
    );
  });

  it('static SOQL that would not compile is not catchable', () => {
    assert.throws(
      () => executeSoql(inline('[SELECT Nmae FROM Account]'), env({})),
      (error: unknown) => {
        assert.ok(error instanceof SoqlCompileError);
        assert.match(error.message, /^No such column 'Nmae' on entity 'Account'\..*\(Inline\.cls:1\)$/);
        return true;
      },
    );
  });

  it('checkSoql reports at load what the compiler rejects, and nothing that fails only at run time', () => {
    assert.throws(() => checkSoql(inline('[SELECT Id FROM Account WHERE Nmae = :x]'), schema), SoqlCompileError);
    assert.throws(
      () => checkSoql(inline('[SELECT Id, (SELECT Id FROM Contacts ORDER BY Name) FROM Account FOR UPDATE]'), schema),
      /ORDER BY is not allowed in a query that uses FOR UPDATE/,
    );
    assert.throws(
      () => checkSoql(inline('[SELECT Name, COUNT(Id) FROM Account GROUP BY Industry]'), schema),
      /Field must be grouped or aggregated: Name/,
    );
    checkSoql(inline("[SELECT Id FROM Account WHERE Id = 'nope' AND Name IN :names OFFSET :o]"), schema);
    checkSoql(inline('[SELECT Id FROM AccountHistory]'), schema); // unsupported: left to execution
  });

  it('malformed dynamic SOQL is a QueryException', () => {
    throwsQuery(
      () => dynamic("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'"),
      "unexpected token: 'OR'",
    );
    throwsQuery(() => dynamic('SELECT Id FROM Account WHERE Name ='), "unexpected token: '<EOF>'");
    throwsQuery(() => dynamic("SELECT Id FROM Account WHERE Name 'x'"), "unexpected token: ''x''");
    throwsQuery(() => dynamic('SELECT Id FROM Account WHERE'), "unexpected token: 'WHERE'");
  });
});

describe('literals', () => {
  it('unescapes string literals; a LIKE pattern keeps an escaped wildcard literal', () => {
    assert.equal(unescapeString("'O\\'Brien\\n\\u0041'"), "O'Brien\nA");
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE '50\\\\% %'"), ['50% Off']);
    assert.deepEqual(names("SELECT Name FROM Account WHERE Name LIKE '50\\\\_%'"), []);
  });

  it('parses Datetime and Time literals with offsets and fractions', () => {
    assert.equal(parseDatetimeLiteral('1999-01-01T23:01:01+01:00').epochMs, Date.parse('1999-01-01T22:01:01Z'));
    assert.equal(parseDatetimeLiteral('1999-01-01T23:01:01.250-0800').epochMs, Date.parse('1999-01-02T07:01:01.250Z'));
    assert.equal(parseTimeLiteral('10:00:00.000Z').millisOfDay, 36_000_000);
  });
});

describe('unsupported constructs fail loudly', () => {
  const cases: [string, string][] = [
    ['SELECT TYPEOF What WHEN Account THEN Name END FROM Task', 'TYPEOF'],
    ['SELECT toLabel(Industry) FROM Account', 'TOLABEL\\(\\)'],
    ['SELECT FORMAT(AnnualRevenue) FROM Account', 'FORMAT\\(\\)'],
    ['SELECT convertCurrency(AnnualRevenue) FROM Account', 'CONVERTCURRENCY\\(\\)'],
    ['SELECT FIELDS(ALL) FROM Account LIMIT 1', 'FIELDS\\(\\)'],
    ['SELECT Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Industry)', 'GROUP BY ROLLUP'],
    ['SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2024', 'CALENDAR_YEAR\\(\\) in a condition'],
    ['SELECT Id FROM Account USING SCOPE mine', 'USING SCOPE'],
    ['SELECT Id FROM Contact c, c.Account a', 'FROM with several objects'],
    ['SELECT Id FROM Account WHERE AnnualRevenue > USD5000', 'currency literal'],
    ['SELECT Id FROM Account WITH DATA CATEGORY Geography__c AT usa__c', 'WITH DATA CATEGORY'],
  ];
  for (const [text, construct] of cases) {
    it(construct.replace(/\\/g, ''), () => throwsUnsupported(() => dynamic(text), construct));
  }

  it('objects the schema knows only by name', () => {
    throwsUnsupported(() => run('SELECT Id FROM AccountHistory'), 'FROM AccountHistory');
  });
});

describe('performance', () => {
  it('10,000-record WHERE Id IN :ids, a 10,000-row scan with ORDER BY, and a GROUP BY', () => {
    const big = new MemoryStore();
    const outbox = schema.getObject('CleverTap_Outbox__c') ?? assert.fail();
    const records = Array.from({ length: 10_000 }, (_, i) =>
      big.add(outbox, {
        Status__c: ['Pending', 'Retrying', 'Paused'][i % 3],
        Attempts__c: dec(String(i % 7)),
        Next_Attempt__c: utc('2024-03-01T00:00:00Z'),
      }),
    );
    const list = new ApexList(
      { name: 'Id', args: [] },
      records.map((rec) => rec.id),
    );
    const bigEnv = { ...env({ ids: list, now: NOW }), store: big };
    /** Parsing excluded; the second (warm) run is timed, the first (cold: JIT, Intl) is reported too. */
    const time = (text: string): [SoqlResult, number] => {
      const query = dynamic(text);
      const start = performance.now();
      executeSoql(query, bigEnv);
      const cold = performance.now() - start;
      const warmStart = performance.now();
      const result = executeSoql(query, bigEnv);
      const warm = performance.now() - warmStart;
      console.log(`    ${text.slice(0, 70)}…: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`);
      return [result, warm];
    };
    const [byId, idMs] = time('SELECT Id, Status__c, Attempts__c FROM CleverTap_Outbox__c WHERE Id IN :ids');
    const [scan, scanMs] = time(
      "SELECT Id FROM CleverTap_Outbox__c WHERE Status__c = 'pending' AND Next_Attempt__c <= :now ORDER BY Attempts__c DESC, Id LIMIT 200",
    );
    const [grouped, groupMs] = time(
      'SELECT Status__c, COUNT(Id), SUM(Attempts__c) FROM CleverTap_Outbox__c GROUP BY Status__c',
    );
    assert.equal(byId.kind === 'records' && byId.rows.length, 10_000);
    assert.equal(scan.kind === 'records' && scan.rows.length, 200);
    assert.equal(grouped.kind === 'aggregate' && grouped.rows.length, 3);
    assert.ok(idMs < 2000 && scanMs < 2000 && groupMs < 2000);
  });
});
