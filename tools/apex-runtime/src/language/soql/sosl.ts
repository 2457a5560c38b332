// Inline SOSL as the parser meets it: `[FIND 'term' | FIND :term IN ALL FIELDS RETURNING
// Object(fields WHERE … ORDER BY … LIMIT n), … WITH USER_MODE]` becomes a SoslQuery whose RETURNING
// objects are SOQL queries (query.ts); platform/soql/search.ts runs it. References (SOQL and SOSL
// Reference): "FIND {SearchQuery}", "IN SearchGroup", "RETURNING FieldSpec", "LIMIT n". Other search
// groups, a query without RETURNING and the other WITH clauses are outside the subset and throw
// UnsupportedApexFeature.
import type { FieldSpecContext, FieldSpecListContext, SoslLiteralContext } from '@apexdevtools/apex-parser';
import type * as A from '../ast.ts';
import { UnsupportedApexFeature } from '../errors.ts';
import { fromSoslFieldSpec, rowCountOf, type ConvertBind, type RowCount, type SoqlQuery } from './query.ts';

export interface SoslQuery {
  /** The search text: a literal, or the bind expression of `FIND :term`. */
  term: { kind: 'literal'; text: string } | { kind: 'bind'; expr: A.Expr };
  returning: SoqlQuery[];
  /** The query's own LIMIT (only with one RETURNING object in this subset). */
  limit?: RowCount;
  /** `WITH USER_MODE` enforces the running user's object and field permissions; system mode otherwise. */
  userMode: boolean;
  file: string;
  line: number;
}

export function fromSoslContext(
  ctx: SoslLiteralContext,
  convertBind: ConvertBind,
  file: string,
  line: number,
): SoslQuery {
  const unsupported = (construct: string): never => {
    throw new UnsupportedApexFeature(`SOSL ${construct}`, file, line);
  };
  const clauses = ctx.soslClauses();
  const group = clauses.searchGroup();
  if (group && !(group.ALL() && group.FIELDS())) unsupported(`IN ${group.getText()} (only IN ALL FIELDS)`);
  if (!clauses.RETURNING()) unsupported('without RETURNING');
  if (clauses.UPDATE()) unsupported('UPDATE TRACKING / VIEWSTAT');
  let userMode = false;
  for (const withClause of clauses.soslWithClause_list()) {
    if (!withClause.USER_MODE() && !withClause.SYSTEM_MODE()) unsupported(withClause.getText());
    userMode = Boolean(withClause.USER_MODE());
  }
  const specs = flattenSpecs(clauses.fieldSpecList());
  if (clauses.limitClause() && specs.length > 1) unsupported('LIMIT on a query returning several objects');
  const returning = specs.map((spec) => fromSoslFieldSpec(spec, convertBind, file, line));
  // One object: the query's LIMIT caps that object's rows too ("LIMIT n"), the smaller one applying.
  const limit = clauses.limitClause() ? rowCountOf(clauses.limitClause(), convertBind) : undefined;
  const bound = ctx.boundExpression();
  if (bound)
    return { term: { kind: 'bind', expr: convertBind(bound.expression()) }, returning, limit, userMode, file, line };
  const literal = /FIND\s*(?:'((?:[^'\\]|\\.)*)'|\{([^}]*)\})/i.exec(ctx.FindLiteral()?.getText() ?? '');
  if (!literal) return unsupported(`search literal ${ctx.getText().slice(0, 40)}`);
  return {
    term: { kind: 'literal', text: (literal[1] ?? literal[2] ?? '').replace(/\\(.)/g, '$1') },
    returning,
    limit,
    userMode,
    file,
    line,
  };
}

function flattenSpecs(list: FieldSpecListContext): FieldSpecContext[] {
  return [list.fieldSpec(), ...list.fieldSpecList_list().flatMap((nested) => flattenSpecs(nested))];
}
