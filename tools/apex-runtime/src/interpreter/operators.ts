// Apex value semantics: equality, ordering, arithmetic with Integer/Long overflow and Decimal scale,
// string conversion and the implicit widening Apex applies on assignment.
import { PlatformError, UnsupportedApexFeature } from '../language/errors.ts';
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
  type Value,
} from '../language/values.ts';

export type NumericKind = 'integer' | 'long' | 'double' | 'decimal';

export function numericKind(v: Value): NumericKind | undefined {
  if (typeof v === 'number') return 'integer';
  if (v instanceof ApexLong) return 'long';
  if (v instanceof ApexDouble) return 'double';
  if (v instanceof ApexDecimal) return 'decimal';
  return undefined;
}

const RANK: Record<NumericKind, number> = { integer: 0, long: 1, decimal: 2, double: 3 };

export const int32 = (n: number): number => n | 0;
export const int64 = (n: bigint): bigint => BigInt.asIntN(64, n);

export function toBig(v: Value): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (v instanceof ApexLong) return v.value;
  throw new TypeError('not an integral value');
}

export function toDecimal(v: Value): ApexDecimal {
  if (v instanceof ApexDecimal) return v;
  if (typeof v === 'number') return new ApexDecimal(BigInt(v), 0);
  if (v instanceof ApexLong) return new ApexDecimal(v.value, 0);
  if (v instanceof ApexDouble) return ApexDecimal.fromNumber(v.value);
  throw new TypeError('not a number');
}

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  if (v instanceof ApexLong) return Number(v.value);
  if (v instanceof ApexDouble) return v.value;
  if (v instanceof ApexDecimal) return v.toNumber();
  throw new TypeError('not a number');
}

/** Decimal division keeps enough digits for business arithmetic; exact when it terminates. */
const DIVISION_SCALE = 20;

function decimalArith(op: string, a: ApexDecimal, b: ApexDecimal): ApexDecimal {
  const scale = Math.max(a.scale, b.scale);
  const x = a.withScale(scale).unscaled;
  const y = b.withScale(scale).unscaled;
  switch (op) {
    case '+':
      return new ApexDecimal(x + y, scale);
    case '-':
      return new ApexDecimal(x - y, scale);
    case '*':
      return new ApexDecimal(a.unscaled * b.unscaled, a.scale + b.scale);
    case '/': {
      if (y === 0n) throw new PlatformError('System.MathException', 'Divide by 0');
      const raw = new ApexDecimal((x * 10n ** BigInt(DIVISION_SCALE + 1)) / y, DIVISION_SCALE + 1).withScale(
        DIVISION_SCALE,
      );
      return stripToScale(raw, Math.max(a.scale, 0));
    }
    default:
      throw new TypeError(`operator ${op}`);
  }
}

/** Drops trailing zeros of a quotient down to `minScale`, as the platform shows 10/4 = 2.5. */
function stripToScale(d: ApexDecimal, minScale: number): ApexDecimal {
  let { unscaled, scale } = d;
  while (scale > minScale && unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale--;
  }
  return new ApexDecimal(unscaled, scale);
}

export function arithmetic(op: string, a: Value, b: Value): Value {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return stringOf(a) + stringOf(b);
  if (op === '+' || op === '-') {
    const dated = dateArithmetic(op, a, b);
    if (dated !== undefined) return dated;
  }
  if (a === null || b === null)
    throw new PlatformError('System.NullPointerException', 'Attempt to de-reference a null object');
  const ka = numericKind(a);
  const kb = numericKind(b);
  if (!ka || !kb) throw new TypeError(`Arithmetic expressions must use numeric arguments (${op})`);
  const kind = RANK[ka] >= RANK[kb] ? ka : kb;
  switch (kind) {
    case 'integer':
      return integerArith(op, a as number, b as number);
    case 'long':
      return new ApexLong(longArith(op, toBig(a), toBig(b)));
    case 'double':
      return new ApexDouble(doubleArith(op, toNumber(a), toNumber(b)));
    default:
      return decimalArith(op, toDecimal(a), toDecimal(b));
  }
}

