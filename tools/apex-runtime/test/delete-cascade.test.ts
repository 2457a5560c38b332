// What deleting a record does to the records pointing at it (src/platform/delete-rules.ts), and what
// rolling back to a savepoint does to the emails sent after it. Each rule cites the page it follows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnsupportedApexFeature } from '../src/language/errors.ts';
import { apexHarness } from './harness.ts';

const { rt, run, raised } = apexHarness({ inTest: true });

function refused(apex: string): string {
  try {
    run(apex);
  } catch (error) {
    if (error instanceof UnsupportedApexFeature) return error.message;
    throw error;
  }
  throw new Error('expected UnsupportedApexFeature');
}

// Salesforce Help, "Object Relationships Overview": a custom lookup's "What to do if the lookup record
// is deleted?" — Clear the value of this field (default, metadata SetNull), Don't allow deletion
// (Restrict), Delete this record also (Cascade). Apex Developer Guide, "Referential Integrity When
// Deleting and Restoring Records": undelete restores all custom lookup relationships not replaced since.
describe('custom lookups follow their deleteConstraint', () => {
  const widgetOfAccount = `Account a = new Account(Name = 'Acme'); insert a; Widget__c w = new Widget__c(Name = 'w', Code__c = 'c', Account__c = a.Id); insert w;`;
  const accountOf = `System.debug([SELECT Account__c FROM Widget__c WHERE Id = :w.Id].Account__c == a.Id);`;

  it('SetNull clears the lookup, and undeleting the parent puts it back', () => {
    assert.deepEqual(run(`${widgetOfAccount} delete a; ${accountOf} undelete a; ${accountOf}`), ['false', 'true']);
    assert.deepEqual(
      run(`${widgetOfAccount} delete a; System.debug([SELECT Account__c FROM Widget__c][0].Account__c);`),
      ['null'],
    );
  });

  it('undelete leaves a lookup that was set again meanwhile', () => {
    assert.deepEqual(
      run(
        `${widgetOfAccount} delete a; Account b = new Account(Name = 'B'); insert b; w.Account__c = b.Id; update w; undelete a; System.debug([SELECT Account__c FROM Widget__c][0].Account__c == b.Id);`,
      ),
      ['true'],
    );
  });

  it('a lookup to its own object is cleared (it has no delete option: Knowledge Article 000383277)', () => {
    assert.deepEqual(
      run(
        `Widget__c p = new Widget__c(Name = 'p', Code__c = 'p'); insert p; Widget__c c = new Widget__c(Name = 'c', Code__c = 'c', Parent_Widget__c = p.Id); insert c; delete p; System.debug([SELECT Parent_Widget__c FROM Widget__c][0].Parent_Widget__c);`,
      ),
      ['null'],
    );
  });

  const contactInUse = `Contact c = new Contact(LastName = 'Kept'); insert c; Widget__c w = new Widget__c(Name = 'w', Code__c = 'c', Contact__c = c.Id); insert w;`;

  it('Restrict refuses the delete with DELETE_FAILED while a live record points at it', () => {
    const { type, message } = raised(`${contactInUse} delete c;`);
    assert.equal(type, 'System.DmlException');
    assert.match(message, /^Delete failed\. First exception on row 0; first error: DELETE_FAILED, /);
    assert.deepEqual(
      run(
        `${contactInUse} Database.DeleteResult r = Database.delete(c, false); System.debug(r.isSuccess() + ' ' + r.getErrors()[0].getStatusCode()); System.debug([SELECT COUNT() FROM Contact]);`,
      ),
      ['false DELETE_FAILED', '1'],
    );
  });

  it('a restricting record in the Recycle Bin no longer keeps its parent', () => {
    assert.deepEqual(run(`${contactInUse} delete w; delete c; System.debug([SELECT COUNT() FROM Contact]);`), ['0']);
  });

  it('Cascade deletes the record (and its details) without firing their triggers, and undelete restores them', () => {
    const setup = `Case k = new Case(Subject = 'k'); insert k; Widget__c w = new Widget__c(Name = 'w', Code__c = 'c'); insert w;
      Widget_Part__c p = new Widget_Part__c(Name = 'p', Widget__c = w.Id, Case__c = k.Id); insert p;
      insert new Widget_Part_Note__c(Name = 'n', Part__c = p.Id);`;
    const counts = `System.debug([SELECT COUNT() FROM Widget_Part__c] + '/' + [SELECT COUNT() FROM Widget_Part_Note__c] + '/' + [SELECT COUNT() FROM Widget__c]);`;
    assert.deepEqual(run(`${setup} delete k; ${counts} undelete k; ${counts}`), ['0/0/1', '1/1/1']);
  });
});

