// Messaging: single emails and custom notifications, recorded instead of sent. Sending email is
// pending work before a callout and counts against the email-invocation limit. A message the
// platform would refuse (no recipient, a target that is no Contact, Lead or User of the org, a User
// target saved as an activity) fails as sendEmail documents it: all-or-none throws EmailException,
// otherwise its SendEmailResult says isSuccess() false with its SendEmailError.
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { NativeFn } from '../interpreter/natives.ts';
import { PlatformError } from '../language/errors.ts';
import { stringOf } from '../interpreter/operators.ts';
import type { PlatformContext } from './context.ts';
import { ApexId, ApexList, ApexSet, NativeObject, type Value } from '../language/values.ts';

export interface SentMessage {
  kind: 'email' | 'notification';
  to: string[];
  subject: string;
  body: string;
  sentBy: string;
}

type Table = Record<string, NativeFn>;

/** A setter native storing its argument under `key` in the message state. */
function setter(key: string): NativeFn {
  return (_i, [v], self) => {
    (self as NativeObject).state[key] = v ?? null;
    return null;
  };
}

function texts(v: unknown): string[] {
  if (v instanceof ApexList) return v.items.map((x) => stringOf(x));
  if (v instanceof ApexSet) return [...v.entries.values()].map((x) => stringOf(x));
  if (v instanceof ApexId) return [v.value];
  return typeof v === 'string' ? [v] : [];
}

export function registerMessaging(rt: PlatformContext): void {
  const email: Table = {
    settoaddresses: setter('to'),
    setccaddresses: setter('cc'),
    setbccaddresses: setter('bcc'),
    settargetobjectid: setter('target'),
    setsubject: setter('subject'),
    setplaintextbody: setter('body'),
    sethtmlbody: setter('html'),
    setsaveasactivity: setter('saveAsActivity'),
    setsenderdisplayname: setter('sender'),
    setorgwideemailaddressid: setter('orgWide'),
  };
  rt.natives.registerType(
    'Messaging.SingleEmailMessage',
    email,
    () => new NativeObject('Messaging.SingleEmailMessage', {}),
  );
  rt.natives.register('Messaging', {
    sendemail: (i, [messages, allOrNone]) => sendEmail(rt, i, messages ?? null, allOrNone !== false),
    reservesingleemailcapacity: () => null,
  });
  const errorsOf = (self: Value): SendError[] => ((self as NativeObject).state.errors as SendError[]) ?? [];
  rt.natives.registerType('Messaging.SendEmailResult', {
    issuccess: (_i, _a, self) => errorsOf(self).length === 0,
    geterrors: (_i, _a, self) =>
      new ApexList(
        { name: 'Messaging.SendEmailError', args: [] },
        errorsOf(self).map((error) => new NativeObject('Messaging.SendEmailError', { error })),
      ),
  });
  const sendError = (self: Value): SendError => (self as NativeObject).state.error as SendError;
  rt.natives.registerType('Messaging.SendEmailError', {
    getstatuscode: (_i, _a, self) => sendError(self).statusCode,
    getmessage: (_i, _a, self) => sendError(self).message,
    gettargetobjectid: (_i, _a, self) => sendError(self).targetObjectId,
    getfields: () => new ApexList({ name: 'String', args: [] }, []),
  });
  rt.natives.registerType(
    'Messaging.CustomNotification',
    {
      settitle: setter('subject'),
      setbody: setter('body'),
      setnotificationtypeid: setter('type'),
      settargetid: setter('target'),
      send: (_i, [recipients], self) => {
        const state = (self as NativeObject).state;
        rt.sentMessages.push({
          kind: 'notification',
          to: texts(recipients),
          subject: stringOf((state.subject as Value) ?? null),
          body: stringOf((state.body as Value) ?? null),
          sentBy: rt.userId.value,
        });
        return null;
      },
    },
    () => new NativeObject('Messaging.CustomNotification', {}),
  );
}

/** A SendEmailError (SOAP API Reference, "SendEmailResult"): status code, message, the target it concerns. */
interface SendError {
  statusCode: string;
  message: string;
  targetObjectId: ApexId | null;
}

const TARGET_OBJECTS = new Set(['contact', 'lead', 'user']);

/**
 * Why the platform would refuse one message, or undefined. Apex Reference, "SingleEmailMessage
 * Class": every email needs a recipient in toAddresses, ccAddresses, bccAddresses or targetObjectId;
 * targetObjectId is "the ID of the contact, lead, or user to which the email will be sent";
 * saveAsActivity must be false for a User target. The status codes are the platform's; the message
 * of an unknown target is not documented and is worded here.
 */
function refusal(rt: PlatformContext, state: Record<string, unknown>): SendError | undefined {
  const target =
    state.target instanceof ApexId ? state.target : typeof state.target === 'string' ? new ApexId(state.target) : null;
  const addresses = [state.to, state.cc, state.bcc].flatMap((v) => texts(v));
  if (!target && addresses.length === 0)
    return { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Add a recipient to send an email.', targetObjectId: null };
  if (!target) return undefined;
  const record = rt.org.store.byId(target);
  if (!record || record.deleted || !TARGET_OBJECTS.has(record.object.name.toLowerCase()))
    return {
      statusCode: 'INVALID_ID_FIELD',
      message: `No Contact, Lead or User with the ID ${target.value} can receive this email.`,
      targetObjectId: target,
    };
  if (record.object.name.toLowerCase() === 'user' && state.saveAsActivity !== false)
    return {
      statusCode: 'INVALID_SAVE_AS_ACTIVITY_FLAG',
      message: 'saveAsActivity must be false when sending mail to users.',
      targetObjectId: target,
    };
  return undefined;
}

/**
 * Apex Developer Guide, "Outbound Email": with allOrNone (the default) a message with an error
 * prevents the delivery of all the others and sendEmail throws; with false the others are sent and
 * each result says whether its message was.
 */
function sendEmail(rt: PlatformContext, interp: Interpreter, messages: Value, allOrNone: boolean): Value {
  const list = messages instanceof ApexList ? messages.items : [];
  rt.limits.spend('emailInvocations');
  rt.pendingWork = true;
  const refusals = list.map((m) => refusal(rt, (m as NativeObject).state));
  const first = refusals.findIndex((r) => r !== undefined);
  if (allOrNone && first >= 0) {
    const error = refusals[first] as SendError;
    throw new PlatformError(
      'System.EmailException',
      `SendEmail failed. First exception on row ${first}; first error: ${error.statusCode}, ${error.message}`,
    );
  }
  const results = list.map((m, index) => {
    const state = (m as NativeObject).state;
    const error = refusals[index];
    if (!error) record(rt, state);
    return new NativeObject('Messaging.SendEmailResult', { errors: error ? [error] : [] });
  });
  void interp;
  return new ApexList({ name: 'Messaging.SendEmailResult', args: [] }, results);
}

function record(rt: PlatformContext, state: Record<string, unknown>): void {
  rt.sentMessages.push({
    kind: 'email',
    to: [...texts(state.to), ...texts(state.cc), ...texts(state.bcc), ...texts(state.target)],
    subject: stringOf((state.subject as Value) ?? null),
    body: stringOf(((state.body ?? state.html) as Value) ?? null),
    sentBy: rt.userId.value,
  });
}
