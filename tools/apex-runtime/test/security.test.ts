// Object permissions and field-level security in user mode (Apex Developer Guide, "Enforce User Mode
// for Database Operations", "Filter SOQL Queries Using WITH SECURITY_ENFORCED", "Enforce Security
// with the stripInaccessible Method"; Apex Reference, "DescribeSObjectResult Class",
// "DescribeFieldResult Class", "Security Class"). The fixture's Widget Admin permission set grants
// Widget__c read, create and edit (not delete), Account__c read/edit and Amount__c read only;
// Active__c is granted to no one, Code__c is required (visible with the object).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexHarness } from './harness.ts';

const { run, raisedText: raised } = apexHarness({ inTest: true });

const user = (profile: string, withWidgetAdmin: boolean): string =>
  `Profile p = [SELECT Id FROM Profile WHERE Name = '${profile}']; User u = new User(LastName = 'Ops', Username = 'ops@example.com', Email = 'ops@example.com', Alias = 'ops', TimeZoneSidKey = 'UTC', LocaleSidKey = 'en_US', EmailEncodingKey = 'UTF-8', LanguageLocaleKey = 'en_US', ProfileId = p.Id); insert u; ` +
  (withWidgetAdmin
    ? "PermissionSet ps = [SELECT Id FROM PermissionSet WHERE Name = 'Widget_Admin']; insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = ps.Id); "
    : '');
const WIDGET =
  "Widget__c w; System.runAs(new User(Id = UserInfo.getUserId())) { w = new Widget__c(Name = 'w', Code__c = 'C1', Amount__c = 5, Active__c = true); insert w; } ";

describe('describe answers for the running user', () => {
  it('System Administrator may do everything; a Standard User nothing on a custom object without a permission set', () => {
    assert.deepEqual(
      run(
        user('Standard User', false) +
          "System.debug(Widget__c.SObjectType.getDescribe().isAccessible() + ' ' + Widget__c.Amount__c.getDescribe().isAccessible()); System.runAs(u) { Schema.DescribeSObjectResult d = Widget__c.SObjectType.getDescribe(); System.debug(d.isAccessible() + ' ' + d.isCreateable() + ' ' + Widget__c.Amount__c.getDescribe().isAccessible()); System.debug(Account.SObjectType.getDescribe().isDeletable() + ' ' + Account.Name.getDescribe().isUpdateable() + ' ' + Product2.SObjectType.getDescribe().isCreateable()); }",
      ),
      ['true true', 'false false false', 'true true false'],
    );
  });

  it('a permission set grants its objects and fields, and no more', () => {
    assert.deepEqual(
      run(
        user('Standard User', true) +
          "System.runAs(u) { Schema.DescribeSObjectResult d = Widget__c.SObjectType.getDescribe(); System.debug(d.isAccessible() + ' ' + d.isCreateable() + ' ' + d.isUpdateable() + ' ' + d.isDeletable()); System.debug(Widget__c.Amount__c.getDescribe().isAccessible() + ' ' + Widget__c.Amount__c.getDescribe().isUpdateable() + ' ' + Widget__c.Active__c.getDescribe().isAccessible() + ' ' + Widget__c.Code__c.getDescribe().isAccessible() + ' ' + Widget__c.Account__c.getDescribe().isCreateable()); }",
      ),
      ['true true true false', 'true false false true true'],
    );
  });

  it('Read Only reads the CRM objects and changes none; Minimum Access sees none', () => {
    assert.deepEqual(
      run(
        user('Read Only', false) +
          "System.runAs(u) { System.debug(Lead.SObjectType.getDescribe().isAccessible() + ' ' + Lead.SObjectType.getDescribe().isCreateable()); }",
      ),
      ['true false'],
    );
  });
});

describe('queries in user mode', () => {
  it('WITH USER_MODE refuses an object the user cannot read; system mode reads it', () => {
    assert.deepEqual(
      run(
        user('Standard User', false) +
          WIDGET +
          'System.runAs(u) { System.debug([SELECT COUNT() FROM Widget__c]); try { System.debug([SELECT Id FROM Widget__c WITH USER_MODE]); } catch (QueryException e) { System.debug(e.getMessage()); } }',
      ),
      ['1', 'Insufficient permissions: secure query included inaccessible field'],
    );
  });

  it('every clause is checked: a field in WHERE the user cannot read is refused too', () => {
    assert.deepEqual(
      run(
        user('Standard User', true) +
          WIDGET +
          "System.runAs(u) { System.debug([SELECT Amount__c, Code__c FROM Widget__c WITH USER_MODE].size()); try { System.debug([SELECT Id FROM Widget__c WHERE Active__c = true WITH USER_MODE]); } catch (QueryException e) { System.debug('refused'); } try { System.debug(Database.query('SELECT Active__c FROM Widget__c', AccessLevel.USER_MODE)); } catch (QueryException e) { System.debug('refused'); } System.debug(Database.query('SELECT Active__c FROM Widget__c', AccessLevel.SYSTEM_MODE).size()); try { System.debug([SELECT Active__c FROM Widget__c WITH SECURITY_ENFORCED]); } catch (QueryException e) { System.debug('refused'); } }",
      ),
      ['1', 'refused', 'refused', '1', 'refused'],
    );
  });

  it('a parent field is checked on the parent object', () => {
    assert.deepEqual(
      run(
        user('Minimum Access - Salesforce', true) +
          WIDGET +
          "System.runAs(u) { System.debug([SELECT Account__c FROM Widget__c WITH USER_MODE].size()); try { System.debug([SELECT Account__r.Name FROM Widget__c WITH USER_MODE]); } catch (QueryException e) { System.debug('refused'); } }",
      ),
      ['1', 'refused'],
    );
  });
});

