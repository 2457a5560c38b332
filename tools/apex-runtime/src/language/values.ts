// Run-time values. Apex primitives map to JS values where the mapping is exact and to small
// classes where Apex semantics differ from JS (64-bit Long, Decimal scale, Double vs Integer,
// case-insensitive Ids, dates without time zones).
import type { ClassInfo } from './classes.ts';
import type { SchemaObject } from '../../../../scripts/lib/schema.ts';

/** Integer: a JS number kept in the signed 32-bit range. */
export type ApexInteger = number;

export class ApexLong {
  readonly value: bigint;

  constructor(value: bigint) {
    this.value = value;
  }
}

export class ApexDouble {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }
}

/** Decimal as an unscaled bigint and a scale, so 1.10 keeps its scale as on the platform. */
export class ApexDecimal {
  readonly unscaled: bigint;
  readonly scale: number;

  constructor(unscaled: bigint, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  static parse(text: string): ApexDecimal {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!match) throw new TypeError(`Invalid decimal: ${text}`);
    const [, sign, whole = '', fraction = '', exponent = '0'] = match;
    let unscaled = BigInt(`${whole}${fraction}` || '0');
    let scale = fraction.length - Number(exponent);
    if (scale < 0) {
      unscaled *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return new ApexDecimal(sign === '-' ? -unscaled : unscaled, scale);
  }

  static fromNumber(value: number): ApexDecimal {
    return ApexDecimal.parse(Number.isInteger(value) ? value.toFixed(0) : String(value));
  }

  toNumber(): number {
    return Number(this.toString());
  }

  /** This value at `scale` decimal places; HALF_UP is the platform's default rounding for setScale. */
  withScale(scale: number, mode: RoundingMode = 'HALF_UP'): ApexDecimal {
    if (scale >= this.scale) return new ApexDecimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    return new ApexDecimal(roundQuotient(this.unscaled, 10n ** BigInt(this.scale - scale), mode), scale);
  }

  /** this / divisor at `scale` decimal places, rounded by `mode` (Decimal.divide). */
  divide(divisor: ApexDecimal, scale: number, mode: RoundingMode): ApexDecimal {
    // this / divisor = (u1 · 10^-s1) / (u2 · 10^-s2); scaled to 10^-scale.
    const shift = scale + divisor.scale - this.scale;
    const numerator = this.unscaled * 10n ** BigInt(Math.max(shift, 0));
    const denominator = divisor.unscaled * 10n ** BigInt(Math.max(-shift, 0));
    return new ApexDecimal(roundQuotient(numerator, denominator, mode), scale);
  }

  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = this.scale > 0 ? `.${digits.slice(digits.length - this.scale)}` : '';
    return `${negative ? '-' : ''}${whole}${fraction}`;
  }
}

/** System.RoundingMode (Apex Reference, "Decimal Class", Rounding Mode). */
export type RoundingMode = 'CEILING' | 'DOWN' | 'FLOOR' | 'HALF_DOWN' | 'HALF_EVEN' | 'HALF_UP' | 'UNNECESSARY' | 'UP';

export class RoundingNecessary extends Error {}

/** numerator / denominator as an integer, rounded by `mode`; UNNECESSARY throws when a remainder is left. */
function roundQuotient(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const remainder = n % d;
  if (remainder === 0n) return negative ? -quotient : quotient;
  const twice = remainder * 2n;
  const up = ((): boolean => {
    switch (mode) {
      case 'UP':
        return true;
      case 'DOWN':
        return false;
      case 'CEILING':
        return !negative;
      case 'FLOOR':
        return negative;
      case 'HALF_UP':
        return twice >= d;
      case 'HALF_DOWN':
        return twice > d;
      case 'HALF_EVEN':
        return twice > d || (twice === d && quotient % 2n === 1n);
      case 'UNNECESSARY':
        throw new RoundingNecessary('Rounding necessary');
    }
  })();
  const magnitude = up ? quotient + 1n : quotient;
  return negative ? -magnitude : magnitude;
}

/** Salesforce Id: compared by its 18-character form, so 15- and 18-character Ids are equal. */
export class ApexId {
  readonly value: string;

  constructor(value: string) {
    this.value = value.length === 15 ? to18(value) : value;
  }

