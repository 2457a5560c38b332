// The runtime's library API used by the local org and the benchmarks.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LocalOrg } from '../src/org/api.ts';
import type { ApexId } from '../src/language/values.ts';

const org = new LocalOrg(path.join(import.meta.dirname, 'fixture'));

describe('LocalOrg', () => {
  it('calls an @AuraEnabled method with JSON parameters and returns JSON', () => {
    const outcome = org.callAura('WidgetController', 'create', { code: 'x', count: 2 });
    assert.equal(outcome.ok, true);
    const rows = JSON.parse(outcome.ok ? outcome.json : '[]') as { Name: string; Code__c: string; Id: string }[];
    assert.deepEqual(
      rows.map((r) => `${r.Name}:${r.Code__c}`),
      ['w0:x', 'w1:x'],
    );
    assert.match(rows[0]?.Id ?? '', /^a\w{17}$/);
  });

  it('deserialises a typed Apex parameter', () => {
    const outcome = org.callAura('WidgetController', 'echo', { payload: { identity: 'SF_1', tags: ['a'] } });
    assert.deepEqual(outcome.ok && (JSON.parse(outcome.json) as { identity: string; tags: string[] }), {
      identity: 'seen SF_1',
      ts: null,
      amount: null,
      tags: ['a'],
      color: null,
      child: null,
    });
  });

  it('returns an AuraHandledException as an error', () => {
    assert.deepEqual(org.callAura('WidgetController', 'fail', {}), {
      ok: false,
      type: 'System.AuraHandledException',
      error: 'Nope',
    });
  });

  // Apex Developer Guide, "Transaction Control": an unhandled exception rolls back all DML of the
  // request; an @AuraEnabled call and Execute Anonymous are each one transaction.
  it('an uncaught exception rolls back the records the transaction saved (Aura call and anonymous Apex)', () => {
    const count = (code: string): string[] =>
      org.runAnonymous(`System.debug([SELECT COUNT() FROM Widget__c WHERE Code__c = '${code}']);`);
    assert.equal(org.callAura('WidgetController', 'createThenFail', { code: 'rolled-back' }).ok, false);
    assert.deepEqual(count('rolled-back'), ['0']);
    assert.throws(() =>
      org.runAnonymous("insert new Widget__c(Name = 'a', Code__c = 'anon-rolled-back'); Integer x = 1 / 0;"),
    );
    assert.deepEqual(count('anon-rolled-back'), ['0']);
  });

  it('refuses a method that is not @AuraEnabled', () => {
    assert.equal(org.callAura('Counter', 'increment', {}).ok, false);
  });

  it('an Apex DML of 450 records is one transaction; a Bulk API load is one per 200', () => {
    const accounts = (n: number) => Array.from({ length: n }, (_, i) => org.record('Account', { Name: `a${i}` }));
    const apex = org.dml('insert', accounts(450));
    assert.equal(apex.transactions.length, 1);
    assert.equal(apex.transactions[0]?.used.dmlRows, 450);
    const bulk = org.dml('insert', accounts(450), { mode: 'bulk' });
    assert.deepEqual(
      bulk.transactions.map((t) => t.used.dmlRows),
      [200, 200, 50],
    );
    assert.ok(bulk.results.every((r) => r.success));
  });

  it('counts what each trigger run spent, apart from the DML that fired it', () => {
    const accounts = Array.from({ length: 450 }, (_, i) => org.record('Account', { Name: `t${i}` }));
    const apex = org.dml('insert', accounts).transactions[0];
    assert.deepEqual(
      apex?.triggers.map((t) => `${t.object} ${t.event} ${t.size}`),
      ['before', 'after', 'before', 'after', 'before', 'after'].map(
        (event, i) => `Account ${event} insert ${i < 4 ? 200 : 50}`,
      ),
    );
    assert.equal(apex?.used.dmlStatements, 1);
    assert.ok(apex?.triggers.every((t) => t.used.dmlStatements === 0 && t.statements > 0));
    const statements = apex?.triggers.reduce((n, t) => n + t.statements, 0) ?? 0;
    assert.ok(statements <= (apex?.statements ?? 0));
    const bulk = org.dml('insert', [org.record('Account', { Name: 'b' })], { mode: 'bulk' });
    assert.equal(bulk.transactions[0]?.triggers.length, 2);
  });

  it('anonymous Apex returns its debug lines and counters', () => {
    assert.deepEqual(org.runAnonymous("System.debug([SELECT COUNT() FROM Account WHERE Name = 'a1']);"), ['2']);
    assert.equal(org.lastTransaction().used.queries, 1);
  });

  it('Test.isRunningTest() is true only in a test (Apex Reference, Test class)', () => {
    assert.deepEqual(org.runAnonymous('System.debug(Test.isRunningTest());'), ['false']);
    org.rt.inTest = true;
    try {
      assert.deepEqual(org.runAnonymous('System.debug(Test.isRunningTest());'), ['true']);
    } finally {
      org.rt.inTest = false;
    }
  });

  it('drains queued jobs after the transaction that enqueued them', () => {
    org.runAnonymous("System.enqueueJob(new CountingJob('plain'));");
    org.drain();
    assert.deepEqual(
      org.runAnonymous("System.debug([SELECT Status FROM AsyncApexJob WHERE JobType = 'Queueable'][0].Status);"),
      ['Completed'],
    );
  });
});