function integerArith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return int32(a + b);
    case '-':
      return int32(a - b);
    case '*':
      return Number(BigInt.asIntN(32, BigInt(a) * BigInt(b)));
    case '/':
      if (b === 0) throw new PlatformError('System.MathException', 'Divide by 0');
      return int32(Math.trunc(a / b));
    default:
      throw new TypeError(`operator ${op}`);
  }
}

function longArith(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '+':
      return int64(a + b);
    case '-':
      return int64(a - b);
    case '*':
      return int64(a * b);
    case '/':
      if (b === 0n) throw new PlatformError('System.MathException', 'Divide by 0');
      return int64(a / b);
    default:
      throw new TypeError(`operator ${op}`);
  }
}

function doubleArith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    default:
      throw new TypeError(`operator ${op}`);
  }
}

/** Date ± Integer days; Datetime ± Integer/Decimal days (fractions are hours). */
function dateArithmetic(op: string, a: Value, b: Value): Value | undefined {
  const sign = op === '+' ? 1 : -1;
  if (a instanceof ApexDate && typeof b === 'number') return ApexDate.fromEpochDay(a.toEpochDay() + sign * b);
  if (a instanceof ApexDatetime && numericKind(b)) return new ApexDatetime(a.epochMs + sign * toNumber(b) * 86_400_000);
  return undefined;
}

export function bitwise(op: string, a: Value, b: Value): Value {
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    if (op === '&') return a && b;
    if (op === '|') return a || b;
    if (op === '^') return a !== b;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
      case '>>>':
        return int32(a >>> b);
    }
  }
  const x = toBig(a);
  const y = toBig(b);
  const ops: Record<string, () => bigint> = {
    '&': () => x & y,
    '|': () => x | y,
    '^': () => x ^ y,
    '<<': () => int64(x << (y & 63n)),
    '>>': () => x >> (y & 63n),
    '>>>': () => BigInt.asUintN(64, x) >> (y & 63n),
  };
  const f = ops[op];
  if (!f) throw new TypeError(`operator ${op}`);
  return new ApexLong(int64(f()));
}

/** `==`: case-insensitive for strings, 15/18-insensitive for Ids, value equality for collections and SObjects. */
export function equalsApex(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if ((a instanceof ApexId || typeof a === 'string') && (b instanceof ApexId || typeof b === 'string')) {
    if (a instanceof ApexId && b instanceof ApexId) return a.value === b.value;
    const sa = a instanceof ApexId ? a.value : a;
    const sb = b instanceof ApexId ? b.value : b;
    if (a instanceof ApexId || b instanceof ApexId) return idText(sa) === idText(sb);
    return sa.toLowerCase() === sb.toLowerCase();
  }
  return equalsExact(a, b, true);
}

const idText = (s: string): string => (s.length === 15 ? new ApexId(s).value : s).toLowerCase();

/** Value equality; strings case-sensitive unless `ignoreCase` (used by `==`, not by `equals` on keys). */
export function equalsExact(a: Value, b: Value, ignoreCase = false): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof ApexObject && userEquality.hook?.declaresEquals(a)) return userEquality.hook.equals(a, b);
  if (typeof a === 'string' && typeof b === 'string') return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
  const ka = numericKind(a);
  const kb = numericKind(b);
  if (ka && kb) return compareNumbers(a, b) === 0;
  if (a instanceof ApexId && b instanceof ApexId) return a.value === b.value;
  if (a instanceof ApexDate && b instanceof ApexDate) return a.toEpochDay() === b.toEpochDay();
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
  if (a instanceof ApexTime && b instanceof ApexTime) return a.millisOfDay === b.millisOfDay;
  if (a instanceof ApexBlob && b instanceof ApexBlob) return a.bytes.equals(b.bytes);
  if (a instanceof EnumValue && b instanceof EnumValue) return a.enumType === b.enumType && a.name === b.name;
  if (a instanceof ApexList && b instanceof ApexList) {
    return (
      a.items.length === b.items.length && a.items.every((item, i) => equalsExact(item, b.items[i] ?? null, ignoreCase))
    );
  }
  if (a instanceof ApexSet && b instanceof ApexSet)
    return a.entries.size === b.entries.size && [...a.entries.keys()].every((k) => b.entries.has(k));
  if (a instanceof ApexMap && b instanceof ApexMap) {
    return (
      a.entries.size === b.entries.size &&
      [...a.entries].every(([k, [, v]]) => b.entries.has(k) && equalsExact(v, b.entries.get(k)?.[1] ?? null))
    );
  }
  if (a instanceof SObjectValue && b instanceof SObjectValue) {
    if (a.object !== b.object || a.fields.size !== b.fields.size) return false;
    return [...a.fields].every(([k, v]) => b.fields.has(k) && equalsExact(v, b.fields.get(k) ?? null));
  }
  if (a instanceof NativeObject && b instanceof NativeObject) {
    const ka = tokenKey(a);
    return ka !== undefined && ka === tokenKey(b);
  }
  return false;
}

