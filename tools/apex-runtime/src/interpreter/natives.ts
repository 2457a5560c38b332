// The platform's standard library, table-driven: one row per method, so adding a method is one line.
// A class or method missing here is an UnsupportedApexFeature, never a silent null.
import type { TypeRef } from '../language/ast.ts';
import { javaRegex } from './library/library.ts';
import type { Interpreter, Ref } from './interpreter.ts';
import { addMonthsTo } from './library/library.ts';
import { typeLabel } from './interpreter.ts';
import {
  compareApex,
  equalsApex,
  equalsExact,
  keyOf,
  mapKey,
  stringOf,
  toBig,
  toDecimal,
  toNumber,
} from './operators.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexLong,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexTime,
  EnumValue,
  NativeObject,
  SObjectValue,
  RoundingNecessary,
  type RoundingMode,
  type TypeName,
  type Value,
} from '../language/values.ts';

export type NativeFn = (interp: Interpreter, args: Value[], self: Value) => Value;
type Table = Record<string, NativeFn>;

/** A property of a NativeObject type (`RestRequest.requestBody`); without `set` it is read-only. */
export interface NativeField {
  get: (interp: Interpreter, self: NativeObject) => Value;
  set?: (interp: Interpreter, self: NativeObject, value: Value) => void;
}

const T = (name: string, ...args: TypeName[]): TypeName => ({ name, args });
const str = (v: Value): string => (v instanceof ApexId ? v.value : (v as string));
const int = (v: Value): number => v as number;

function fail(interp: Interpreter, message: string): never {
  return interp.raise('System.AssertException', `Assertion Failed: ${message}`);
}

function expectedActual(expected: Value, actual: Value, message: Value): string {
  const prefix = message === null || message === undefined ? '' : `${stringOf(message)}: `;
  return `${prefix}Expected: ${stringOf(expected)}, Actual: ${stringOf(actual)}`;
}

const withMessage = (message: Value | undefined, fallback: string): string =>
  message === null || message === undefined ? fallback : stringOf(message);

// ---- static methods, keyed by lower-case class then method ----