// Salesforce Help, "Delete Accounts": a deleted account goes to the Recycle Bin with its contacts,
// opportunities, contracts that are not activated and activities, restored with it; an account with
// associated cases cannot be deleted (and Account's describe says Case.AccountId restrictedDelete).
// SOAP API Developer Guide, "undelete()": undelete restores what the delete cascaded.
describe('standard relationships of a deleted Account', () => {
  const family = `Account a = new Account(Name = 'Acme'); insert a;
    Contact c = new Contact(LastName = 'C', AccountId = a.Id); insert c;
    insert new Opportunity(Name = 'O', StageName = 'Prospecting', CloseDate = Date.today(), AccountId = a.Id);
    insert new Task(Subject = 'call', WhatId = a.Id); insert new Task(Subject = 'mail', WhoId = c.Id);
    insert new Contract(AccountId = a.Id);`;
  const counts = `System.debug([SELECT COUNT() FROM Contact] + '/' + [SELECT COUNT() FROM Opportunity] + '/' + [SELECT COUNT() FROM Task] + '/' + [SELECT COUNT() FROM Contract] + '/' + [SELECT COUNT() FROM Contact WHERE IsDeleted = true ALL ROWS]);`;

  it('its contacts, opportunities, contracts and activities go with it and come back with it', () => {
    assert.deepEqual(run(`${family} ${counts} delete a; ${counts} undelete a; ${counts}`), [
      '1/1/2/1/0',
      '0/0/0/0/1',
      '1/1/2/1/0',
    ]);
  });

  it('the records that went with it fire no trigger; the account its own (after delete)', () => {
    assert.deepEqual(run(`${family} TriggerLog.events.clear(); delete a; System.debug(TriggerLog.events);`), [
      '(AFTER_DELETE:1)',
    ]);
  });

  it('an account with a case cannot be deleted (DELETE_FAILED); the others of the call are', () => {
    assert.deepEqual(
      run(
        `Account a = new Account(Name = 'A'); Account b = new Account(Name = 'B'); insert new List<Account>{ a, b };
         insert new Case(Subject = 's', AccountId = a.Id); insert new Contact(LastName = 'C', AccountId = b.Id);
         List<Database.DeleteResult> rs = Database.delete(new List<Account>{ a, b }, false);
         System.debug(rs[0].getErrors()[0].getStatusCode() + ' ' + rs[1].isSuccess()); System.debug([SELECT COUNT() FROM Account] + '/' + [SELECT COUNT() FROM Contact]);`,
      ),
      ['DELETE_FAILED true', '1/0'],
    );
  });

  // Apex Developer Guide, "Referential Integrity When Deleting and Restoring Records".
  it('a parent account and a contact manager are cleared, and restored by undelete', () => {
    assert.deepEqual(
      run(
        `Account p = new Account(Name = 'P'); insert p; Account a = new Account(Name = 'A', ParentId = p.Id); insert a;
         Contact boss = new Contact(LastName = 'Boss'); insert boss; Contact c = new Contact(LastName = 'C', ReportsToId = boss.Id); insert c;
         delete p; delete boss;
         System.debug([SELECT ParentId FROM Account][0].ParentId + ' ' + [SELECT ReportsToId FROM Contact][0].ReportsToId);
         undelete p; undelete boss;
         System.debug(([SELECT ParentId FROM Account WHERE Id = :a.Id].ParentId == p.Id) + ' ' + ([SELECT ReportsToId FROM Contact WHERE Id = :c.Id].ReportsToId == boss.Id));`,
      ),
      ['null null', 'true true'],
    );
  });

  it('an activated contract is refused loudly (the Help limits the restriction to partner accounts)', () => {
    assert.match(
      refused(
        `Account a = new Account(Name = 'A'); insert a; insert new Contract(AccountId = a.Id, Status = 'Activated'); delete a;`,
      ),
      /Contract\.AccountId/,
    );
  });

  it('200+ accounts with their contacts are deleted in one statement', () => {
    assert.deepEqual(
      run(
        `List<Account> accts = new List<Account>(); for (Integer i = 0; i < 250; i++) accts.add(new Account(Name = 'A' + i)); insert accts;
         List<Contact> cs = new List<Contact>(); for (Account a : accts) cs.add(new Contact(LastName = 'C', AccountId = a.Id)); insert cs;
         delete accts; System.debug([SELECT COUNT() FROM Contact] + '/' + [SELECT COUNT() FROM Contact WHERE IsDeleted = true ALL ROWS]);`,
      ),
      ['0/250'],
    );
  });
});

