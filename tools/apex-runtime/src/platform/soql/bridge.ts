// Connects the SOQL engine to the interpreter: inline and dynamic queries, governor charges,
// the Apex shapes of results (List<SObject>, Integer for COUNT(), List<AggregateResult>) and
// Database.query / queryWithBinds / countQuery / getQueryLocator.
import type { ExpressionContext } from '@apexdevtools/apex-parser';
import type * as A from '../../language/ast.ts';
import { PlatformError } from '../../language/errors.ts';
import type { Interpreter } from '../../interpreter/interpreter.ts';
import { ApexConverter, type SoqlConverter } from '../../language/parse.ts';
import type { PlatformContext } from '../context.ts';
import { ApexList, ApexMap, NativeObject, type Value } from '../../language/values.ts';
import { isUserMode } from '../system-classes.ts';
import { enforceQueryAccess } from '../security.ts';
import { executeSoql, soqlLimitCharges } from './execute.ts';
import { fromQueryContext, parseDynamicSoql, type SoqlQuery } from '../../language/soql/query.ts';

export const inlineSoql: SoqlConverter = (query, convertBind, file, line) =>
  fromQueryContext(query, convertBind, file, line);

/** Runs a parsed query, charging the governor limits, and returns its Apex value. */
export function runQuery(
  rt: PlatformContext,
  query: SoqlQuery,
  bind: (e: A.Expr) => Value,
  options: { locator?: boolean; accessLevel?: Value } = {},
): Value {
  try {
    const mode = query.accessMode ?? (isUserMode(options.accessLevel ?? null) ? 'USER_MODE' : undefined);
    enforceQueryAccess(rt, query, mode);
    const charges = soqlLimitCharges(query);
    rt.limits.spend('queries', charges.queries);
    if (query.forClauses.includes('UPDATE')) lockWait(rt, query.from);
    const result = executeSoql(query, {
      schema: rt.schema,
      store: rt.org.store,
      bind,
      now: rt.now(),
      timeZone: rt.timeZone,
    });
    // A QueryLocator's rows count against the 50 million locator limit, not the query-row limit.
    if (!options.locator) rt.limits.spend('queryRows', result.queryRows);
    if (result.kind === 'count') return result.count;
    const objectName = result.kind === 'aggregate' ? 'AggregateResult' : query.from;
    return new ApexList({ name: objectName, args: [] }, result.rows);
  } catch (error) {
    throw error instanceof PlatformError ? rt.interp.toApexThrow(error) : error;
  }
}

/**
 * A FOR UPDATE that waits more than 10 s for another transaction's lock throws QueryException (SOQL
 * "FOR UPDATE" page; Apex "Locking Statements"). Only simulated contention gets here; the message is
 * the one seen in orgs (community sources), not a documented text.
 */
function lockWait(rt: PlatformContext, objectName: string): void {
  const key = objectName.toLowerCase();
  const pending = rt.lockContention.get(key) ?? 0;
  if (pending <= 0) return;
  rt.lockContention.set(key, pending - 1);
  throw new PlatformError(
    'System.QueryException',
    'Record Currently Unavailable: The record you are attempting to edit, or one of its related records, is currently being modified by another user. Please try again.',
  );
}

function dynamicQuery(rt: PlatformContext, interp: Interpreter, text: Value): SoqlQuery {
  if (typeof text !== 'string') return interp.raise('System.NullPointerException', 'Argument cannot be null');
  const converter = new ApexConverter('dynamic SOQL', inlineSoql);
  try {
    return parseDynamicSoql(text, (e: ExpressionContext) => converter.expr(e), 'dynamic SOQL', interp.line);
  } catch (error) {
    throw error instanceof PlatformError ? interp.toApexThrow(error) : error;
  }
}

/** Binds of Database.queryWithBinds come from its map (names compared case-insensitively). */
function mapBinds(interp: Interpreter, binds: Value): (e: A.Expr) => Value {
  const entries = binds instanceof ApexMap ? [...binds.entries.values()] : [];
  return (e) => {
    if (e.kind !== 'name') return interp.unsupported('a bind expression other than a name in queryWithBinds');
    const entry = entries.find(([k]) => String(k).toLowerCase() === e.name.toLowerCase());
    if (!entry) return interp.raise('System.QueryException', `Key '${e.name}' does not exist in the bindMap`);
    return entry[1];
  };
}

export function registerSoql(rt: PlatformContext): void {
  rt.dml.soql = (query, bind) => runQuery(rt, query as SoqlQuery, bind);
  const callerBinds = (interp: Interpreter) => (e: A.Expr) => interp.eval(e, interp.callerFrame());
  const locator = (interp: Interpreter, query: SoqlQuery, bind: (e: A.Expr) => Value, accessLevel?: Value): Value => {
    if (query.forClauses.includes('UPDATE'))
      return interp.raise('System.QueryException', 'FOR UPDATE is not allowed in a query locator');
    return new NativeObject('Database.QueryLocator', {
      rows: runQuery(rt, query, bind, { locator: true, accessLevel }),
    });
  };
  // Each method takes an optional AccessLevel last (Apex Reference, "Database Class").
  const dynamic = (i: Interpreter, text: Value | undefined, bind: (e: A.Expr) => Value, accessLevel?: Value) =>
    runQuery(rt, dynamicQuery(rt, i, text ?? null), bind, { accessLevel });
  rt.natives.register('Database', {
    query: (i, [text, level]) => dynamic(i, text, callerBinds(i), level),
    querywithbinds: (i, [text, binds, level]) => dynamic(i, text, mapBinds(i, binds ?? null), level),
    countquery: (i, [text, level]) => dynamic(i, text, callerBinds(i), level),
    countquerywithbinds: (i, [text, binds, level]) => dynamic(i, text, mapBinds(i, binds ?? null), level),
    getquerylocator: (i, [source, level]) =>
      source instanceof ApexList
        ? new NativeObject('Database.QueryLocator', { rows: source })
        : locator(i, dynamicQuery(rt, i, source ?? null), callerBinds(i), level),
    getquerylocatorwithbinds: (i, [text, binds, level]) =>
      locator(i, dynamicQuery(rt, i, text ?? null), mapBinds(i, binds ?? null), level),
  });
}
