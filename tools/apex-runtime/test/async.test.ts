// Asynchronous Apex and callouts in a test context, as the Apex Developer Guide describes them
// ("Queueable Apex", "Transaction Finalizers", "Testing Batch Apex", "Testing HTTP Callouts",
// "Callout Limits and Limitations") and platform-review.md §J R1–R5, R8.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexHarness } from './harness.ts';

const { rt, run, raisedText: raised } = apexHarness({ inTest: true });

// Apex Reference, "OrgLimits Class" / "OrgLimit Class": DailyAsyncApexExecutions counts async
// Apex executions (Queueable, future, scheduled, batch) over the last 24 hours.
describe('org limits', () => {
  it('count the async executions of the last 24 hours', () => {
    assert.deepEqual(
      run(
        "System.OrgLimit daily = OrgLimits.getMap().get('DailyAsyncApexExecutions'); Integer used = daily.getValue(); Test.startTest(); System.enqueueJob(new CountingJob('plain')); Test.stopTest(); daily = OrgLimits.getMap().get('DailyAsyncApexExecutions'); System.debug(daily.getName() + ' ' + (daily.getValue() - used) + ' of ' + daily.getLimit()); System.debug(OrgLimits.getAll().size());",
      ),
      ['DailyAsyncApexExecutions 1 of 250000', '1'],
    );
    rt.advanceClock(86_400_001);
    assert.equal(rt.async.executionsInLastDay(), 0, 'a day later they no longer count');
  });
});

describe('queueable', () => {
  it('runs at Test.stopTest as the user who enqueued it', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); System.enqueueJob(new CountingJob('plain')); System.debug(CountingJob.runs); Test.stopTest(); System.debug(CountingJob.runs); System.debug(CountingJob.ranAs == UserInfo.getUserId());",
      ),
      ['0', '1', 'true'],
    );
  });

  it('records an AsyncApexJob that ends Completed', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); Id jobId = System.enqueueJob(new CountingJob('plain')); Test.stopTest(); System.debug(String.valueOf(jobId).left(3));",
      ),
      ['707'],
    );
    const jobs = [...rt.org.store.records('AsyncApexJob')];
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.fields.get('status'), 'Completed');
  });

  it('chaining inside a test fails with the platform message', () => {
    assert.equal(
      raised("Test.startTest(); System.enqueueJob(new CountingJob('chain')); Test.stopTest();"),
      'System.AsyncException: Maximum stack depth has been reached.',
    );
  });

  it('allows 50 enqueues in a synchronous transaction and fails the 51st', () => {
    assert.equal(
      raised("for (Integer i = 0; i < 51; i++) { System.enqueueJob(new CountingJob('plain')); }"),
      'System.LimitException: Too many queueable jobs added to the queue: 51',
    );
    assert.deepEqual(
      run(
        "for (Integer i = 0; i < 50; i++) { System.enqueueJob(new CountingJob('plain')); } System.debug(Limits.getQueueableJobs());",
      ),
      ['50'],
    );
  });

  it('a finalizer sees success', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); System.enqueueJob(new CountingJob('finalizer')); Test.stopTest(); System.debug(JobFinalizer.outcome);",
      ),
      ['SUCCESS'],
    );
  });

  it('a failed job rolls back its data, runs its finalizer, then its exception leaves stopTest', () => {
    assert.equal(
      raised("Test.startTest(); System.enqueueJob(new CountingJob('fail')); Test.stopTest();"),
      'ValidationException: job failed',
    );
    assert.equal([...rt.org.store.records('Account')].length, 0);
    assert.equal([...rt.org.store.records('AsyncApexJob')][0]?.fields.get('status'), 'Failed');
  });

  it('the finalizer of a failed job gets the exception', () => {
    assert.deepEqual(
      run(
        "try { Test.startTest(); System.enqueueJob(new CountingJob('fail')); Test.stopTest(); } catch (ValidationException e) { System.debug(JobFinalizer.outcome); }",
      ),
      ['UNHANDLED_EXCEPTION:job failed'],
    );
  });
});

