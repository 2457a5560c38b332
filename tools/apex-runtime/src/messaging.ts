// Messaging: single emails and custom notifications, recorded instead of sent. Sending email is
// pending work before a callout and counts against the email-invocation limit.
import type { Interpreter } from './interpreter.ts';
import type { NativeFn } from './natives.ts';
import { stringOf } from './operators.ts';
import type { Runtime } from './runtime.ts';
import { ApexId, ApexList, ApexSet, NativeObject, type Value } from './values.ts';

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

export function registerMessaging(rt: Runtime): void {
  const email: Table = {
    settoaddresses: setter('to'),
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
    sendemail: (i, [messages]) => sendEmail(rt, i, messages ?? null),
    reservesingleemailcapacity: () => null,
  });
  rt.natives.registerType('Messaging.SendEmailResult', {
    issuccess: () => true,
    geterrors: () => new ApexList({ name: 'Messaging.SendEmailError', args: [] }, []),
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

function sendEmail(rt: Runtime, interp: Interpreter, messages: Value): Value {
  const list = messages instanceof ApexList ? messages.items : [];
  rt.limits.spend('emailInvocations');
  rt.pendingWork = true;
  const results = list.map((m) => {
    const state = (m as NativeObject).state;
    rt.sentMessages.push({
      kind: 'email',
      to: [...texts(state.to), ...texts(state.target)],
      subject: stringOf((state.subject as Value) ?? null),
      body: stringOf(((state.body ?? state.html) as Value) ?? null),
      sentBy: rt.userId.value,
    });
    return new NativeObject('Messaging.SendEmailResult', {});
  });
  void interp;
  return new ApexList({ name: 'Messaging.SendEmailResult', args: [] }, results);
}