const ASSERT: Table = {
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

const SYSTEM: Table = {
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

const STRING_STATIC: Table = {
  isblank: (_i, [s]) => s === null || str(s as Value).trim() === '',
  isnotblank: (_i, [s]) => s !== null && str(s as Value).trim() !== '',
  isempty: (_i, [s]) => s === null || str(s as Value) === '',
  isnotempty: (_i, [s]) => s !== null && str(s as Value) !== '',
  valueof: (_i, [v]) => (v === null ? null : stringOf(v as Value)),
  join: (_i, [items, sep]) =>
    collectionItems(items ?? null)
      .map(stringOf)
      .join(str(sep ?? '')),
  escapesinglequotes: (_i, [s]) => str(s as Value).replace(/'/g, "\\'"),
  format: (i, [pattern, args]) => messageFormat(i, str(pattern as Value), (args as ApexList).items),
};

const INTEGER_STATIC: Table = {
  valueof: (i, [v]) => {
    if (v === null) return null;
    if (typeof v === 'string') return Number(wholeNumber(i, v, 'integer', 32));
    return Math.trunc(toNumber(v as Value)) | 0;
  },
};

// Apex Reference, "Long Class": valueOf(stringToLong) returns a Long; out of range is a TypeException.
const LONG_STATIC: Table = {
  valueof: (i, [v]) => {
    if (v === null) return null;
    if (typeof v === 'string') return new ApexLong(wholeNumber(i, v, 'long', 64));
    return new ApexLong(BigInt(Math.trunc(toNumber(v as Value))));
  },
};

/** A decimal integer text within a signed `bits`-wide range, else TypeException "Invalid <kind>: <text>". */
function wholeNumber(i: Interpreter, text: string, kind: string, bits: number): bigint {
  const trimmed = text.trim();
  const limit = 1n << BigInt(bits - 1);
  const value = /^[+-]?\d+$/.test(trimmed) ? BigInt(trimmed) : undefined;
  if (value === undefined || value < -limit || value >= limit)
    i.raise('System.TypeException', `Invalid ${kind}: ${text}`);
  return value as bigint;
}

const DECIMAL_STATIC: Table = {
  valueof: (i, [v]) => {
    if (v === null) return null;
    if (typeof v === 'string') {
      try {
        return ApexDecimal.parse(v);
      } catch {
        return i.raise('System.TypeException', `Invalid decimal: ${v}`);
      }
    }
    return toDecimal(v as Value);
  },
};

const MATH: Table = {
  max: (_i, [a, b]) => (compareApex(a as Value, b as Value) >= 0 ? (a as Value) : (b as Value)),
  min: (_i, [a, b]) => (compareApex(a as Value, b as Value) <= 0 ? (a as Value) : (b as Value)),
  abs: (i, [a]) => (compareApex(a as Value, 0) < 0 ? i.operate('-', 0, a as Value) : (a as Value)),
  // Math.mod(Long, Long) is a Long; two Integers give an Integer (the sign follows the dividend).
  mod: (_i, [a, b]) =>
    a instanceof ApexLong || b instanceof ApexLong
      ? new ApexLong(toBig(a as Value) % toBig(b as Value))
      : int(a as Value) % int(b as Value),
  floor: (_i, [a]) => new ApexDecimal(BigInt(Math.floor(toNumber(a as Value))), 0),
  ceil: (_i, [a]) => new ApexDecimal(BigInt(Math.ceil(toNumber(a as Value))), 0),
  pow: (_i, [a, b]) => new ApexDouble(Math.pow(toNumber(a as Value), toNumber(b as Value))),
  random: () => new ApexDouble(Math.random()),
};

// ---- instance methods, keyed by value kind ----

const STRING: Table = {
  length: (_i, _a, s) => str(s).length,
  trim: (_i, _a, s) => str(s).trim(),
  tolowercase: (_i, _a, s) => str(s).toLowerCase(),
  touppercase: (_i, _a, s) => str(s).toUpperCase(),
  contains: (_i, [x], s) => str(s).includes(str(x as Value)),
  containsignorecase: (_i, [x], s) =>
    str(s)
      .toLowerCase()
      .includes(str(x as Value).toLowerCase()),
  startswith: (_i, [x], s) => str(s).startsWith(str(x as Value)),
  startswithignorecase: (_i, [x], s) =>
    str(s)
      .toLowerCase()
      .startsWith(str(x as Value).toLowerCase()),
  endswith: (_i, [x], s) => str(s).endsWith(str(x as Value)),
  // Apex Reference, String.removeStart / removeEnd: the substring only where it begins / ends the string.
  removestart: (_i, [x], s) =>
    x !== null && str(s).startsWith(str(x as Value)) ? str(s).slice(str(x as Value).length) : str(s),
  removeend: (_i, [x], s) =>
    x !== null && str(x as Value).length > 0 && str(s).endsWith(str(x as Value))
      ? str(s).slice(0, str(s).length - str(x as Value).length)
      : str(s),
  endswithignorecase: (_i, [x], s) =>
    str(s)
      .toLowerCase()
      .endsWith(str(x as Value).toLowerCase()),
  equals: (_i, [x], s) => x !== null && typeof x !== 'undefined' && str(s) === str(x as Value),
  equalsignorecase: (_i, [x], s) => x !== null && str(s).toLowerCase() === str(x as Value).toLowerCase(),
  indexof: (_i, [x], s) => str(s).indexOf(str(x as Value)),
  substring: (i, [a, b], s) => {
    const text = str(s);
    const start = int(a as Value);
    const end = b === undefined ? text.length : int(b);
    if (start < 0 || end > text.length || start > end)
      i.raise('System.StringException', `Ending position out of bounds: ${end}`);
    return text.substring(start, end);
  },
  left: (_i, [n], s) => str(s).slice(0, Math.max(0, int(n as Value))),
  right: (_i, [n], s) => (int(n as Value) <= 0 ? '' : str(s).slice(-int(n as Value))),
  replace: (_i, [a, b], s) =>
    str(s)
      .split(str(a as Value))
      .join(str(b as Value)),
  replaceall: (_i, [a, b], s) =>
    str(s).replace(javaRegex(str(a as Value), 'g'), str(b as Value).replace(/\$(\d)/g, '$$$1')),
  split: (_i, [sep, limit], s) =>
    new ApexList(T('String'), splitApex(str(s), str(sep as Value), limit === undefined ? 0 : int(limit))),
  abbreviate: (_i, [n], s) => {
    const text = str(s);
    const max = int(n as Value);
    return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
  },
  isnumeric: (_i, _a, s) => /^\d+$/.test(str(s)),
  isalphanumeric: (_i, _a, s) => /^[a-zA-Z0-9]+$/.test(str(s)),
  capitalize: (_i, _a, s) => str(s).charAt(0).toUpperCase() + str(s).slice(1),
  remove: (_i, [x], s) =>
    str(s)
      .split(str(x as Value))
      .join(''),
  deletewhitespace: (_i, _a, s) => str(s).replace(/\s+/g, ''),
  charat: (_i, [n], s) => str(s).charCodeAt(int(n as Value)),
  compareto: (_i, [x], s) => (str(s) < str(x as Value) ? -1 : str(s) > str(x as Value) ? 1 : 0),
  hashcode: (_i, _a, s) => javaHash(str(s)),
  repeat: (_i, args, s) =>
    args.length === 2
      ? Array(int(args[1] as Value))
          .fill(str(s))
          .join(str(args[0] as Value))
      : str(s).repeat(int(args[0] as Value)),
  reverse: (_i, _a, s) => [...str(s)].reverse().join(''),
  lastindexof: (_i, [x], s) => str(s).lastIndexOf(str(x as Value)),
  countmatches: (_i, [x], s) => (str(x as Value) === '' ? 0 : str(s).split(str(x as Value)).length - 1),
  substringbefore: (_i, [x], s) =>
    str(s).includes(str(x as Value)) ? str(s).slice(0, str(s).indexOf(str(x as Value))) : str(s),
  substringafter: (_i, [x], s) =>
    str(s).includes(str(x as Value)) ? str(s).slice(str(s).indexOf(str(x as Value)) + str(x as Value).length) : '',
  // Apex Reference, String.substringAfterLast / substringBeforeLast: an empty separator gives '' (after)
  // or the whole string (before); a separator not found gives '' (after) or the whole string (before).
  substringafterlast: (_i, [x], s) => {
    const sep = str(x as Value);
    const at = str(s).lastIndexOf(sep);
    return sep === '' || at < 0 ? '' : str(s).slice(at + sep.length);
  },
  substringbeforelast: (_i, [x], s) => {
    const sep = str(x as Value);
    const at = str(s).lastIndexOf(sep);
    return sep === '' || at < 0 ? str(s) : str(s).slice(0, at);
  },
  leftpad: (_i, [n, pad], s) => str(s).padStart(int(n as Value), pad === undefined ? ' ' : str(pad)),
  rightpad: (_i, [n, pad], s) => str(s).padEnd(int(n as Value), pad === undefined ? ' ' : str(pad)),
  isalpha: (_i, _a, s) => /^[a-zA-Z]+$/.test(str(s)),
  isalluppercase: (_i, _a, s) => str(s) !== '' && str(s) === str(s).toUpperCase(),
  normalizespace: (_i, _a, s) => str(s).trim().replace(/\s+/g, ' '),
};

/** Apex `split` takes a regex and drops trailing empty strings, like Java. */
/**
 * Java's String.split(regex, limit), which Apex's split follows: a positive limit caps the parts (the
 * last keeps the rest), zero drops trailing empty strings, a negative limit keeps them.
 */
function splitApex(text: string, regex: string, limit = 0): string[] {
  if (text === '') return [''];
  const re = javaRegex(regex, 'g');
  const parts: string[] = [];
  let start = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      // A zero-width match at the very start makes no leading empty part (Java 8).
      if (m.index === 0 || m.index >= text.length) continue;
    }
    if (limit > 0 && parts.length === limit - 1) break;
    parts.push(text.slice(start, m.index));
    start = m.index + m[0].length;
  }
  parts.push(text.slice(start));
  if (limit === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * String.format: Java MessageFormat quoting ('' is a quote, text between quotes is literal) with the
 * arguments as text (Apex Reference, "String Class", format). A typed element such as {0,number,#}
 * is refused rather than left in the text.
 */
function messageFormat(i: Interpreter, pattern: string, args: Value[]): string {
  let out = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern.charAt(k);
    if (c === "'") {
      if (pattern.charAt(k + 1) === "'") {
        out += "'";
        k++;
        continue;
      }
      let end = k + 1;
      for (; end < pattern.length; end++) {
        if (pattern.charAt(end) !== "'") out += pattern.charAt(end);
        else if (pattern.charAt(end + 1) === "'") {
          out += "'";
          end++;
        } else break;
      }
      k = end;
    } else if (c === '{') {
      const close = pattern.indexOf('}', k);
      const element = close < 0 ? '' : pattern.slice(k + 1, close).trim();
      if (!/^\d+$/.test(element)) return i.unsupported(`String.format element {${element}}`);
      out += stringOf(args[Number(element)] ?? null);
      k = close;
    } else out += c;
  }
  return out;
}

function javaHash(text: string): number {
  let h = 0;
  for (let k = 0; k < text.length; k++) h = (Math.imul(31, h) + text.charCodeAt(k)) | 0;
  return h;
}

/** Lower-case type name of a primitive value, for types registered by other modules (Datetime, Blob). */
function valueTypeName(v: Value): string {
  if (v instanceof ApexDatetime) return 'datetime';
  if (v instanceof ApexBlob) return 'blob';
  return '';
}

function collectionItems(v: Value): Value[] {
  if (v instanceof ApexList) return v.items;
  if (v instanceof ApexSet) return [...v.entries.values()];
  return [];
}

const LIST: Table = {
  // Apex Reference, "List Class": iterator() and getSObjectType() (null for a list of non-sObjects).
  iterator: (_i, _a, self) =>
    new NativeObject('System.ListIterator', { items: [...(self as ApexList).items], next: 0 }),
  getsobjecttype: (i, _a, self) => {
    const object = i.rt.schema.getObject((self as ApexList).elementType.name);
    return object ? i.rt.sobjectTypeToken(i.rt.keyPrefix(object)) : null;
  },
  add: (i, args, self) => {
    const list = self as ApexList;
    if (args.length === 2) list.items.splice(int(args[0] as Value), 0, args[1] as Value);
    else list.items.push(args[0] ?? null);
    return null;
  },
  addall: (_i, [other], self) => {
    (self as ApexList).items.push(...collectionItems(other ?? null));
    return null;
  },
  size: (_i, _a, self) => (self as ApexList).items.length,
  isempty: (_i, _a, self) => (self as ApexList).items.length === 0,
  get: (i, [n], self) => {
    const list = self as ApexList;
    const index = int(n as Value);
    if (index < 0 || index >= list.items.length) i.raise('System.ListException', `List index out of bounds: ${index}`);
    return list.items[index] ?? null;
  },
  set: (i, [n, v], self) => {
    const list = self as ApexList;
    const index = int(n as Value);
    if (index < 0 || index >= list.items.length) i.raise('System.ListException', `List index out of bounds: ${index}`);
    list.items[index] = v ?? null;
    return null;
  },
  contains: (_i, [v], self) => (self as ApexList).items.some((item) => equalsExact(item, v ?? null)),
  indexof: (_i, [v], self) => (self as ApexList).items.findIndex((item) => equalsExact(item, v ?? null)),
  remove: (i, [n], self) => {
    const list = self as ApexList;
    const index = int(n as Value);
    if (index < 0 || index >= list.items.length) i.raise('System.ListException', `List index out of bounds: ${index}`);
    return list.items.splice(index, 1)[0] ?? null;
  },
  clear: (_i, _a, self) => {
    (self as ApexList).items.length = 0;
    return null;
  },
  clone: (_i, _a, self) => new ApexList((self as ApexList).elementType, [...(self as ApexList).items]),
  sort: (i, _a, self) => {
    const compare = (a: Value, b: Value): number => {
      if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
      if (a instanceof ApexObject) return i.invokeMethod(a.cls, a, 'compareTo', [b], 0, true) as number;
      if (a instanceof SObjectValue) return i.unsupported('sorting SObjects');
      return compareApex(a, b);
    };
    (self as ApexList).items.sort(compare);
    return null;
  },
};

const SET: Table = {
  add: (_i, [v], self) => {
    const set = self as ApexSet;
    const key = keyOf(v ?? null);
    const added = !set.entries.has(key);
    set.entries.set(key, v ?? null);
    return added;
  },
  addall: (_i, [other], self) => {
    const set = self as ApexSet;
    const before = set.entries.size;
    for (const item of collectionItems(other ?? null)) set.entries.set(keyOf(item), item);
    return set.entries.size !== before;
  },
  contains: (_i, [v], self) => (self as ApexSet).entries.has(keyOf(v ?? null)),
  containsall: (_i, [other], self) =>
    collectionItems(other ?? null).every((item) => (self as ApexSet).entries.has(keyOf(item))),
  remove: (_i, [v], self) => (self as ApexSet).entries.delete(keyOf(v ?? null)),
  removeall: (_i, [other], self) => {
    let changed = false;
    for (const item of collectionItems(other ?? null))
      changed = (self as ApexSet).entries.delete(keyOf(item)) || changed;
    return changed;
  },
  retainall: (_i, [other], self) => {
    const keep = new Set(collectionItems(other ?? null).map(keyOf));
    const set = self as ApexSet;
    let changed = false;
    for (const key of [...set.entries.keys()]) if (!keep.has(key)) changed = set.entries.delete(key) || changed;
    return changed;
  },
  size: (_i, _a, self) => (self as ApexSet).entries.size,
  isempty: (_i, _a, self) => (self as ApexSet).entries.size === 0,
  clear: (_i, _a, self) => {
    (self as ApexSet).entries.clear();
    return null;
  },
  clone: (_i, _a, self) => {
    const copy = new ApexSet((self as ApexSet).elementType);
    for (const [k, v] of (self as ApexSet).entries) copy.entries.set(k, v);
    return copy;
  },
};

// Apex Developer Guide, "Lists" / "Sets": adding or removing elements while a for loop iterates the
// collection throws System.FinalException.
function refuseWhileIterating(table: Table, methods: string[]): void {
  for (const name of methods) {
    const method = table[name];
    if (!method) continue;
    table[name] = (i, args, self) => {
      if ((self as ApexList | ApexSet).iterating > 0)
        return i.raise('System.FinalException', 'Cannot modify a collection while it is being iterated.');
      return method(i, args, self);
    };
  }
}
refuseWhileIterating(LIST, ['add', 'addall', 'remove', 'clear']);
refuseWhileIterating(SET, ['add', 'addall', 'remove', 'removeall', 'retainall', 'clear']);

const MAP: Table = {
  put: (_i, [k, v], self) => {
    const map = self as ApexMap;
    const key = mapKey(map, k ?? null);
    const previous = map.entries.get(key)?.[1] ?? null;
    map.entries.set(key, [k ?? null, v ?? null]);
    return previous;
  },
  get: (_i, [k], self) => (self as ApexMap).entries.get(mapKey(self as ApexMap, k ?? null))?.[1] ?? null,
  containskey: (_i, [k], self) => (self as ApexMap).entries.has(mapKey(self as ApexMap, k ?? null)),
  remove: (_i, [k], self) => {
    const map = self as ApexMap;
    const key = mapKey(map, k ?? null);
    const previous = map.entries.get(key)?.[1] ?? null;
    map.entries.delete(key);
    return previous;
  },
  keyset: (_i, _a, self) => {
    const map = self as ApexMap;
    const set = new ApexSet(map.keyType);
    for (const [key, [k]] of map.entries) set.entries.set(key, k);
    return set;
  },
  values: (_i, _a, self) =>
    new ApexList(
      (self as ApexMap).valueType,
      [...(self as ApexMap).entries.values()].map(([, v]) => v),
    ),
  size: (_i, _a, self) => (self as ApexMap).entries.size,
  isempty: (_i, _a, self) => (self as ApexMap).entries.size === 0,
  putall: (_i, [other], self) => {
    if (other instanceof ApexMap)
      for (const [key, entry] of other.entries) (self as ApexMap).entries.set(key, [...entry]);
    return null;
  },
  clear: (_i, _a, self) => {
    (self as ApexMap).entries.clear();
    return null;
  },
  clone: (_i, _a, self) => {
    const source = self as ApexMap;
    const copy = new ApexMap(source.keyType, source.valueType);
    for (const [key, entry] of source.entries) copy.entries.set(key, [...entry]);
    return copy;
  },
};

const NUMBER: Table = {
  intvalue: (_i, _a, self) => Math.trunc(toNumber(self)) | 0,
  longvalue: (_i, _a, self) => new ApexLong(BigInt(Math.trunc(toNumber(self)))),
  doublevalue: (_i, _a, self) => new ApexDouble(toNumber(self)),
  format: (_i, _a, self) => stringOf(self),
  // Apex Reference, "Decimal Class": setScale(scale[, roundingMode]), divide(divisor, scale[, roundingMode]),
  // round([roundingMode]) (a Long; HALF_EVEN by default).
  setscale: (i, [scale, mode], self) =>
    rounded(i, () => toDecimal(self).withScale(int(scale as Value), roundingMode(mode))),
  divide: (i, [divisor, scale, mode], self) => {
    if (scale === undefined) return i.unsupported('Decimal.divide without a scale');
    const by = toDecimal(divisor as Value);
    if (by.unscaled === 0n) return i.raise('System.MathException', 'Divide by 0');
    return rounded(i, () => toDecimal(self).divide(by, int(scale), roundingMode(mode)));
  },
  round: (i, [mode], self) =>
    rounded(i, () => new ApexLong(toDecimal(self).withScale(0, roundingMode(mode ?? null, 'HALF_EVEN')).unscaled)),
  scale: (_i, _a, self) => toDecimal(self).scale,
};

function roundingMode(mode: Value | undefined, fallback: RoundingMode = 'HALF_UP'): RoundingMode {
  return mode instanceof EnumValue ? (mode.name as RoundingMode) : fallback;
}

/** UNNECESSARY rounding that would drop digits is a MathException, as in Apex. */
function rounded(i: Interpreter, compute: () => Value): Value {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RoundingNecessary) return i.raise('System.MathException', 'Rounding necessary');
    throw error;
  }
}

const ID: Table = {
  getsobjecttype: (i, _a, self) => i.rt.sobjectTypeToken((self as ApexId).prefix),
  to15: (_i, _a, self) => (self as ApexId).value.slice(0, 15),
  equals: (_i, [x], self) => equalsApex(self, x ?? null),
};

// Apex Reference, "Id Class": valueOf(toId) converts a 15- or 18-character String, else StringException.
const ID_STATIC: Table = {
  valueof: (i, [v]) => {
    if (v === null || v === undefined || v instanceof ApexId) return v ?? null;
    const text = str(v);
    if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(text))
      return i.raise('System.StringException', `Invalid id: ${text}`);
    return new ApexId(text);
  },
};

