// The compile phase's static types: what an expression is known to be at compile time, and whether
// one type can be assigned to another under Apex's rules (Apex Developer Guide, "Understanding Rules
// of Conversion": Integer → Long → Double → Decimal widen implicitly, an Id is a String and a String
// may be assigned to an Id; "Classes and Casting": a subclass is its superclass and its interfaces,
// every value is an Object; "Lists": a List of a subtype is a List of its supertype).
// `unknown` is the honest answer wherever the runtime does not describe a type (most standard-library
// methods, dynamic SObject access, SOQL result shapes): every check stays silent about it.
import type * as A from '../ast.ts';
import type { ClassInfo } from '../classes.ts';
import { isSubclassOf } from '../classes.ts';

export type PrimitiveName =
  'Integer' | 'Long' | 'Double' | 'Decimal' | 'String' | 'Id' | 'Boolean' | 'Date' | 'Datetime' | 'Time' | 'Blob';

export type SType =
  | { kind: 'unknown' }
  | { kind: 'null' }
  | { kind: 'void' }
  | { kind: 'object' }
  | { kind: 'primitive'; name: PrimitiveName }
  /** A class, interface or enum of the project, or a platform exception class. */
  | { kind: 'class'; cls: ClassInfo }
  /** A concrete SObject type (`Account`), or the generic `SObject` when `name` is absent. */
  | { kind: 'sobject'; name?: string }
  | { kind: 'list' | 'set'; element: SType }
  | { kind: 'map'; key: SType; value: SType }
  /** A standard-library type whose members the runtime does not describe (`HttpRequest` …). */
  | { kind: 'standard'; name: string };

/** `yes` and `no` are certain; `maybe` is everything the checker cannot decide (never reported). */
export type Verdict = 'yes' | 'no' | 'maybe';

export const UNKNOWN: SType = { kind: 'unknown' };
export const NULL: SType = { kind: 'null' };
export const VOID: SType = { kind: 'void' };
export const OBJECT: SType = { kind: 'object' };
export const prim = (name: PrimitiveName): SType => ({ kind: 'primitive', name });
export const BOOLEAN = prim('Boolean');
export const STRING = prim('String');
export const INTEGER = prim('Integer');

export const PRIMITIVES: Record<string, PrimitiveName> = {
  integer: 'Integer',
  long: 'Long',
  double: 'Double',
  decimal: 'Decimal',
  string: 'String',
  id: 'Id',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  blob: 'Blob',
};

/** The numeric hierarchy, lowest first ("Understanding Rules of Conversion"). */
const NUMERIC_RANK: Partial<Record<PrimitiveName, number>> = { Integer: 1, Long: 2, Double: 3, Decimal: 4 };

export function numericRank(type: SType): number | undefined {
  return type.kind === 'primitive' ? NUMERIC_RANK[type.name] : undefined;
}

export const isKnown = (type: SType): boolean => type.kind !== 'unknown';

/** The type as Apex writes it in messages: `Integer`, `List<String>`, `Map<Id,Account>`, `Outer.Inner`. */
export function typeText(type: SType): string {
  switch (type.kind) {
    case 'unknown':
      return 'Object';
    case 'null':
      return 'null';
    case 'void':
      return 'void';
    case 'object':
      return 'Object';
    case 'primitive':
      return type.name;
    case 'class':
      return type.cls.displayName;
    case 'sobject':
      return type.name ?? 'SObject';
    case 'list':
    case 'set':
      return `${type.kind === 'list' ? 'List' : 'Set'}<${typeText(type.element)}>`;
    case 'map':
      return `Map<${typeText(type.key)},${typeText(type.value)}>`;
    case 'standard':
      return type.name;
  }
}

/** The same type, as far as both are known (case-insensitive names). */
export function sameType(a: SType, b: SType): boolean {
  if (a.kind === 'unknown' || b.kind === 'unknown') return false;
  return typeText(a).toLowerCase() === typeText(b).toLowerCase() && a.kind === b.kind;
}

