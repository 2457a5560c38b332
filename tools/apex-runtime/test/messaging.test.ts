// Outbound email as the platform refuses it. Apex Developer Guide, "Outbound Email": with
// opt_allOrNone true (the default) an error in any message prevents the delivery of all of them
// (sendEmail throws), with false the others are delivered. Apex Reference, "SendEmailResult Class"
// (isSuccess, getErrors) and "SingleEmailMessage Class" (a recipient in toAddresses, ccAddresses,
// bccAddresses or targetObjectId; targetObjectId names a Contact, Lead or User; saveAsActivity must
// be false for a User). SOAP API Developer Guide, "SendEmailResult": each SendEmailError carries a
// status code, a message and the TargetObjectId it concerns.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexHarness } from './harness.ts';

const { rt, run, raisedText } = apexHarness({ inTest: true });

const GHOST = "Id ghost = '005000000000001'; ";
const TO_ME =
  "Messaging.SingleEmailMessage ok = new Messaging.SingleEmailMessage(); ok.setTargetObjectId(UserInfo.getUserId()); ok.setSaveAsActivity(false); ok.setSubject('ok'); ok.setPlainTextBody('b'); ";
const TO_GHOST =
  "Messaging.SingleEmailMessage bad = new Messaging.SingleEmailMessage(); bad.setTargetObjectId(ghost); bad.setSaveAsActivity(false); bad.setSubject('bad'); bad.setPlainTextBody('b'); ";

function sentSubjects(apex: string): string[] {
  rt.sentMessages.length = 0;
  run(apex);
  return rt.sentMessages.map((m) => m.subject);
}

describe('Messaging.sendEmail refusals', () => {
  it('with allOrNone false the good message is sent and the refused one says why', () => {
    const printed = run(
      GHOST +
        TO_ME +
        TO_GHOST +
        "List<Messaging.SendEmailResult> rs = Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ ok, bad }, false); System.debug(rs[0].isSuccess() + ' ' + rs[0].getErrors().size()); Messaging.SendEmailError e = rs[1].getErrors()[0]; System.debug(rs[1].isSuccess() + ' ' + e.getStatusCode() + ' ' + (e.getTargetObjectId() == ghost));",
    );
    assert.deepEqual(printed, ['true 0', 'false INVALID_ID_FIELD true']);
    assert.deepEqual(
      sentSubjects(
        GHOST + TO_ME + TO_GHOST + 'Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ ok, bad }, false);',
      ),
      ['ok'],
    );
  });

  it('all-or-none (the default) throws EmailException naming the first refused row, and sends nothing', () => {
    assert.match(
      raisedText(GHOST + TO_ME + TO_GHOST + 'Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ ok, bad });'),
      /^System\.EmailException: SendEmail failed\. First exception on row 1; first error: INVALID_ID_FIELD, /,
    );
    assert.deepEqual(
      sentSubjects(
        GHOST +
          TO_ME +
          TO_GHOST +
          'try { Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ ok, bad }, true); } catch (EmailException e) { System.debug(e.getMessage()); }',
      ),
      [],
    );
  });

  it('a message without any recipient is REQUIRED_FIELD_MISSING', () => {
    assert.deepEqual(
      run(
        "Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setSubject('s'); m.setPlainTextBody('b'); Messaging.SendEmailResult r = Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ m }, false)[0]; System.debug(r.getErrors()[0].getStatusCode() + ': ' + r.getErrors()[0].getMessage());",
      ),
      ['REQUIRED_FIELD_MISSING: Add a recipient to send an email.'],
    );
  });

  it('a target that is not a Contact, Lead or User, or a User saved as an activity, is refused', () => {
    assert.deepEqual(
      run(
        "Account a = new Account(Name = 'A'); insert a; Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setTargetObjectId(a.Id); m.setSaveAsActivity(false); m.setSubject('s'); m.setPlainTextBody('b'); Messaging.SingleEmailMessage u = new Messaging.SingleEmailMessage(); u.setTargetObjectId(UserInfo.getUserId()); u.setSubject('s'); u.setPlainTextBody('b'); for (Messaging.SendEmailResult r : Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ m, u }, false)) { System.debug(r.getErrors()[0].getStatusCode()); }",
      ),
      ['INVALID_ID_FIELD', 'INVALID_SAVE_AS_ACTIVITY_FLAG'],
    );
  });

  it('addresses alone are a recipient, and every call counts one email invocation', () => {
    assert.deepEqual(
      run(
        "Messaging.SingleEmailMessage m = new Messaging.SingleEmailMessage(); m.setBccAddresses(new List<String>{ 'ops@example.com' }); m.setSubject('s'); m.setPlainTextBody('b'); System.debug(Messaging.sendEmail(new List<Messaging.SingleEmailMessage>{ m })[0].isSuccess()); System.debug(Limits.getEmailInvocations());",
      ),
      ['true', '1'],
    );
  });
});
