// Running users, permission sets and custom permissions, mixed DML, labels, time zones and the
// rest of the standard library (Apex Developer Guide "Using the runAs Method", "sObjects That
// Cannot Be Used Together in DML Operations"; Apex Reference "FeatureManagement", "Datetime",
// "Crypto", "EncodingUtil", "Pattern and Matcher").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexHarness } from './harness.ts';

const { run, raisedText: raised } = apexHarness({ inTest: true, timeZone: 'America/Los_Angeles' });

const NEW_USER =
  "Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User']; User u = new User(LastName = 'Tokyo', Username = 'tokyo@example.com', Email = 'tokyo@example.com', Alias = 'tokyo', TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US', ProfileId = p.Id); insert u; ";

describe('running user', () => {
  it("runAs switches UserInfo and local time follows the user's time zone", () => {
    assert.deepEqual(
      run(
        NEW_USER +
          'Datetime noon = Datetime.newInstanceGmt(2026, 1, 15, 12, 0, 0); System.debug(noon.hour()); System.runAs(u) { System.debug(UserInfo.getUserId() == u.Id); System.debug(noon.hour()); }',
      ),
      ['4', 'true', '21'],
    );
  });

  it('custom permissions come from assigned permission sets', () => {
    assert.deepEqual(
      run(
        NEW_USER +
          "System.runAs(u) { System.debug(FeatureManagement.checkPermission('Manage_Widgets')); } PermissionSet ps = [SELECT Id FROM PermissionSet WHERE Name = 'Widget_Admin']; insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id); System.runAs(u) { System.debug(FeatureManagement.checkPermission('Manage_Widgets')); }",
      ),
      ['false', 'true'],
    );
  });

  it('setup and non-setup DML in one transaction is MIXED_DML_OPERATION', () => {
    assert.match(
      raised(
        NEW_USER +
          "System.runAs(new User(Id = UserInfo.getUserId())) { insert new Account(Name = 'x'); PermissionSet ps = [SELECT Id FROM PermissionSet WHERE Name = 'Widget_Admin']; insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id); }",
      ),
      /^System.DmlException: DML operation on setup object is not permitted after you have updated a non-setup object \(or vice versa\): PermissionSetAssignment, original object: Account/,
    );
  });

  // The documented exceptions for User: an insert without a role, and an update that leaves the
  // role, IsActive, forecasting, portal, Username and ProfileId alone, mix with other objects.
  it('a User without a role, or a User update of other fields, may share the transaction', () => {
    assert.deepEqual(
      run(NEW_USER + "insert new Account(Name = 'x'); u.Title = 'Analyst'; update u; System.debug('ok');"),
      ['ok'],
    );
    assert.match(
      raised(NEW_USER + "insert new Account(Name = 'x'); u.IsActive = false; update u;"),
      /^System.DmlException: DML operation on setup object is not permitted after you have updated a non-setup object \(or vice versa\): User, original object: Account/,
    );
  });

  it('System.runAs allows mixed DML in tests', () => {
    assert.deepEqual(
      run(
        NEW_USER +
          "System.runAs(new User(Id = UserInfo.getUserId())) { insert new Account(Name = 'x'); } System.debug('ok');",
      ),
      ['ok'],
    );
  });
});

describe('labels and types', () => {
  it('System.Label and Label read custom labels', () => {
    assert.deepEqual(run('System.debug(System.Label.Greeting); System.debug(Label.Greeting);'), [
      'Hello from a label',
      'Hello from a label',
    ]);
  });

  it('Type.forName finds project classes and returns null otherwise', () => {
    assert.deepEqual(run("System.debug(Type.forName('Counter') != null); System.debug(Type.forName('NoSuchClass'));"), [
      'true',
      'null',
    ]);
  });
});

describe('standard library', () => {
  it('Datetime.format in a given zone and formatGmt', () => {
    assert.deepEqual(
      run(
        "Datetime d = Datetime.newInstanceGmt(2026, 3, 1, 8, 5, 9); System.debug(d.formatGmt('yyyy-MM-dd\\'T\\'HH:mm:ss.SSS\\'Z\\'')); System.debug(d.format('yyyy-MM-dd HH:mm', 'Asia/Kolkata'));",
      ),
      ['2026-03-01T08:05:09.000Z', '2026-03-01 13:35'],
    );
  });

  it('Datetime.newInstance is local to the running user', () => {
    assert.deepEqual(run('System.debug(Datetime.newInstance(2026, 7, 1, 0, 0, 0).getTime());'), [
      String(Date.UTC(2026, 6, 1, 7, 0, 0)),
    ]);
  });

  it('SHA-256 digest as hex and base64', () => {
    assert.deepEqual(
      run(
        "Blob h = Crypto.generateDigest('SHA-256', Blob.valueOf('abc')); System.debug(EncodingUtil.convertToHex(h).left(16)); System.debug(EncodingUtil.base64Encode(Blob.valueOf('hi')));",
      ),
      ['ba7816bf8f01cfea', 'aGk='],
    );
  });

  it('Pattern and Matcher', () => {
    assert.deepEqual(
      run(
        "Matcher m = Pattern.compile('(\\\\d+)-(\\\\w+)').matcher('12-ab'); System.debug(m.matches()); System.debug(m.group(2)); System.debug(Pattern.matches('[a-z]+', 'abc'));",
      ),
      ['true', 'ab', 'true'],
    );
  });

  it('urlEncode uses + for spaces', () => {
    assert.deepEqual(run("System.debug(EncodingUtil.urlEncode('a b&c', 'UTF-8'));"), ['a+b%26c']);
  });
});
