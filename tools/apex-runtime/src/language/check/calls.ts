// Overload resolution by the arguments' static types, for methods and constructors of the project's
// classes. An overload is applicable when every argument can be assigned to its parameter
// ("Understanding Rules of Conversion"); among several, an exact match wins, then one needing only
// widening (numbers, Id/String), then one needing subtypes or Object; the most specific one (whose
// parameters all fit the others') must agree with that order. Ambiguity is reported only when every
// argument's type is known and no rule picks a single overload.
import type * as A from '../ast.ts';
import type { ClassInfo } from '../classes.ts';
import { resolveType, type CheckEnv } from './symbols.ts';
import { assignable, numericRank, sameType, typeText, UNKNOWN, type SType } from './types.ts';

export interface Callable {
  owner: ClassInfo;
  decl: A.MethodDecl | A.ConstructorDecl;
}

export type Resolution =
  | { kind: 'found'; target: Callable }
  /** No overload of this arity, or none whose parameters the arguments certainly fit. */
  | { kind: 'none' }
  | { kind: 'ambiguous' }
  /** Several overloads may apply and the checker cannot tell which: nothing is reported. */
  | { kind: 'unknown'; candidates: Callable[] };

export function paramTypes(env: CheckEnv, c: Callable): SType[] {
  return c.decl.params.map((p) => resolveType(env, p.type, c.owner).type);
}

export function resolveOverload(env: CheckEnv, candidates: Callable[], args: SType[]): Resolution {
  const sameArity = candidates.filter((c) => c.decl.params.length === args.length);
  const typed = sameArity.map((c) => ({ c, params: paramTypes(env, c) }));
  const applicable = typed.filter(({ params }) => params.every((p, i) => assignable(args[i] as SType, p) !== 'no'));
  const [only] = applicable;
  if (!only) return { kind: 'none' };
  if (applicable.length === 1) return { kind: 'found', target: only.c };
  const unknown = { kind: 'unknown', candidates: applicable.map((a) => a.c) } as const;
  if (args.some((a) => a.kind === 'unknown')) return unknown;
  if (args.some((a) => a.kind === 'null')) return byNullArgument(applicable);
  const byPhase = lowestPhase(applicable, args);
  const bySpecificity = mostSpecific(applicable);
  if (byPhase && bySpecificity === byPhase) return { kind: 'found', target: byPhase.c };
  if (byPhase || bySpecificity) return unknown;
  const definite = applicable.every(({ params }) => params.every((p, i) => assignable(args[i] as SType, p) === 'yes'));
  return definite && pairwiseDefinite(applicable) ? { kind: 'ambiguous' } : unknown;
}

/**
 * A `null` argument fits every parameter type: the most specific overload is chosen (m(String) over
 * m(Object)); with none more specific than the others (m(String) beside m(Integer)) the call is
 * ambiguous, as in the Java-derived compiler Apex uses.
 */
function byNullArgument(applicable: Typed[]): Resolution {
  const winner = mostSpecific(applicable);
  if (winner) return { kind: 'found', target: winner.c };
  const unknown = { kind: 'unknown', candidates: applicable.map((a) => a.c) } as const;
  return pairwiseDefinite(applicable) ? { kind: 'ambiguous' } : unknown;
}

interface Typed {
  c: Callable;
  params: SType[];
}

/** 0 exact, 1 widening, 2 subtype or Object: the phase an argument needs to reach its parameter. */
function phase(arg: SType, param: SType): number {
  if (sameType(arg, param)) return 0;
  if (numericRank(arg) !== undefined && numericRank(param) !== undefined) return 1;
  if (arg.kind === 'primitive' && param.kind === 'primitive') return 1;
  return 2;
}

function lowestPhase(applicable: Typed[], args: SType[]): Typed | undefined {
  const phases = applicable.map(({ params }) => Math.max(0, ...params.map((p, i) => phase(args[i] as SType, p))));
  const best = Math.min(...phases);
  const winners = applicable.filter((_, i) => phases[i] === best);
  return winners.length === 1 ? winners[0] : undefined;
}

function fits(a: Typed, b: Typed): boolean {
  return a.params.every((p, i) => assignable(p, b.params[i] as SType) === 'yes');
}

function mostSpecific(applicable: Typed[]): Typed | undefined {
  const winners = applicable.filter((a) => applicable.every((b) => a === b || fits(a, b)));
  return winners.length === 1 ? winners[0] : undefined;
}

function pairwiseDefinite(applicable: Typed[]): boolean {
  return applicable.every((a) =>
    applicable.every((b) => a === b || a.params.every((p, i) => assignable(p, b.params[i] as SType) !== 'maybe')),
  );
}

/** The return type all remaining candidates share, or unknown. */
export function commonReturn(env: CheckEnv, candidates: Callable[]): SType {
  const types = candidates.map((c) => returnType(env, c));
  const [first] = types;
  return first && types.every((t) => sameType(t, first) || (t.kind === 'void' && first.kind === 'void'))
    ? first
    : UNKNOWN;
}

export function returnType(env: CheckEnv, c: Callable): SType {
  if (c.decl.kind === 'constructor') return { kind: 'class', cls: c.owner };
  return c.decl.returnType === 'void' ? { kind: 'void' } : resolveType(env, c.decl.returnType, c.owner).type;
}

// ---- messages ----

const argList = (types: SType[]): string => types.map(typeText).join(', ');

/** `void foo(Integer, String) from the type Bar`: the call as written, with its arguments' types. */
export function callText(name: string, args: SType[], owner: ClassInfo): string {
  return `void ${name}(${argList(args)}) from the type ${owner.displayName}`;
}

/** `Integer Foo.bar(String)`: a declared method, as Apex names it in messages. */
export function methodText(env: CheckEnv, decl: A.MethodDecl, owner: ClassInfo): string {
  const ret = decl.returnType === 'void' ? 'void' : typeText(resolveType(env, decl.returnType, owner).type);
  return `${ret} ${owner.displayName}.${decl.name}(${argList(paramTypes(env, { owner, decl }))})`;
}

export function constructorText(owner: ClassInfo, args: SType[]): string {
  return `[${owner.displayName}].<Constructor>(${argList(args)})`;
}