describe('DML in user mode', () => {
  it('insert as user needs create on the object and edit on every field it sets', () => {
    assert.deepEqual(
      run(
        user('Standard User', true) +
          "System.runAs(u) { insert as user new Widget__c(Name = 'a', Code__c = 'A1'); System.debug([SELECT COUNT() FROM Widget__c]); try { insert as user new Widget__c(Name = 'b', Code__c = 'B1', Amount__c = 3); } catch (DmlException e) { System.debug(e.getMessage()); } insert new Widget__c(Name = 'c', Code__c = 'C1', Amount__c = 3); System.debug([SELECT COUNT() FROM Widget__c]); }",
      ),
      [
        '1',
        'Insert failed. First exception on row 0; first error: INSUFFICIENT_ACCESS_OR_READONLY, Operation failed due to fields being inaccessible on Sobject Widget__c, check errors on Exception or Result!: [Amount__c]',
        '2',
      ],
    );
  });

  it('Database methods take AccessLevel, alone or after allOrNone, and report per record', () => {
    assert.deepEqual(
      run(
        user('Standard User', true) +
          WIDGET +
          "System.runAs(u) { List<Database.DeleteResult> r = Database.delete(new List<Id>{ w.Id }, false, AccessLevel.USER_MODE); System.debug(r[0].isSuccess() + ' ' + r[0].getErrors()[0].getStatusCode()); try { Database.insert(new Widget__c(Name = 'x', Code__c = 'X1', Active__c = true), AccessLevel.USER_MODE); } catch (DmlException e) { System.debug('all or none'); } System.debug([SELECT COUNT() FROM Widget__c]); }",
      ),
      ['false INSUFFICIENT_ACCESS_OR_READONLY', 'all or none', '1'],
    );
  });
});

describe('Security.stripInaccessible', () => {
  it('removes the fields the user cannot read, and says which', () => {
    assert.deepEqual(
      run(
        user('Standard User', true) +
          WIDGET +
          "List<Widget__c> rows = [SELECT Id, Code__c, Amount__c, Active__c FROM Widget__c]; System.runAs(u) { SObjectAccessDecision d = Security.stripInaccessible(AccessType.READABLE, rows); System.debug(d.getRemovedFields()); Widget__c kept = (Widget__c) d.getRecords()[0]; System.debug(kept.Code__c + ' ' + kept.Amount__c + ' ' + kept.getPopulatedFieldsAsMap().containsKey('Active__c')); SObjectAccessDecision u2 = Security.stripInaccessible(AccessType.UPDATABLE, rows); System.debug(u2.getRemovedFields()); }",
      ),
      ['{Widget__c={Active__c}}', 'C1 5 false', '{Widget__c={Amount__c, Active__c}}'],
    );
  });

  it('without access to the object it throws NoAccessException', () => {
    assert.match(
      raised(
        user('Standard User', false) +
          WIDGET +
          'List<Widget__c> rows = [SELECT Id FROM Widget__c]; System.runAs(u) { Security.stripInaccessible(AccessType.READABLE, rows); }',
      ),
      /^System\.NoAccessException: /,
    );
  });
});

// Apex Developer Guide, "Enforce User Mode for Database Operations": SOSL WITH USER_MODE applies the
// running user's object permissions and field-level security, as SOQL does; system mode does not
// (in a test, SOSL finds the Test.setFixedSearchResults Ids: "Adding SOSL Queries to Unit Tests").
describe('SOSL in user mode', () => {
  it('refuses an object or field the user cannot read; system mode returns it', () => {
    const gadget =
      "Widget__c g = new Widget__c(Name = 'gadget', Code__c = 'C1', Amount__c = 5, Active__c = true); System.runAs(new User(Id = UserInfo.getUserId())) { insert g; } Test.setFixedSearchResults(new List<Id>{ g.Id }); ";
    const search = (fields: string, mode: string): string =>
      `try { System.debug([FIND 'gadget' IN ALL FIELDS RETURNING Widget__c(${fields}) WITH ${mode}][0].size()); } catch (QueryException e) { System.debug('refused'); } `;
    assert.deepEqual(
      run(
        user('Standard User', true) +
          gadget +
          `System.runAs(u) { ${search('Name, Amount__c', 'USER_MODE')}${search('Active__c', 'USER_MODE')}${search('Active__c', 'SYSTEM_MODE')} }`,
      ),
      ['1', 'refused', '1'],
    );
    assert.deepEqual(
      run(user('Standard User', false) + gadget + `System.runAs(u) { ${search('Name', 'USER_MODE')} }`),
      ['refused'],
    );
  });
});