/**
 * sObject and field tokens are equal when they name the same object or field, however obtained
 * (Apex Developer Guide, "Understanding Apex Describe Information": tokens compare with ==).
 */
function tokenKey(v: NativeObject): string | undefined {
  const object = v.state.object as { name: string } | undefined;
  const field = v.state.field as { name: string } | undefined;
  if (v.typeName === 'Schema.SObjectType' && object) return `k:${object.name.toLowerCase()}`;
  if (v.typeName === 'Schema.SObjectField' && object && field)
    return `k:${object.name.toLowerCase()}.${field.name.toLowerCase()}`;
  return undefined;
}

function compareNumbers(a: Value, b: Value): number {
  const ka = numericKind(a) as NumericKind;
  const kb = numericKind(b) as NumericKind;
  if (ka === 'double' || kb === 'double') return Math.sign(toNumber(a) - toNumber(b));
  if (ka === 'decimal' || kb === 'decimal') {
    const x = toDecimal(a);
    const y = toDecimal(b);
    const scale = Math.max(x.scale, y.scale);
    const d = x.withScale(scale).unscaled - y.withScale(scale).unscaled;
    return d === 0n ? 0 : d < 0n ? -1 : 1;
  }
  const d = toBig(a) - toBig(b);
  return d === 0n ? 0 : d < 0n ? -1 : 1;
}

/** `<`, `>`: numbers, dates, times and strings (case-insensitively, as Apex compares with these operators). */
export function compareApex(a: Value, b: Value): number {
  if (numericKind(a) && numericKind(b)) return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (a instanceof ApexId && b instanceof ApexId) return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a instanceof ApexDate && b instanceof ApexDate) return Math.sign(a.toEpochDay() - b.toEpochDay());
  if (a instanceof ApexDatetime && b instanceof ApexDatetime) return Math.sign(a.epochMs - b.epochMs);
  if (a instanceof ApexTime && b instanceof ApexTime) return Math.sign(a.millisOfDay - b.millisOfDay);
  throw new PlatformError('System.TypeException', 'Comparison arguments must be compatible types');
}

/**
 * User classes that declare equals(Object) (and hashCode() for Set and Map keys): the interpreter
 * answers through this hook (Apex Developer Guide, "Using Custom Types in Map Keys and Sets").
 */
export interface UserEquality {
  declaresEquals(v: ApexObject): boolean;
  declaresHashCode(v: ApexObject): boolean;
  equals(a: ApexObject, b: Value): boolean;
  hashCode(v: ApexObject): number;
}

export const userEquality: { hook?: UserEquality } = {};

/** One key per class of equal objects: objects with the same hashCode share a bucket; equals picks the key. */
const equalityKeys = new Map<number, { object: ApexObject; key: object }[]>();

function userKey(v: ApexObject, hook: UserEquality): unknown {
  const hash = hook.hashCode(v);
  const bucket = equalityKeys.get(hash) ?? [];
  equalityKeys.set(hash, bucket);
  const found = bucket.find((entry) => entry.object === v || hook.equals(v, entry.object));
  if (found) return found.key;
  const key = { hash };
  bucket.push({ object: v, key });
  return key;
}