const ENUM: Table = {
  name: (_i, _a, self) => (self as EnumValue).name,
  ordinal: (_i, _a, self) => (self as EnumValue).ordinal,
};

const BOOLEAN_STATIC: Table = {
  valueof: (_i, [v]) => (v === null ? null : typeof v === 'boolean' ? v : str(v as Value).toLowerCase() === 'true'),
};

const DATE_STATIC: Table = {
  today: (i) => i.rt.today(),
  // Apex Reference, "Date Class": valueOf(stringDate) reads yyyy-MM-dd (a time after it is ignored).
  valueof: (i, [v]) => {
    if (v === null || v === undefined) return null;
    if (typeof v !== 'string') return i.unsupported('Date.valueOf of a non-String');
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: \d{1,2}:\d{2}:\d{2})?$/.exec(v.trim());
    const date = match ? new ApexDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
    const normalised = date && ApexDate.fromEpochDay(date.toEpochDay());
    if (!date || normalised?.month !== date.month || normalised.day !== date.day)
      return i.raise('System.TypeException', `Invalid date: ${v}`);
    return date;
  },
  newinstance: (_i, [y, m, d]) => new ApexDate(int(y as Value), int(m as Value), int(d as Value)),
};

const DATETIME_STATIC: Table = {
  now: (i) => i.rt.now(),
  // Apex Reference, "Datetime Class": newInstanceGmt(date, time) and newInstanceGmt(year, month, day[, hour, minute, second]).
  newinstancegmt: (i, args) => {
    const [y, m, d, h, mi, s] = args;
    if (y instanceof ApexDate && m instanceof ApexTime)
      return new ApexDatetime(y.toEpochDay() * 86_400_000 + m.millisOfDay);
    if (!args.every((a) => typeof a === 'number'))
      return i.unsupported('Datetime.newInstanceGmt with these argument types');
    return new ApexDatetime(
      Date.UTC(int(y as Value), int(m as Value) - 1, int(d as Value), int(h ?? 0), int(mi ?? 0), int(s ?? 0)),
    );
  },
};