describe('batch', () => {
  it('runs start, one execute and finish when the rows fit the scope', () => {
    assert.deepEqual(
      run(
        'Test.startTest(); Database.executeBatch(new WidgetBatch(150), 200); Test.stopTest(); System.debug(WidgetBatch.finished);',
      ),
      ['150'],
    );
  });

  // Apex Developer Guide, "Using State in Batch Apex": without Database.Stateful, instance member
  // variables are set back to their original values for each execute (and the finish).
  it('a batch that is not Database.Stateful starts each execute and the finish from its original state', () => {
    assert.deepEqual(
      run(
        'Test.startTest(); Database.executeBatch(new ForgetfulBatch(), 200); Test.stopTest(); System.debug(ForgetfulBatch.seen);',
      ),
      ['(0, 0)'],
    );
  });

  // Apex Reference, "FlexQueue Class": up to five batch jobs are queued or active per org; more
  // wait in the Apex flex queue as Holding (Salesforce Help KB 000213851).
  it('a sixth batch job waits in the flex queue as Holding', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); for (Integer i = 0; i < 5; i++) { Database.executeBatch(new WidgetBatch(1), 200); } Id waiting = Database.executeBatch(new WidgetBatch(1), 200); System.debug([SELECT Status FROM AsyncApexJob WHERE Id = :waiting].Status); System.debug([SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Queued']); Test.stopTest(); System.debug([SELECT Status FROM AsyncApexJob WHERE Id = :waiting].Status);",
      ),
      ['Holding', '5', 'Completed'],
    );
  });

  // Apex Reference, "System Class": abortJob(String jobId).
  it('abortJob takes the job Id as a String', () => {
    assert.deepEqual(
      run(
        'Test.startTest(); Id job = Database.executeBatch(new WidgetBatch(1), 200); System.abortJob(String.valueOf(job)); System.debug([SELECT Status FROM AsyncApexJob WHERE Id = :job].Status); Test.stopTest();',
      ),
      ['Aborted'],
    );
  });

  it('more rows than the scope fails as the platform does in tests', () => {
    assert.match(
      raised('Test.startTest(); Database.executeBatch(new WidgetBatch(201), 200); Test.stopTest();'),
      /^System.UnexpectedException: No more than one executeBatch/,
    );
  });
});

describe('callouts', () => {
  it('a test needs a mock', () => {
    assert.equal(
      raised("Caller.call('https://api.clevertap.com/1/upload');"),
      'System.CalloutException: Methods defined as TestMethod do not support Web service callouts',
    );
  });

  it('the mock answers and sees the request', () => {
    assert.deepEqual(
      run(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); StaticMock.statuses.add(429); System.debug(Caller.call('https://in1.api.clevertap.com/1/upload')); System.debug(Caller.call('https://x')); System.debug(StaticMock.endpoints[0]);",
      ),
      ['429', '200', 'https://in1.api.clevertap.com/1/upload'],
    );
  });

  it('DML before a callout is uncommitted work pending', () => {
    assert.equal(
      raised(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); insert new Account(Name = 'x'); Caller.call('https://x');",
      ),
      'System.CalloutException: You have uncommitted work pending. Please commit or rollback before calling out',
    );
  });

  it('an enqueue before a callout is pending work too', () => {
    assert.match(
      raised(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); System.enqueueJob(new CountingJob('plain')); Caller.call('https://x');",
      ),
      /uncommitted work pending/,
    );
  });

  it('DML before Test.startTest does not block a callout after it', () => {
    assert.deepEqual(
      run(
        "insert new Account(Name = 'x'); Test.setMock(HttpCalloutMock.class, new StaticMock()); Test.startTest(); System.debug(Caller.call('https://x')); Test.stopTest();",
      ),
      ['200'],
    );
  });

  it('counts callouts against the limit', () => {
    assert.deepEqual(
      run(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); Caller.call('https://x'); Caller.call('https://x'); System.debug(Limits.getCallouts() + '/' + Limits.getLimitCallouts());",
      ),
      ['2/100'],
    );
  });
});

describe('future', () => {
  it('runs at stopTest, not inline', () => {
    assert.deepEqual(
      run(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); Test.startTest(); Caller.callLater('https://x'); System.debug(CountingJob.runs); Test.stopTest(); System.debug(CountingJob.runs);",
      ),
      ['0', '200'],
    );
  });
});

