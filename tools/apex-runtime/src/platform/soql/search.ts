// Runs the subset of inline SOSL the package uses (language/soql/sosl.ts parses it): `[FIND 'term' |
// FIND :term IN ALL FIELDS RETURNING Object(fields WHERE … ORDER BY … LIMIT n), … WITH USER_MODE]`
// evaluates to List<List<SObject>> with one list per RETURNING object, in order. References (SOQL
// and SOSL Reference): "FIND {SearchQuery}", "IN SearchGroup", "RETURNING FieldSpec", "LIMIT n"; Apex
// Developer Guide, "SOQL and SOSL Queries", "Adding SOSL Queries to Unit Tests", "Execution
// Governors and Limits".
//
// A single search word matches a whole token of a text field, case-insensitively (the search index
// splits text at spaces and punctuation, so `a,b,c` holds the tokens a, b and c). Wildcards, phrases
// and the AND / OR / NOT operators are outside the subset and throw UnsupportedApexFeature.
import type { SchemaField } from '../../../../../scripts/lib/schema.ts';
import type * as A from '../../language/ast.ts';
import { PlatformError, UnsupportedApexFeature } from '../../language/errors.ts';
import type { SoslQuery } from '../../language/soql/sosl.ts';
import type { SoqlQuery } from '../../language/soql/query.ts';
import { ApexId, ApexList, type Value } from '../../language/values.ts';
import type { PlatformContext } from '../context.ts';
import { enforceQueryAccess } from '../security.ts';
import { executeSoql } from './execute.ts';

/** Apex Developer Guide, "Execution Governors and Limits": rows of one SOSL query. */
export const SOSL_MAX_ROWS = 2000;

/** Field types "IN ALL FIELDS" searches: the text-valued ones. */
const SEARCHED_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist']);

/**
 * Runs the search. In a test, SOSL finds only the Ids given to Test.setFixedSearchResults (none
 * when it was not called); each RETURNING object's WHERE and LIMIT then apply to them. Outside
 * tests the term is matched against the records' text fields.
 */
export function runSosl(rt: PlatformContext, query: SoslQuery, bind: (e: A.Expr) => Value): Value {
  rt.limits.spend('soslQueries', 1);
  // Apex Developer Guide, "Enforce User Mode for Database Operations": WITH USER_MODE applies the
  // running user's object permissions and field-level security to SOSL as to SOQL.
  if (query.userMode) for (const spec of query.returning) enforceQueryAccess(rt, spec, 'USER_MODE');
  const text = query.term.kind === 'literal' ? query.term.text : bind(query.term.expr);
  if (typeof text !== 'string') throw new PlatformError('System.NullPointerException', 'Argument cannot be null');
  const term = searchWord(text.trim(), query);
  const asked = query.limit ? Number(query.limit.kind === 'literal' ? query.limit.value : bind(query.limit.expr)) : NaN;
  let budget = Number.isFinite(asked) ? Math.min(asked, SOSL_MAX_ROWS) : SOSL_MAX_ROWS;
  const lists = query.returning.map((spec) => {
    const matches = rt.inTest ? fixedMatches(rt, spec.from) : searchMatches(rt, spec.from, term);
    const rows = runReturning(rt, spec, matches, bind).slice(0, budget);
    budget -= rows.length;
    return new ApexList({ name: spec.from, args: [] }, rows);
  });
  return new ApexList({ name: 'List', args: [{ name: 'SObject', args: [] }] }, lists);
}

/** The subset: one word of letters and digits, at least two characters. */
function searchWord(text: string, query: SoslQuery): string {
  if (!/^[\p{L}\p{N}]{2,}$/u.test(text))
    throw new UnsupportedApexFeature(
      `SOSL search "${text.slice(0, 40)}" (only one word of two or more letters or digits)`,
      query.file,
      query.line,
    );
  return text.toLowerCase();
}

function fixedMatches(rt: PlatformContext, objectName: string): Set<string> {
  const fixed = rt.fixedSearchResults ?? [];
  const object = rt.schema.getObject(objectName);
  return new Set(fixed.filter((id) => rt.org.store.byId(id)?.object === object).map((id) => id.value));
}

function searchMatches(rt: PlatformContext, objectName: string, term: string): Set<string> {
  const object = rt.schema.getObject(objectName);
  const ids = new Set<string>();
  if (!object) return ids;
  const fields = Object.values(object.fields).filter((f: SchemaField) => SEARCHED_TYPES.has(f.type));
  for (const record of rt.org.store.records(object.name)) {
    if (record.deleted) continue;
    const hit = fields.some((field) => {
      const value = record.fields.get(field.name.toLowerCase());
      return (
        typeof value === 'string' &&
        value
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .includes(term)
      );
    });
    if (hit) ids.add(record.id.value);
  }
  return ids;
}

/** The RETURNING object's own SOQL over the matched Ids; its LIMIT is capped at the SOSL maximum. */
function runReturning(rt: PlatformContext, spec: SoqlQuery, matches: Set<string>, bind: (e: A.Expr) => Value): Value[] {
  const byIds = {
    kind: 'compare' as const,
    left: { kind: 'field' as const, path: ['Id'] },
    op: 'IN' as const,
    right: {
      kind: 'list' as const,
      items: [...matches].map((id) => ({ kind: 'literal' as const, value: new ApexId(id) })),
    },
  };
  const query: SoqlQuery = { ...spec, where: spec.where ? { kind: 'and', items: [byIds, spec.where] } : byIds };
  const result = executeSoql(query, {
    schema: rt.schema,
    store: rt.org.store,
    bind,
    now: rt.now(),
    timeZone: rt.timeZone,
  });
  return result.kind === 'records' ? result.rows : [];
}