const DATE: Table = {
  year: (_i, _a, self) => (self as ApexDate).year,
  month: (_i, _a, self) => (self as ApexDate).month,
  day: (_i, _a, self) => (self as ApexDate).day,
  adddays: (_i, [n], self) => ApexDate.fromEpochDay((self as ApexDate).toEpochDay() + int(n as Value)),
  daysbetween: (_i, [other], self) => (other as ApexDate).toEpochDay() - (self as ApexDate).toEpochDay(),
  // Apex Reference, "Date Class": addMonths / addYears end on the last day of a shorter month.
  addmonths: (_i, [n], self) => {
    const d = self as ApexDate;
    return addMonthsTo(d.year, d.month, d.day, int(n as Value));
  },
  addyears: (_i, [n], self) => {
    const d = self as ApexDate;
    return addMonthsTo(d.year, d.month, d.day, int(n as Value) * 12);
  },
};

const DATETIME: Table = {
  gettime: (_i, _a, self) => new ApexLong(BigInt((self as ApexDatetime).epochMs)),
  adddays: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 86_400_000),
  addhours: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 3_600_000),
  addminutes: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 60_000),
  addseconds: (_i, [n], self) => new ApexDatetime((self as ApexDatetime).epochMs + int(n as Value) * 1000),
  dategmt: (_i, _a, self) => ApexDate.fromEpochDay(Math.floor((self as ApexDatetime).epochMs / 86_400_000)),
  hourgmt: (_i, _a, self) => new Date((self as ApexDatetime).epochMs).getUTCHours(),
  minutegmt: (_i, _a, self) => new Date((self as ApexDatetime).epochMs).getUTCMinutes(),
  secondgmt: (_i, _a, self) => new Date((self as ApexDatetime).epochMs).getUTCSeconds(),
};