describe('LocalOrg lock contention', () => {
  // SOQL reference, "FOR UPDATE": a lock that cannot be obtained in time is a QueryException.
  it('times out the next FOR UPDATE query on the contended object only', () => {
    org.contendLocks('Account', 1);
    assert.deepEqual(
      org.runAnonymous(
        "try { List<Account> a = [SELECT Id FROM Account FOR UPDATE]; System.debug('locked'); } catch (QueryException e) { System.debug(e.getMessage().left(28)); } " +
          "List<Contact> c = [SELECT Id FROM Contact FOR UPDATE]; List<Account> again = [SELECT Id FROM Account FOR UPDATE]; System.debug('then locked');",
      ),
      ['Record Currently Unavailable', 'then locked'],
    );
  });
});

describe('LocalOrg as a Developer Edition org', () => {
  // Apex Reference, "AsyncOptions Class": Developer Edition and trial orgs chain at most 5 Queueables.
  it('refuses the sixth link of a Queueable chain', () => {
    const dev = new LocalOrg(path.join(import.meta.dirname, 'fixture'), { maxQueueableStackDepth: 5 });
    dev.runAnonymous('System.enqueueJob(new ChainJob());');
    dev.drain();
    assert.deepEqual(
      dev.runAnonymous('for (Account a : [SELECT Name FROM Account ORDER BY CreatedDate, Id]) System.debug(a.Name);'),
      ['link', 'link', 'link', 'link', 'refused: Maximum stack depth has been reached.'],
    );
  });
});