/** Whether a value of type `from` may be assigned to a variable of type `to` without a cast. */
export function assignable(from: SType, to: SType): Verdict {
  if (from.kind === 'unknown' || to.kind === 'unknown') return 'maybe';
  if (from.kind === 'null' || to.kind === 'object') return 'yes';
  if (to.kind === 'null' || to.kind === 'void') return 'maybe';
  if (to.kind === 'standard') return 'maybe';
  switch (from.kind) {
    case 'void':
    case 'object':
      return 'no';
    case 'primitive':
      return to.kind === 'primitive' ? primitiveAssignable(from.name, to.name) : 'no';
    case 'class':
      return classAssignable(from.cls, to);
    case 'sobject':
      return sobjectAssignable(from, to);
    case 'list':
    case 'set':
    case 'map':
      return collectionAssignable(from, to);
    case 'standard':
      return 'maybe';
  }
}

function primitiveAssignable(from: PrimitiveName, to: PrimitiveName): Verdict {
  if (from === to) return 'yes';
  const rankFrom = NUMERIC_RANK[from];
  const rankTo = NUMERIC_RANK[to];
  if (rankFrom !== undefined && rankTo !== undefined) {
    if (rankFrom < rankTo) return 'yes';
    // A Decimal literal initialises a Double (`Double d = 1.5;`): left undecided rather than refused.
    return from === 'Decimal' && to === 'Double' ? 'maybe' : 'no';
  }
  if ((from === 'String' && to === 'Id') || (from === 'Id' && to === 'String')) return 'yes';
  // A Date is also a Datetime to the runtime; whether the compiler widens it is left undecided.
  if (from === 'Date' && to === 'Datetime') return 'maybe';
  return 'no';
}

function classAssignable(from: ClassInfo, to: SType): Verdict {
  if (to.kind !== 'class') return 'no';
  if (isSubclassOf(from, to.cls)) return 'yes';
  // A class whose supertypes are not all known (a standard interface) can still not be a subtype of
  // a project type; a platform exception's own ancestry is fully in the registry.
  return 'no';
}

function sobjectAssignable(from: { name?: string }, to: SType): Verdict {
  if (to.kind !== 'sobject') return 'no';
  if (to.name === undefined) return 'yes';
  // A generic SObject to a concrete type needs a cast in most places, but a loop variable or a
  // trigger context list does not: left undecided.
  if (from.name === undefined) return 'maybe';
  return from.name.toLowerCase() === to.name.toLowerCase() ? 'yes' : 'no';
}

function collectionAssignable(from: Extract<SType, { kind: 'list' | 'set' | 'map' }>, to: SType): Verdict {
  if (to.kind !== from.kind) return 'no';
  const pairs: [SType, SType][] =
    from.kind === 'map' && to.kind === 'map'
      ? [
          [from.key, to.key],
          [from.value, to.value],
        ]
      : from.kind !== 'map' && to.kind !== 'map'
        ? [[from.element, (to as { element: SType }).element]]
        : [];
  if (pairs.every(([a, b]) => sameType(a, b))) return 'yes';
  // Element types that cannot be converted either way are a certain mismatch (List<String> to
  // List<Integer>); covariance (List<Account> to List<SObject>) and its reverse are left to the platform.
  if (pairs.some(([a, b]) => assignable(a, b) === 'no' && assignable(b, a) === 'no')) return 'no';
  if (from.kind === 'list' && pairs.every(([a, b]) => assignable(a, b) === 'yes')) return 'yes';
  return 'maybe';
}

/** The result type of arithmetic on two numbers: the higher of the two in the hierarchy. */
export function widerNumeric(a: SType, b: SType): SType {
  const ra = numericRank(a);
  const rb = numericRank(b);
  if (ra === undefined || rb === undefined) return UNKNOWN;
  // Double with Decimal: which one wins is not documented; left unknown.
  if (Math.max(ra, rb) >= 3 && Math.min(ra, rb) >= 3 && ra !== rb) return UNKNOWN;
  return ra >= rb ? a : b;
}

/** The static type as a TypeRef, for the interpreter's casts (undefined when unknown). */
export function toTypeRef(type: SType): A.TypeRef | undefined {
  switch (type.kind) {
    case 'unknown':
    case 'null':
    case 'void':
      return undefined;
    case 'list':
    case 'set': {
      const element = toTypeRef(type.element);
      return { name: type.kind === 'list' ? 'List' : 'Set', args: element ? [element] : [] };
    }
    case 'map': {
      const key = toTypeRef(type.key);
      const value = toTypeRef(type.value);
      return { name: 'Map', args: key && value ? [key, value] : [] };
    }
    default:
      return { name: typeText(type), args: [] };
  }
}
