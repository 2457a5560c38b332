// How SOQL compares values: each filterable field has a kind, and both the stored value and the
// query's value are normalised into a Comparable of that kind (lower-case text, canonical 18-char
// Ids, exact decimals, epoch days or milliseconds), so `=`, `<`, IN-sets and ORDER BY agree.
import type { SchemaField } from '../../../../../scripts/lib/schema.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexLong,
  ApexMap,
  ApexSet,
  ApexTime,
  SObjectValue,
  to18,
  type Value,
} from '../../language/values.ts';

export type Kind = 'id' | 'string' | 'multipicklist' | 'boolean' | 'number' | 'date' | 'datetime' | 'time';

export type Comparable = string | number | boolean | ApexDecimal;

const KINDS: Partial<Record<SchemaField['type'], Kind>> = {
  id: 'id',
  reference: 'id',
  string: 'string',
  textarea: 'string',
  picklist: 'string',
  email: 'string',
  phone: 'string',
  url: 'string',
  encryptedstring: 'string',
  multipicklist: 'multipicklist',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
};

/** Undefined for types SOQL cannot filter or sort on here (Blob, compound address/location …). */
export function kindOf(field: SchemaField): Kind | undefined {
  return KINDS[field.type];
}

/** Long Text Area and Rich Text Area: both are `textarea` longer than a plain Text Area's 255. */
export function isLongText(field: SchemaField): boolean {
  return field.type === 'textarea' && (field.length ?? 0) > 255;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** A stored value as a Comparable of its field's kind; null for null and for '' (the platform stores no empty text). */
export function storedComparable(kind: Kind, value: Value): Comparable | null {
  if (kind === 'boolean' && value === null) return false; // "null matches FALSE values" (SOQL, Use null in WHERE)
  if (value === null || value === '') return null;
  const comparable = toComparable(kind, value);
  return comparable === undefined ? textKey(value) : comparable;
}

/** A query value as a Comparable of the field's kind; undefined when the types do not match. */
export function queryComparable(kind: Kind, value: Value): Comparable | null | undefined {
  if (kind === 'boolean' && value === null) return false; // `Flag__c = null` is `Flag__c = false`
  if (value === null || value === '') return null;
  return toComparable(kind, value);
}

function toComparable(kind: Kind, value: Value): Comparable | undefined {
  switch (kind) {
    case 'id':
      return idComparable(value);
    case 'string':
      return typeof value === 'string' || value instanceof ApexId ? textKey(value) : undefined;
    case 'multipicklist':
      return typeof value === 'string' ? multiKey(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'number':
      return toDecimal(value);
    case 'date':
      return value instanceof ApexDate ? value.toEpochDay() : undefined;
    case 'datetime':
      return value instanceof ApexDatetime ? value.epochMs : undefined;
    case 'time':
      return value instanceof ApexTime ? value.millisOfDay : undefined;
  }
}

function textKey(value: Value): string {
  return (value instanceof ApexId ? value.value : String(value)).toLowerCase();
}

/** A multi-select value compares as a set: `b;a` equals `a;b`. */
function multiKey(value: string): string {
  return splitMulti(value).sort().join(';');
}

export function splitMulti(value: string): string[] {
  return value
    .split(';')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
}

/** Canonical 18-char Id (case restored from the suffix); undefined when not an Id (strings that are not Ids). */
function idComparable(value: Value): string | undefined {
  if (value instanceof ApexId) return canonicalId(value.value);
  if (typeof value === 'string') return canonicalId(value);
  if (value instanceof SObjectValue) {
    const id = value.fields.get('id');
    return id instanceof ApexId ? canonicalId(id.value) : undefined;
  }
  return undefined;
}

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** 15 chars as written, or 18 chars whose suffix says which letters are upper case. */
export function canonicalId(text: string): string | undefined {
  if (/^[a-zA-Z0-9]{15}$/.test(text)) return to18(text);
  if (!/^[a-zA-Z0-9]{18}$/.test(text)) return undefined;
  if (to18(text.slice(0, 15)) === text) return text; // already canonical: the common case
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_CHARS.indexOf(text.charAt(15 + chunk).toUpperCase());
    for (let i = 0; i < 5; i++) {
      const c = text.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      if (upper && !/[a-zA-Z]/.test(c)) return undefined;
      restored += upper ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return to18(restored);
}

export function toDecimal(value: Value): ApexDecimal | undefined {
  if (typeof value === 'number') return ApexDecimal.fromNumber(value);
  if (value instanceof ApexDecimal) return value;
  if (value instanceof ApexLong) return new ApexDecimal(value.value, 0);
  if (value instanceof ApexDouble && Number.isFinite(value.value)) return ApexDecimal.fromNumber(value.value);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Comparison

export function compare(a: Comparable, b: Comparable): number {
  if (a instanceof ApexDecimal && b instanceof ApexDecimal) return compareDecimal(a, b);
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function compareDecimal(a: ApexDecimal, b: ApexDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.unscaled * 10n ** BigInt(scale - a.scale);
  const y = b.unscaled * 10n ** BigInt(scale - b.scale);
  if (x < y) return -1;
  return x > y ? 1 : 0;
}

/** Equal Comparables have equal keys (1.0 and 1 included): for IN sets, grouping and DISTINCT. */
export function keyOf(value: Comparable): string {
  if (!(value instanceof ApexDecimal)) return String(value);
  let { unscaled, scale } = value;
  while (scale > 0 && unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale--;
  }
  return `${unscaled}e${scale}`;
}

export function sumDecimals(values: ApexDecimal[]): ApexDecimal {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  let total = 0n;
  for (const v of values) total += v.unscaled * 10n ** BigInt(scale - v.scale);
  return new ApexDecimal(total, scale);
}

// ---------------------------------------------------------------------------------------------
// Binds

/** The elements a bind supplies to IN / INCLUDES: a List or Set's items, or one value. */
export function bindElements(value: Value): Value[] {
  if (value instanceof ApexList) return value.items;
  if (value instanceof ApexSet) return [...value.entries.values()];
  return [value];
}

/** The Apex type of a value, for "Invalid bind expression type of …" messages. */
export function apexTypeName(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return 'Integer';
  if (typeof value === 'string') return 'String';
  if (value instanceof ApexList) return `List<${value.elementType.name}>`;
  if (value instanceof ApexSet) return `Set<${value.elementType.name}>`;
  if (value instanceof ApexMap) return `Map<${value.keyType.name},${value.valueType.name}>`;
  if (value instanceof SObjectValue) return value.object.name;
  const names: [abstract new (...args: never[]) => unknown, string][] = [
    [ApexLong, 'Long'],
    [ApexDouble, 'Double'],
    [ApexDecimal, 'Decimal'],
    [ApexId, 'Id'],
    [ApexDate, 'Date'],
    [ApexDatetime, 'Datetime'],
    [ApexTime, 'Time'],
  ];
  return names.find(([type]) => value instanceof type)?.[1] ?? 'Object';
}