const SOBJECT: Table = {
  get: (i, [field], self) => i.rt.getField(self as SObjectValue, str(field as Value)),
  put: (i, [field, value], self) => {
    const previous = (self as SObjectValue).fields.get(str(field as Value).toLowerCase()) ?? null;
    i.rt.setField(self as SObjectValue, str(field as Value), value ?? null);
    return previous;
  },
  getsobjecttype: (i, _a, self) => i.rt.sobjectTypeToken(i.rt.keyPrefix((self as SObjectValue).object)),
  clone: (i, [preserveId], self) => i.rt.cloneSObject(self as SObjectValue, preserveId === true),
  getsobject: (i, [name], self) => {
    const value = i.rt.getField(self as SObjectValue, str(name as Value));
    return value instanceof SObjectValue ? value : null;
  },
  getsobjects: (i, [name], self) => {
    const value = i.rt.getField(self as SObjectValue, str(name as Value));
    return value instanceof ApexList ? value : null;
  },
  // Apex Reference, SObject Class: addError(errorMsg), and addError(fieldName, errorMsg) /
  // addError(fieldToken, errorMsg), which mark the error on that field.
  adderror: (i, args, self) => {
    const record = self as SObjectValue;
    if (args.length === 1) {
      i.rt.addError(record, { message: stringOf(args[0] ?? null), fields: [] });
      return null;
    }
    const [target, message] = args;
    const named =
      target instanceof NativeObject && target.typeName === 'Schema.SObjectField'
        ? String((target.state.field as { name: string }).name)
        : typeof target === 'string'
          ? target
          : i.unsupported('SObject.addError with these arguments');
    const field = Object.values(record.object.fields).find((f) => f.name.toLowerCase() === named.toLowerCase());
    if (!field) i.raise('System.SObjectException', `Invalid field ${named} for ${record.object.name}`);
    i.rt.addError(record, { message: stringOf(message ?? null), fields: [field?.name ?? named] });
    return null;
  },
  getpopulatedfieldsasmap: (_i, _a, self) => {
    const record = self as SObjectValue;
    const map = new ApexMap(T('String'), T('Object'));
    for (const [key, value] of record.fields) {
      const name = Object.values(record.object.fields).find((f) => f.name.toLowerCase() === key)?.name ?? key;
      map.entries.set(keyOf(name), [name, value]);
    }
    return map;
  },
};