describe('relationships whose delete behaviour is not documented are refused loudly', () => {
  it('a Campaign with a member', () => {
    assert.match(
      refused(
        `Campaign k = new Campaign(Name = 'K'); insert k; Lead l = new Lead(LastName = 'L', Company = 'C'); insert l; insert new CampaignMember(CampaignId = k.Id, LeadId = l.Id); delete k;`,
      ),
      /delete of a Campaign that a live CampaignMember points at through CampaignMember\.CampaignId/,
    );
  });

  it('but the same objects without such a record delete normally', () => {
    assert.deepEqual(
      run(`Campaign k = new Campaign(Name = 'K'); insert k; delete k; System.debug([SELECT COUNT() FROM Campaign]);`),
      ['0'],
    );
  });
});

// Apex Developer Guide, "Transaction Control": rolling back to a savepoint restores the database.
describe('savepoint rollback undoes the cascade', () => {
  it('records deleted with the parent and lookups it cleared are back after Database.rollback', () => {
    assert.deepEqual(
      run(
        `Account a = new Account(Name = 'Acme'); insert a; insert new Contact(LastName = 'C', AccountId = a.Id);
         Widget__c w = new Widget__c(Name = 'w', Code__c = 'c', Account__c = a.Id); insert w;
         Savepoint sp = Database.setSavepoint(); delete a; Database.rollback(sp);
         System.debug([SELECT COUNT() FROM Contact] + ' ' + ([SELECT Account__c FROM Widget__c][0].Account__c == a.Id));
         delete a; undelete a; System.debug([SELECT COUNT() FROM Contact] + ' ' + ([SELECT Account__c FROM Widget__c][0].Account__c == a.Id));`,
      ),
      ['1 true', '1 true'],
    );
  });
});

// Apex Reference, Database.rollback(databaseSavepoint): "Any emails submitted since the last savepoint
// are also rolled back and not sent."
describe('Database.rollback withdraws the emails sent after its savepoint', () => {
  const email = (subject: string): string =>
    `Messaging.SingleEmailMessage m${subject} = new Messaging.SingleEmailMessage(); m${subject}.setToAddresses(new List<String>{ 'a@example.com' }); m${subject}.setSubject('${subject}'); m${subject}.setPlainTextBody('b'); Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ m${subject} });`;

  it('emails before the savepoint stay, those after it are withdrawn', () => {
    rt.sentMessages.length = 0;
    run(
      `${email('before')} Savepoint sp = Database.setSavepoint(); ${email('after')} Database.rollback(sp); ${email('later')}`,
    );
    assert.deepEqual(
      rt.sentMessages.map((m) => m.subject),
      ['before', 'later'],
    );
  });

  it('a custom notification sent after the savepoint is refused loudly (undocumented)', () => {
    assert.match(
      refused(
        `Savepoint sp = Database.setSavepoint(); Messaging.CustomNotification n = new Messaging.CustomNotification(); n.setTitle('t'); n.setBody('b'); n.send(new Set<String>{ UserInfo.getUserId() }); Database.rollback(sp);`,
      ),
      /custom notification/,
    );
  });
});