/** Key used by Set and Map: strings are case-sensitive, Ids by their 18-char form, numbers by value. */
export function keyOf(v: Value): unknown {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') return `s:${v}`;
  if (typeof v === 'number') return `n:${v}`;
  if (v instanceof ApexId) return `s:${v.value}`;
  if (v instanceof ApexLong) return `n:${v.value}`;
  if (v instanceof ApexDecimal || v instanceof ApexDouble) return `n:${toDecimal(v).toString()}`;
  if (v instanceof ApexDate) return `d:${v.toString()}`;
  if (v instanceof ApexDatetime) return `t:${v.epochMs}`;
  if (v instanceof EnumValue) return `e:${v.enumType}.${v.name}`;
  if (v instanceof NativeObject) return tokenKey(v) ?? v;
  if (v instanceof ApexObject) {
    const hook = userEquality.hook;
    return hook?.declaresEquals(v) && hook.declaresHashCode(v) ? userKey(v, hook) : v;
  }
  return `j:${stringOf(v)}`;
}

/** The key of `k` in a map, honouring case-insensitive describe maps. */
export function mapKey(map: ApexMap, k: Value): unknown {
  return map.ignoreCase && typeof k === 'string' ? keyOf(k.toLowerCase()) : keyOf(k);
}

/** String.valueOf / concatenation form of a value. */
export function stringOf(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (v instanceof ApexLong) return v.value.toString();
  if (v instanceof ApexDouble) return doubleString(v.value);
  if (v instanceof ApexDecimal || v instanceof ApexId || v instanceof ApexDate || v instanceof EnumValue)
    return v.toString();
  if (v instanceof ApexDatetime) return new Date(v.epochMs).toISOString().replace('T', ' ').slice(0, 19);
  if (v instanceof ApexTime) return timeString(v.millisOfDay);
  if (v instanceof ApexList) return `(${v.items.map(stringOf).join(', ')})`;
  if (v instanceof ApexSet) return `{${[...v.entries.values()].map(stringOf).join(', ')}}`;
  if (v instanceof ApexMap)
    return `{${[...v.entries.values()].map(([k, val]) => `${stringOf(k)}=${stringOf(val)}`).join(', ')}}`;
  if (v instanceof SObjectValue) {
    return `${v.object.name}:{${[...v.fields].map(([k, val]) => `${fieldLabel(v, k)}=${stringOf(val)}`).join(', ')}}`;
  }
  if (v instanceof ApexBlob) return `Blob[${v.bytes.length}]`;
  if (v instanceof ApexObject)
    return `${v.cls.displayName}:[${[...v.fields].map(([k, val]) => `${k}=${stringOf(val)}`).join(', ')}]`;
  return nativeString(v);
}

/** Schema tokens print as their API names and a Type as its name (Apex Reference, "SObjectField", "Type Class"). */
function nativeString(v: NativeObject): string {
  const object = v.state.object as { name: string } | undefined;
  const field = v.state.field as { name: string } | undefined;
  if (v.typeName === 'Schema.SObjectType' && object) return object.name;
  if (v.typeName === 'Schema.SObjectField' && field) return field.name;
  if (v.typeName === 'System.Type' && typeof v.state.name === 'string') return v.state.name;
  throw new UnsupportedApexFeature(`the text of a ${v.typeName}`, 'runtime', 0);
}

function fieldLabel(record: SObjectValue, key: string): string {
  return (
    record.object.fields[key]?.name ??
    Object.values(record.object.fields).find((f) => f.name.toLowerCase() === key)?.name ??
    key
  );
}

function doubleString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e7) return `${n}.0`;
  if (Math.abs(n) >= 1e7 || (Math.abs(n) < 1e-3 && n !== 0))
    return n.toExponential().replace('e+', 'E').replace('e', 'E');
  return String(n);
}

function timeString(ms: number): string {
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}Z`;
}
