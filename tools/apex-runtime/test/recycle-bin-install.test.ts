// Platform methods the background jobs and the post-install script rely on, each checked against the
// page named in its group: the Recycle Bin (Database.emptyRecycleBin, undelete by Id), test helpers
// (Test.setCreatedDate, Test.testInstall), Version, SObjectType.newSObject with defaults, and the
// NextFireTime of a job scheduled in a test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnsupportedApexFeature } from '../src/language/errors.ts';
import { apexHarness } from './harness.ts';

const { run } = apexHarness({ inTest: true });

// Apex Reference, "Database Class" (emptyRecycleBin, undelete(recordIds, allOrNone)) and
// "EmptyRecycleBinResult Class"; Apex Developer Guide, "Execution Governors and Limits" (emptyRecycleBin
// counts as a DML statement and its records as DML rows); SOAP API Developer Guide, "emptyRecycleBin()"
// (emptied records cannot be undeleted; queryAll still returns them for a while).
describe('Database.emptyRecycleBin', () => {
  const DELETED =
    "List<Widget__c> ws = new List<Widget__c>{ new Widget__c(Name = 'a', Code__c = 'A'), new Widget__c(Name = 'b', Code__c = 'B') }; insert ws; delete ws; ";

  it('empties deleted records: one result each, one DML statement, one DML row per record', () => {
    assert.deepEqual(
      run(
        DELETED +
          'Integer statements = Limits.getDmlStatements(); Integer rows = Limits.getDmlRows(); ' +
          'List<Database.EmptyRecycleBinResult> results = Database.emptyRecycleBin(ws); ' +
          "System.debug(results.size() + ' ' + results[0].isSuccess() + ' ' + (results[1].getId() == ws[1].Id) + ' ' + results[0].getErrors().size()); " +
          "System.debug((Limits.getDmlStatements() - statements) + ' ' + (Limits.getDmlRows() - rows));",
      ),
      ['2 true true 0', '1 2'],
    );
  });

  it('takes a list of Ids or one record too', () => {
    assert.deepEqual(
      run(
        DELETED +
          'Database.emptyRecycleBin(new List<Id>{ ws[0].Id }); Database.emptyRecycleBin(ws[1]); System.debug(Limits.getDmlRows());',
      ),
      ['6'],
    );
  });

  it('an emptied record can no longer be undeleted; ALL ROWS still returns it for a while', () => {
    assert.deepEqual(
      run(
        DELETED +
          'Database.emptyRecycleBin(new List<Id>{ ws[0].Id }); ' +
          'List<Database.UndeleteResult> results = Database.undelete(new List<Id>{ ws[0].Id, ws[1].Id }, false); ' +
          "System.debug(results[0].isSuccess() + ' ' + results[1].isSuccess()); " +
          'System.debug([SELECT COUNT() FROM Widget__c WHERE IsDeleted = true ALL ROWS]);',
      ),
      ['false true', '1'],
    );
  });

  it('a record that is not in the Recycle Bin is refused as unsupported (undocumented on the platform)', () => {
    assert.throws(
      () => run("Widget__c w = new Widget__c(Name = 'live', Code__c = 'L'); insert w; Database.emptyRecycleBin(w);"),
      UnsupportedApexFeature,
    );
  });
});

// Apex Reference, "Test Class": setCreatedDate(recordId, createdDatetime) for a record the test inserted.
describe('Test.setCreatedDate', () => {
  it('sets CreatedDate as SOQL then sees it', () => {
    assert.deepEqual(
      run(
        "Widget__c w = new Widget__c(Name = 'old', Code__c = 'O'); insert w; Test.setCreatedDate(w.Id, Datetime.newInstanceGmt(2012, 12, 12)); " +
          'System.debug([SELECT CreatedDate FROM Widget__c WHERE Id = :w.Id].CreatedDate == Datetime.newInstanceGmt(2012, 12, 12)); ' +
          'System.debug([SELECT COUNT() FROM Widget__c WHERE CreatedDate < LAST_N_DAYS:30]);',
      ),
      ['true', '1'],
    );
  });
});

// Apex Reference, "Test Class" (testInstall(installImplementation, version, isPush)), "InstallHandler
// Interface", "InstallContext Interface" and "Version Class"; ISVforce Guide, "Example of a Post Install
// Script" (a null version is a first install).
describe('Test.testInstall', () => {
  it('a null version is a fresh install, run as the test user', () => {
    assert.deepEqual(run('Test.testInstall(new SeedOnInstall(), null);'), ['false false none true true']);
  });

  it('a version is an upgrade from it, optionally pushed', () => {
    assert.deepEqual(
      run(
        'Test.testInstall(new SeedOnInstall(), new Version(1, 2), true); Test.testInstall(new SeedOnInstall(), new Version(1, 2, 3));',
      ),
      ['true true 1.2.null true true', 'true false 1.2.3 true true'],
    );
  });
});

// Apex Reference, "SObjectType Class": newSObject(recordTypeId, loadDefaults) fills custom fields with
// their default values when loadDefaults is true.
describe('SObjectType.newSObject(recordTypeId, loadDefaults)', () => {
  it('loads the field defaults only when asked', () => {
    assert.deepEqual(
      run(
        'Switches__c withDefaults = (Switches__c) Switches__c.SObjectType.newSObject(null, true); ' +
          'Switches__c plain = (Switches__c) Switches__c.SObjectType.newSObject(); ' +
          "System.debug(withDefaults.Retention__c + ' ' + withDefaults.Off__c + ' ' + plain.Retention__c);",
      ),
      ['7 false null'],
    );
  });
});

// Apex Developer Guide, "Apex Scheduler" (its test reads NextFireTime of the job it scheduled).
describe('System.schedule in a test', () => {
  it('the CronTrigger has its next fire time', () => {
    assert.deepEqual(
      run(
        "Id t = System.schedule('Nightly', '0 30 2 * * ?', new CountingSchedule()); " +
          'CronTrigger ct = [SELECT NextFireTime, TimesTriggered FROM CronTrigger WHERE Id = :t]; ' +
          "System.debug(ct.NextFireTime.hour() + ':' + ct.NextFireTime.minute() + ' ' + ct.TimesTriggered + ' ' + (ct.NextFireTime > System.now()));",
      ),
      ['2:30 0 true'],
    );
  });
});
