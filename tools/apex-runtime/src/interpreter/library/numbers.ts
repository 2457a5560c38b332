// Integer, Long, Decimal, Double, Boolean and Math: conversions from text with the platform's
// TypeExceptions, exact Decimal arithmetic with rounding modes, and the methods every number has.
import {
  ApexDecimal,
  ApexDouble,
  ApexLong,
  EnumValue,
  RoundingNecessary,
  type RoundingMode,
  type Value,
} from '../../language/values.ts';
import type { Interpreter } from '../interpreter.ts';
import type { Natives, NativeTable } from '../natives.ts';
import { compareApex, stringOf, toBig, toDecimal, toNumber } from '../operators.ts';
import { int, str } from './args.ts';

const INTEGER_STATIC: NativeTable = {
  valueof: (i, [v]) => {
    if (v === null) return null;
    if (typeof v === 'string') return Number(wholeNumber(i, v, 'integer', 32));
    return Math.trunc(toNumber(v as Value)) | 0;
  },
};

// Apex Reference, "Long Class": valueOf(stringToLong) returns a Long; out of range is a TypeException.
const LONG_STATIC: NativeTable = {
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

const DECIMAL_STATIC: NativeTable = {
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

const MATH: NativeTable = {
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

const NUMBER: NativeTable = {
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

const BOOLEAN_STATIC: NativeTable = {
  valueof: (_i, [v]) => (v === null ? null : typeof v === 'boolean' ? v : str(v as Value).toLowerCase() === 'true'),
};

export function registerNumbers(natives: Natives): void {
  natives.register('integer', INTEGER_STATIC);
  natives.register('decimal', DECIMAL_STATIC);
  natives.register('double', DECIMAL_STATIC);
  natives.register('long', LONG_STATIC);
  natives.register('math', MATH);
  natives.register('boolean', BOOLEAN_STATIC);
  natives.registerValueType(
    (v) => typeof v === 'number' || v instanceof ApexLong || v instanceof ApexDecimal || v instanceof ApexDouble,
    NUMBER,
  );
}