  get prefix(): string {
    return this.value.slice(0, 3);
  }

  toString(): string {
    return this.value;
  }
}

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The platform's case-safe suffix: one character per 5-character chunk, from its upper-case bits. */
export function to18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_CHARS.charAt(bits);
  }
  return id15 + suffix;
}

/** Date without a time zone. */
export class ApexDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;

  constructor(year: number, month: number, day: number) {
    this.year = year;
    this.month = month;
    this.day = day;
  }

  /** Days since 1970-01-01, for arithmetic and comparison. */
  toEpochDay(): number {
    return Math.floor(Date.UTC(this.year, this.month - 1, this.day) / 86_400_000);
  }

  static fromEpochDay(days: number): ApexDate {
    const d = new Date(days * 86_400_000);
    return new ApexDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }

  toString(): string {
    const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
}

/** An instant, in epoch milliseconds; local-time views use the running user's time zone. */
export class ApexDatetime {
  readonly epochMs: number;

  constructor(epochMs: number) {
    this.epochMs = epochMs;
  }
}

export class ApexTime {
  readonly millisOfDay: number;

  constructor(millisOfDay: number) {
    this.millisOfDay = millisOfDay;
  }
}

export class ApexBlob {
  readonly bytes: Buffer;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }
}

/** Static type of a collection's elements, as written (`String`, `Id`, `Account` …). */
export interface TypeName {
  name: string;
  args: TypeName[];
}

export class ApexList {
  /** For-loops iterating this collection now: it may not change meanwhile. */
  iterating = 0;
  readonly elementType: TypeName;
  readonly items: Value[];

  constructor(elementType: TypeName, items: Value[] = []) {
    this.elementType = elementType;
    this.items = items;
  }
}

/** Set and Map keys hash by `keyOf`: case-sensitive strings, 18-char Ids, structural SObjects. */
export class ApexSet {
  /** For-loops iterating this collection now: it may not change meanwhile. */
  iterating = 0;
  readonly entries = new Map<unknown, Value>();

  readonly elementType: TypeName;

  constructor(elementType: TypeName) {
    this.elementType = elementType;
  }
}

export class ApexMap {
  readonly entries = new Map<unknown, [Value, Value]>();
  /** Describe maps (getGlobalDescribe, fields.getMap) match String keys case-insensitively. */
  ignoreCase = false;

  readonly keyType: TypeName;
  readonly valueType: TypeName;

  constructor(keyType: TypeName, valueType: TypeName) {
    this.keyType = keyType;
    this.valueType = valueType;
  }
}

export class SObjectValue {
  /** Field values keyed by lower-case API name. */
  readonly fields = new Map<string, Value>();
  /** Lower-case names of fields that were queried or set. */
  readonly populated = new Set<string>();
  /** A row returned by SOQL: reading a field that was not queried throws, as on the platform. */
  strict = false;
  /** Trigger.old, and Trigger.new of an after trigger: writing a field throws FinalException. */
  readOnly = false;

  readonly object: SchemaObject;

  constructor(object: SchemaObject) {
    this.object = object;
  }
}

export class ApexObject {
  readonly fields = new Map<string, Value>();

  readonly cls: ClassInfo;

  constructor(cls: ClassInfo) {
    this.cls = cls;
  }
}

export class EnumValue {
  readonly enumType: string;
  readonly name: string;
  readonly ordinal: number;

  constructor(enumType: string, name: string, ordinal: number) {
    this.enumType = enumType;
    this.name = name;
    this.ordinal = ordinal;
  }

  toString(): string {
    return this.name;
  }
}

/** A platform object (HttpRequest, SaveResult, DescribeSObjectResult …) implemented in TypeScript. */
export class NativeObject {
  readonly typeName: string;
  readonly state: Record<string, unknown>;

  constructor(typeName: string, state: Record<string, unknown>) {
    this.typeName = typeName;
    this.state = state;
  }
}

export type Value =
  | null
  | boolean
  | ApexInteger
  | string
  | ApexLong
  | ApexDouble
  | ApexDecimal
  | ApexId
  | ApexDate
  | ApexDatetime
  | ApexTime
  | ApexBlob
  | ApexList
  | ApexSet
  | ApexMap
  | SObjectValue
  | ApexObject
  | EnumValue
  | NativeObject;