describe('LocalOrg clock, callouts and messages', () => {
  it('a scheduled job fires when the clock reaches its cron time, then moves to the next', () => {
    const org2 = new LocalOrg(path.join(import.meta.dirname, 'fixture'), {
      clockStart: Date.UTC(2026, 0, 15, 12, 10, 0),
    });
    org2.runAnonymous("System.schedule('Hourly', '0 0 * * * ?', new CountingSchedule());");
    org2.advanceClock(30 * 60_000);
    assert.deepEqual(
      org2.runAnonymous(
        "System.debug([SELECT TimesTriggered FROM CronTrigger][0].TimesTriggered); System.debug([SELECT COUNT() FROM AsyncApexJob WHERE JobType = 'ScheduledApex' AND Status = 'Completed']);",
      ),
      ['0', '0'],
    );
    org2.advanceClock(30 * 60_000);
    assert.deepEqual(
      org2.runAnonymous(
        "System.debug([SELECT TimesTriggered FROM CronTrigger][0].TimesTriggered); System.debug([SELECT COUNT() FROM AsyncApexJob WHERE JobType = 'ScheduledApex' AND Status = 'Completed']);",
      ),
      ['1', '1'],
    );
  });

  it('a delayed Queueable waits for the clock', () => {
    org.runAnonymous("System.enqueueJob(new CountingJob('plain'), 10);");
    org.drain();
    const queued = () => org.runAnonymous("System.debug([SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Queued']);");
    assert.deepEqual(queued(), ['1']);
    org.advanceClock(10 * 60_000);
    assert.deepEqual(queued(), ['0']);
  });

  it('outside tests each batch execute is a transaction of its own: fresh limits and statics, its own rollback', () => {
    const runs: string[] = [];
    const stop = org.onAsyncRun((run) =>
      runs.push(`${run.className} ${run.phase} DML ${run.used.dmlStatements}${run.error ? ' failed' : ''}`),
    );
    const logged = org.rt.debugLog.length;
    org.runAnonymous('ChunkBatch.executes = 41; Database.executeBatch(new ChunkBatch(450), 200);');
    assert.throws(() => org.drain(), /FIELD_CUSTOM_VALIDATION_EXCEPTION, bad widget/);
    stop();
    assert.deepEqual(runs, [
      'ChunkBatch batch start DML 0',
      'ChunkBatch batch execute DML 1',
      'ChunkBatch batch execute DML 1 failed',
      'ChunkBatch batch execute DML 1',
      'ChunkBatch batch finish DML 0',
    ]);
    assert.deepEqual(org.rt.debugLog.slice(logged), [
      'execute 1, DML before 0',
      'execute 1, DML before 0',
      'execute 1, DML before 0',
      'finish',
    ]);
    assert.deepEqual(
      org.runAnonymous(
        "System.debug([SELECT COUNT() FROM Widget__c WHERE Name LIKE 'chunk%']); AsyncApexJob job = [SELECT Status, NumberOfErrors, TotalJobItems, JobItemsProcessed FROM AsyncApexJob WHERE JobType = 'BatchApex' ORDER BY CreatedDate DESC LIMIT 1]; System.debug(job.Status + ' ' + job.NumberOfErrors + ' ' + job.JobItemsProcessed + '/' + job.TotalJobItems);",
      ),
      // Object Reference, "AsyncApexJob": TotalJobItems counts the batches, JobItemsProcessed those run (the failed one too).
      ['250', 'Completed 1 3/3'],
    );
  });

  it('outside tests callouts go to the router, only to Remote Site Setting hosts', () => {
    const project = new LocalOrg(path.resolve(import.meta.dirname, '..', '..', '..'));
    project.routeCallouts((request) => ({ statusCode: 200, body: `{"to":"${request.endpoint}"}`, headers: new Map() }));
    assert.deepEqual(
      project.runAnonymous(
        "HttpRequest r = new HttpRequest(); r.setEndpoint('https://in1.api.clevertap.com/1/upload'); r.setMethod('POST'); System.debug(new Http().send(r).getBody());",
      ),
      ['{"to":"https://in1.api.clevertap.com/1/upload"}'],
    );
    assert.throws(
      () =>
        project.runAnonymous(
          "HttpRequest r = new HttpRequest(); r.setEndpoint('https://evil.example.com/x'); new Http().send(r);",
        ),
      /Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = https:\/\/evil.example.com\/x/,
    );
  });

  it('emails are recorded, count as pending work and against their limit', () => {
    org.runAnonymous(
      "Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setToAddresses(new List<String>{ 'ops@example.com' }); m.setSubject('Failures'); m.setPlainTextBody('3 failed'); Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ m });",
    );
    assert.deepEqual(org.rt.sentMessages.at(-1), {
      kind: 'email',
      to: ['ops@example.com'],
      subject: 'Failures',
      body: '3 failed',
      sentBy: org.rt.userId.value,
    });
    assert.equal(org.lastTransaction().used.emailInvocations, 1);
  });

  // Apex Developer Guide, "Outbound Email": the email is not sent until the Apex transaction commits.
  it('an email of a transaction that rolls back is never sent', () => {
    const before = org.rt.sentMessages.length;
    assert.throws(() =>
      org.runAnonymous(
        "Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setToAddresses(new List<String>{ 'ops@example.com' }); m.setSubject('Never'); m.setPlainTextBody('x'); Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ m }); Integer boom = 1 / 0;",
      ),
    );
    assert.equal(org.rt.sentMessages.length, before);
  });
});

// Salesforce Help, "Custom Field Attributes" (Display Format of an Auto Number): literal text and a
// zero-padded number the platform fills on insert, one more for each record.
describe('LocalOrg auto-number names', () => {
  it("fills a custom object's auto-number Name from its Display Format", () => {
    const project = new LocalOrg(path.resolve(import.meta.dirname, '..', '..', '..'));
    assert.deepEqual(
      project.runAnonymous(
        "insert new List<CleverTap_Event_Log__c>{ new CleverTap_Event_Log__c(Status__c = 'Sent'), new CleverTap_Event_Log__c(Status__c = 'Sent') }; for (CleverTap_Event_Log__c r : [SELECT Name FROM CleverTap_Event_Log__c ORDER BY Name]) { System.debug(r.Name); }",
      ),
      ['LOG-0000000001', 'LOG-0000000002'],
    );
  });
});

