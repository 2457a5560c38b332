// System and Assert: assertions (AssertException with the platform's messages), debug, the clock,
// the execution context; and the `System.` prefix that reaches other classes.
import type { TypeRef } from '../../language/ast.ts';
import { ApexLong, NativeObject, type Value } from '../../language/values.ts';
import type { Interpreter } from '../interpreter.ts';
import type { Natives, NativeTable } from '../natives.ts';
import { equalsApex, stringOf } from '../operators.ts';

function fail(interp: Interpreter, message: string): never {
  return interp.raise('System.AssertException', `Assertion Failed: ${message}`);
}

function expectedActual(expected: Value, actual: Value, message: Value): string {
  const prefix = message === null || message === undefined ? '' : `${stringOf(message)}: `;
  return `${prefix}Expected: ${stringOf(expected)}, Actual: ${stringOf(actual)}`;
}

const withMessage = (message: Value | undefined, fallback: string): string =>
  message === null || message === undefined ? fallback : stringOf(message);

const ASSERT: NativeTable = {
  areequal: (i, [e, a, m]) =>
    equalsApex(e ?? null, a ?? null) ? null : fail(i, expectedActual(e ?? null, a ?? null, m ?? null)),
  arenotequal: (i, [e, a, m]) =>
    !equalsApex(e ?? null, a ?? null) ? null : fail(i, withMessage(m, `Expected not equal: ${stringOf(e ?? null)}`)),
  istrue: (i, [c, m]) =>
    c === true ? null : fail(i, withMessage(m, 'Expected: true, Actual: ' + stringOf(c ?? null))),
  isfalse: (i, [c, m]) =>
    c === false ? null : fail(i, withMessage(m, 'Expected: false, Actual: ' + stringOf(c ?? null))),
  isnull: (i, [v, m]) =>
    v === null ? null : fail(i, withMessage(m, `Expected: null, Actual: ${stringOf(v ?? null)}`)),
  isnotnull: (i, [v, m]) => (v !== null ? null : fail(i, withMessage(m, 'Expected: not null, Actual: null'))),
  fail: (i, [m]) => fail(i, withMessage(m, 'Assert.fail called')),
  isinstanceoftype: (i, [v, t, m]) => {
    const type = (t as NativeObject).state.typeRef as TypeRef;
    return v !== null && i.isInstance(v as Value, type, i.rt.currentClass())
      ? null
      : fail(i, withMessage(m, `Expected instance of ${type.name}`));
  },
};

const SYSTEM: NativeTable = {
  assert: (i, [c, m]) => (c === true ? null : fail(i, withMessage(m, 'Assertion Failed'))),
  assertequals: (i, [e, a, m]) =>
    equalsApex(e ?? null, a ?? null) ? null : fail(i, expectedActual(e ?? null, a ?? null, m ?? null)),
  assertnotequals: (i, [e, a, m]) =>
    !equalsApex(e ?? null, a ?? null) ? null : fail(i, withMessage(m, `Same value: ${stringOf(e ?? null)}`)),
  debug: (i, args) => {
    i.rt.debug(stringOf(args[args.length - 1] ?? null));
    return null;
  },
  now: (i) => i.rt.now(),
  today: (i) => i.rt.today(),
  currenttimemillis: (i) => new ApexLong(BigInt(i.rt.now().epochMs)),
  isbatch: (i) => i.rt.context === 'batch',
  isqueueable: (i) => i.rt.context === 'queueable',
  isfuture: (i) => i.rt.context === 'future',
  isscheduled: (i) => i.rt.context === 'scheduled',
};

/** Classes also reachable as `System.Name`. */
const SYSTEM_CHILDREN = [
  'assert',
  'string',
  'integer',
  'decimal',
  'math',
  'test',
  'limits',
  'userinfo',
  'json',
  'date',
  'datetime',
  'database',
  'schema',
  'type',
];

export function registerSystem(natives: Natives): void {
  natives.register('assert', ASSERT);
  natives.register('system', SYSTEM);
  natives.registerNamespace('system', SYSTEM_CHILDREN);
}