const INSTANCE_TABLES: { test: (v: Value) => boolean; table: Table }[] = [
  { test: (v) => typeof v === 'string', table: STRING },
  { test: (v) => v instanceof ApexList, table: LIST },
  { test: (v) => v instanceof ApexSet, table: SET },
  { test: (v) => v instanceof ApexMap, table: MAP },
  { test: (v) => v instanceof ApexId, table: ID },
  { test: (v) => v instanceof SObjectValue, table: SOBJECT },
  { test: (v) => v instanceof EnumValue, table: ENUM },
  { test: (v) => v instanceof ApexDate, table: DATE },
  { test: (v) => v instanceof ApexDatetime, table: DATETIME },
  {
    test: (v) => typeof v === 'number' || v instanceof ApexLong || v instanceof ApexDecimal || v instanceof ApexDouble,
    table: NUMBER,
  },
];

/** Sub-namespaces reachable with a dot, e.g. `System.Assert`, `Schema.SObjectType`. */
const NAMESPACE_CHILDREN: Record<string, string[]> = {
  system: [
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
  ],
};

/** Classes other modules register (Database, Schema, Test, Limits …) plug in through `register`. */
export class Natives {
  private readonly statics = new Map<string, Table>([
    ['assert', ASSERT],
    ['system', SYSTEM],
    ['string', STRING_STATIC],
    ['integer', INTEGER_STATIC],
    ['decimal', DECIMAL_STATIC],
    ['double', DECIMAL_STATIC],
    ['long', LONG_STATIC],
    ['math', MATH],
    ['boolean', BOOLEAN_STATIC],
    ['date', DATE_STATIC],
    ['datetime', DATETIME_STATIC],
    ['id', ID_STATIC],
  ]);
  /** Static properties, e.g. `Trigger.new`, `SObjectDescribeOptions.DEFERRED`. */
  private readonly properties = new Map<string, Record<string, (interp: Interpreter) => Value>>();
  /** Writable static properties, e.g. `RestContext.request = …`. */
  private readonly staticSetters = new Map<string, Record<string, (interp: Interpreter, value: Value) => void>>();
  private readonly nativeTypes = new Map<string, Table>();
  /** Properties of NativeObject types; a type with a table has no other properties. */
  private readonly fieldTables = new Map<string, Record<string, NativeField>>();
  private readonly constructors = new Map<string, (interp: Interpreter, args: Value[]) => Value>();

