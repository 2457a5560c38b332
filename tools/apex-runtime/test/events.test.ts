// Platform events, savepoints and custom settings as the Apex Developer Guide and the Platform
// Events Developer Guide describe them ("Testing Your Platform Event in Apex", "Platform Event
// Triggers run as Automated Process", "Custom Settings Methods", "Transaction Control").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexHarness } from './harness.ts';

const { rt, run, raisedText: raised } = apexHarness({ inTest: true });

describe('platform events', () => {
  it('are delivered at Test.getEventBus().deliver(), as Automated Process', () => {
    assert.deepEqual(
      run(
        "EventBus.publish(new Alert__e(Message__c = 'hi')); System.debug(TriggerLog.events.size()); Test.getEventBus().deliver(); System.debug(TriggerLog.events);",
      ),
      ['0', '(hi as Automated Process)'],
    );
  });

  it('are delivered at Test.stopTest', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); EventBus.publish(new List<Alert__e>{ new Alert__e(Message__c = 'a'), new Alert__e(Message__c = 'b') }); Test.stopTest(); System.debug(TriggerLog.events.size());",
      ),
      ['2'],
    );
  });

  it('publish immediately does not block a callout; publish after commit does', () => {
    assert.deepEqual(
      run(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); EventBus.publish(new Alert__e(Message__c = 'x')); System.debug(Caller.call('https://x'));",
      ),
      ['200'],
    );
    assert.match(
      raised(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); EventBus.publish(new Ping__e()); Caller.call('https://x');",
      ),
      /uncommitted work pending/,
    );
  });

  it('event triggers run as a user of type AutomatedProcess', () => {
    assert.deepEqual(
      run(
        "System.debug(UserInfo.getUserType()); EventBus.publish(new Alert__e(Message__c = 'x')); Test.getEventBus().deliver();",
      ),
      ['Standard'],
    );
    assert.equal(
      [...rt.org.store.records('User')]
        .find((u) => u.fields.get('name') === 'Automated Process')
        ?.fields.get('usertype'),
      'AutomatedProcess',
    );
  });

  it('publish immediately counts against its own limit', () => {
    assert.deepEqual(run('EventBus.publish(new Alert__e()); System.debug(Limits.getPublishImmediateDml());'), ['1']);
    assert.deepEqual(run('EventBus.publish(new Alert__e()); System.debug(Limits.getDmlStatements());'), ['0']);
  });

  // Apex Reference, "EventBus Class", publish(): "Apex governor limits apply, including DML limits.
  // Each method execution is counted as one DML statement."
  it('publish after commit counts one DML statement per call', () => {
    assert.deepEqual(
      run(
        'EventBus.publish(new List<Ping__e>{ new Ping__e(), new Ping__e() }); EventBus.publish(new Ping__e()); System.debug(Limits.getDmlStatements());',
      ),
      ['2'],
    );
  });
});

describe('savepoints', () => {
  it('rollback restores the data', () => {
    assert.deepEqual(
      run(
        "Savepoint sp = Database.setSavepoint(); insert new Account(Name = 'x'); Database.rollback(sp); System.debug(TriggerLog.events.size());",
      ),
      ['2'],
    );
    assert.equal([...rt.org.store.records('Account')].length, 0);
  });

  it('an open savepoint is pending work before a callout', () => {
    assert.match(
      raised(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); Savepoint sp = Database.setSavepoint(); Caller.call('https://x');",
      ),
      /uncommitted work pending/,
    );
  });
});

describe('custom settings', () => {
  it('without a row, getInstance returns an unsaved row with the field defaults', () => {
    assert.deepEqual(
      run(
        'Switches__c s = Switches__c.getInstance(); System.debug(s.Id); System.debug(s.Off__c); System.debug(s.Retention__c);',
      ),
      ['null', 'false', '7'],
    );
  });

  it('a user row wins over the org defaults', () => {
    assert.deepEqual(
      run(
        'insert new Switches__c(SetupOwnerId = UserInfo.getOrganizationId(), Retention__c = 30); insert new Switches__c(SetupOwnerId = UserInfo.getUserId(), Off__c = true); System.debug(Switches__c.getInstance().Off__c); System.debug(Switches__c.getOrgDefaults().Retention__c);',
      ),
      ['true', '30'],
    );
  });
});