// What the local org's REST API asks of the runtime: an unhandled exception rolls its transaction
// back (Apex Developer Guide, "Exception Statements": an unhandled exception rolls back the DML of the
// transaction); API DML in user mode with allOrNone (SOAP API Developer Guide, "AllOrNoneHeader"; REST
// API Developer Guide, "Create Records Using sObject Collections": records of several objects run in
// chunks of consecutive records of one object); API queries see only what the user may read (SOAP API
// Developer Guide, "Factors that Affect Data Access"; REST API Developer Guide, "Query").
describe('LocalOrg for the APIs', () => {
  const api = new LocalOrg(path.join(import.meta.dirname, 'fixture'));
  api.runAnonymous(`Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
    List<User> users = new List<User>();
    for (String alias : new List<String>{ 'plain', 'widgets' }) {
      users.add(new User(LastName = alias, Username = alias + '@example.com', Email = alias + '@example.com', Alias = alias,
        TimeZoneSidKey = 'UTC', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US', ProfileId = p.Id));
    }
    insert users;
    insert new PermissionSetAssignment(AssigneeId = users[1].Id, PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Widget_Admin'].Id);`);
  const userId = (alias: string): ApexId =>
    [...api.rt.org.store.records('User')].find((u) => u.fields.get('alias') === alias)?.id as ApexId;
  const count = (object: string): number => [...api.rt.org.store.records(object)].filter((r) => !r.deleted).length;
  const widget = (fields: Record<string, string | number | boolean | null>) => api.record('Widget__c', fields);

  it('allOrNone rolls back every chunk of a mixed-object call; without it the valid records are saved', () => {
    const records = () => [api.record('Account', { Name: 'first' }), widget({ Name: 'no code' })];
    const [before, widgets] = [count('Account'), count('Widget__c')];
    const all = api.dml('insert', records(), { allOrNone: true }).results;
    assert.deepEqual(
      all.map((r) => [r.success, r.errors[0]?.statusCode]),
      [
        [false, 'ALL_OR_NONE_OPERATION_ROLLED_BACK'],
        [false, 'REQUIRED_FIELD_MISSING'],
      ],
    );
    assert.deepEqual([count('Account'), count('Widget__c')], [before, widgets]);
    const partial = api.dml('insert', records(), { allOrNone: false }).results;
    assert.deepEqual(
      partial.map((r) => r.success),
      [true, false],
    );
    assert.deepEqual([count('Account'), count('Widget__c')], [before + 1, widgets]);
  });

  it('user-mode DML refuses an object the user may not create', () => {
    const [result] = api.dml('insert', [widget({ Name: 'w', Code__c: 'C' })], {
      userId: userId('plain'),
      userMode: true,
    }).results;
    assert.equal(result?.errors[0]?.statusCode, 'INSUFFICIENT_ACCESS_OR_READONLY');
    const [granted] = api.dml('insert', [widget({ Name: 'w', Code__c: 'C' })], {
      userId: userId('widgets'),
      userMode: true,
    }).results;
    assert.equal(granted?.success, true);
  });

  it('an API query reports what the user cannot read as unknown, and refuses binds', () => {
    const message = (soql: string, alias: string): string => {
      try {
        api.apiQuery(soql, { userId: userId(alias) });
        return 'ok';
      } catch (error) {
        return (error as Error).message.split('.')[0] ?? '';
      }
    };
    assert.equal(message('SELECT Name, Amount__c FROM Widget__c', 'widgets'), 'ok');
    assert.equal(
      message('SELECT Name, Active__c FROM Widget__c', 'widgets'),
      "No such column 'Active__c' on entity 'Widget__c'",
    );
    assert.equal(message('SELECT Id FROM Widget__c', 'plain'), "sObject type 'Widget__c' is not supported");
    assert.equal(
      message('SELECT Id FROM Widget__c WHERE Name = :n', 'widgets'),
      'Bind variables only allowed in Apex code',
    );
  });

  it('queryAll sees deleted records; query does not', () => {
    const id = api.dml('insert', [api.record('Account', { Name: 'binned' })]).results[0]?.id as ApexId;
    const deleted = api.record('Account', {});
    deleted.fields.set('id', id);
    api.dml('delete', [deleted]);
    const soql = "SELECT Id, IsDeleted FROM Account WHERE Name = 'binned'";
    const { result } = api.apiQuery(soql);
    assert.equal(result.kind === 'records' && result.rows.length, 0);
    const all = api.apiQuery(soql, { allRows: true }).result;
    assert.equal(all.kind === 'records' && all.rows[0]?.fields.get('isdeleted'), true);
  });
});