  register(className: string, methods: Table): void {
    const key = className.toLowerCase();
    this.statics.set(key, { ...(this.statics.get(key) ?? {}), ...methods });
  }

  registerProperties(className: string, props: Record<string, (interp: Interpreter) => Value>): void {
    const key = className.toLowerCase();
    this.properties.set(key, { ...(this.properties.get(key) ?? {}), ...props });
  }

  registerStaticSetters(className: string, setters: Record<string, (interp: Interpreter, value: Value) => void>): void {
    const key = className.toLowerCase();
    this.staticSetters.set(key, { ...(this.staticSetters.get(key) ?? {}), ...setters });
  }

  /** Properties of a NativeObject type, keyed by lower-case name. */
  registerFields(typeName: string, fields: Record<string, NativeField>): void {
    this.fieldTables.set(typeName.toLowerCase(), fields);
  }

  /** `Owner.name = value` on a platform class: only where a setter is registered. */
  writeStatic(interp: Interpreter, owner: string, name: string, value: Value): void {
    const setter = this.staticSetters.get(owner)?.[name.toLowerCase()];
    if (!setter) return interp.unsupported(`assignment to ${owner}.${name}`);
    setter(interp, value);
  }

  /** `object.name = value` on a NativeObject: only a registered property with a setter. */
  writeProperty(interp: Interpreter, target: NativeObject, name: string, value: Value): void {
    const field = this.fieldTables.get(target.typeName.toLowerCase())?.[name.toLowerCase()];
    if (!field?.set)
      return interp.unsupported(`assignment to ${field ? 'the read-only ' : ''}${target.typeName}.${name}`);
    field.set(interp, target, value);
  }