describe('duplicate signatures, delays and schedules', () => {
  const SIGNED =
    "AsyncOptions o = new AsyncOptions(); o.DuplicateSignature = new QueueableDuplicateSignature.Builder().addString('conn').addId(UserInfo.getUserId()).build(); ";

  it('a second job with a queued signature is a DuplicateMessageException', () => {
    assert.deepEqual(
      run(
        SIGNED +
          "System.enqueueJob(new CountingJob('plain'), o); try { System.enqueueJob(new CountingJob('plain'), o); } catch (DuplicateMessageException e) { System.debug(e.getMessage()); }",
      ),
      ['Attempt to enqueue job with duplicate queueable signature'],
    );
  });

  it('the signature is free again once its job has run', () => {
    assert.deepEqual(
      run(
        SIGNED +
          "Test.startTest(); System.enqueueJob(new CountingJob('plain'), o); Test.stopTest(); System.enqueueJob(new CountingJob('plain'), o); System.debug('ok');",
      ),
      ['ok'],
    );
  });

  it('a delayed Queueable still runs at stopTest', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); System.enqueueJob(new CountingJob('plain'), 5); Test.stopTest(); System.debug(CountingJob.runs);",
      ),
      ['1'],
    );
  });

  it('System.schedule creates a CronTrigger named by its CronJobDetail, and a second one with the name fails', () => {
    assert.deepEqual(
      run(
        "Id t = System.schedule('CleverTap Drainer', '0 0 * * * ?', new CountingSchedule()); System.debug([SELECT COUNT() FROM CronTrigger WHERE CronJobDetail.Name = 'CleverTap Drainer']); try { System.schedule('CleverTap Drainer', '0 0 * * * ?', new CountingSchedule()); } catch (AsyncException e) { System.debug(e.getMessage()); } System.abortJob(t); System.debug([SELECT COUNT() FROM CronTrigger]);",
      ),
      ['1', 'The Apex job named "CleverTap Drainer" is already scheduled for execution.', '0'],
    );
  });

  it('a scheduled job runs at stopTest in a test', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); System.schedule('S', '0 0 * * * ?', new CountingSchedule()); Test.stopTest(); System.debug(CountingJob.runs);",
      ),
      ['1'],
    );
  });
});

// Object Reference, "ApexClass": one row per Apex class, NamespacePrefix set only for a managed
// package's classes; "AsyncApexJob": ApexClassId is "the ID of the Apex class executing the job",
// a lookup whose relationship is ApexClass.
describe('ApexClass rows and AsyncApexJob.ApexClass', () => {
  it('every top-level class of the project has an active ApexClass row outside any namespace', () => {
    assert.deepEqual(
      run(
        "ApexClass c = [SELECT Id, Name, NamespacePrefix, Status FROM ApexClass WHERE Name = 'CountingJob']; System.debug(c.Name + ' ' + c.NamespacePrefix + ' ' + c.Status + ' ' + String.valueOf(c.Id).left(3)); System.debug([SELECT COUNT() FROM ApexClass WHERE Name IN ('Caller', 'ChunkBatch', 'NoSuchClass')]);",
      ),
      ['CountingJob null Active 01p', '2'],
    );
  });

  it('a Queueable and a future method name the class that runs them', () => {
    assert.deepEqual(
      run(
        "Test.setMock(HttpCalloutMock.class, new StaticMock()); Test.startTest(); System.enqueueJob(new CountingJob('plain')); Caller.callLater('https://x'); Test.stopTest(); for (AsyncApexJob j : [SELECT JobType, ApexClassId, ApexClass.Name FROM AsyncApexJob ORDER BY JobType]) { System.debug(j.JobType + ' ' + j.ApexClass.Name + ' ' + (j.ApexClassId == j.ApexClass.Id)); }",
      ),
      ['Future Caller true', 'Queueable CountingJob true'],
    );
  });

  it('jobs can be counted by their class name, as a package counts its own', () => {
    assert.deepEqual(
      run(
        "Test.startTest(); System.enqueueJob(new CountingJob('plain')); System.enqueueJob(new CountingJob('plain')); System.schedule('S', '0 0 * * * ?', new CountingSchedule()); Test.stopTest(); System.debug([SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name IN ('CountingJob') AND ApexClass.NamespacePrefix = null AND CreatedDate >= :System.now().addDays(-1)]); System.debug([SELECT COUNT() FROM AsyncApexJob]);",
      ),
      ['2', '3'],
    );
  });
});