  /** Instance methods of a NativeObject type (HttpRequest, SaveResult, DescribeSObjectResult …). */
  registerType(typeName: string, methods: Table, construct?: (interp: Interpreter, args: Value[]) => Value): void {
    this.nativeTypes.set(typeName.toLowerCase(), {
      ...(this.nativeTypes.get(typeName.toLowerCase()) ?? {}),
      ...methods,
    });
    if (construct) this.constructors.set(typeName.toLowerCase(), construct);
  }

  isNamespace(key: string): boolean {
    return this.statics.has(key) || this.properties.has(key) || key in NAMESPACE_CHILDREN || this.constructors.has(key);
  }

  resolveStatic(interp: Interpreter, owner: string, name: string): Ref {
    const key = name.toLowerCase();
    const property = this.properties.get(owner)?.[key];
    if (property) return { kind: 'value', value: property(interp) };
    const qualified = `${owner}.${key}`;
    if (this.isNamespace(qualified)) return { kind: 'native', name: qualified };
    if (NAMESPACE_CHILDREN[owner]?.includes(key) || this.isNamespace(key)) return { kind: 'native', name: key };
    if (owner === 'schema' || owner === 'system') {
      const object = interp.rt.schema.getObject(name);
      if (object) return { kind: 'sobjectType', object };
    }
    return interp.unsupported(`${owner}.${name}`);
  }

  callStatic(interp: Interpreter, owner: string, name: string, args: Value[], _line: number): Value {
    const fn = this.statics.get(owner)?.[name.toLowerCase()];
    if (!fn) return interp.unsupported(`${owner}.${name}()`);
    return fn(interp, args, null);
  }

  callInstance(interp: Interpreter, target: Value, name: string, args: Value[], _line: number): Value {
    const key = name.toLowerCase();
    const table =
      target instanceof NativeObject
        ? this.nativeTypes.get(target.typeName.toLowerCase())
        : INSTANCE_TABLES.find((t) => t.test(target))?.table;
    const fn = table?.[key] ?? this.nativeTypes.get(valueTypeName(target))?.[key];
    if (fn) return fn(interp, args, target);
    if (key === 'equals' && args.length === 1) return equalsExact(target, args[0] ?? null);
    if (key === 'hashcode') return javaHash(stringOf(target));
    if (key === 'tostring') return stringOf(target);
    return interp.unsupported(`${typeLabel(target)}.${name}()`);
  }

  readProperty(interp: Interpreter, value: Value, name: string): Value {
    if (value instanceof NativeObject) {
      const fields = this.fieldTables.get(value.typeName.toLowerCase());
      if (fields) {
        const field = fields[name.toLowerCase()];
        return field ? field.get(interp, value) : interp.unsupported(`property ${name} of ${value.typeName}`);
      }
      const getter = this.nativeTypes.get(value.typeName.toLowerCase())?.[`get${name.toLowerCase()}`];
      if (getter) return getter(interp, [], value);
      if (name in value.state) return value.state[name] as Value;
    }
    if (value instanceof ApexObject) return interp.getInstanceField(value, name);
    return interp.unsupported(`property ${name} of ${typeLabel(value)}`);
  }

  construct(interp: Interpreter, type: TypeRef, args: Value[], _line: number): Value {
    const ctor = this.constructors.get(type.name.toLowerCase());
    if (!ctor) return interp.unsupported(`new ${type.name}()`);
    return ctor(interp, args);
  }
}
