// SOQL as the runtime executes it: a small typed tree converted once from the ANTLR contexts of
// inline SOQL (`[SELECT …]`) or parsed from the text of dynamic SOQL (`Database.query`). Binds stay
// Apex expressions; the executor evaluates them once per execution. Anything outside the supported
// subset throws UnsupportedApexFeature here, before a query can run with half its meaning.
import {
  ApexErrorListener,
  ApexParser,
  ApexParserFactory,
  type ComparisonOperatorContext,
  type DateFormulaContext,
  type ExpressionContext,
  type FieldExpressionContext,
  type FieldListContext,
  type FieldNameContext,
  type FieldSpecContext,
  type FieldOrderContext,
  type ForClausesContext,
  type FromNameListContext,
  type GroupByClauseContext,
  type LimitClauseContext,
  type LogicalExpressionContext,
  type OffsetClauseContext,
  type QueryContext,
  type SelectEntryContext,
  type SoqlFunctionContext,
  type SubFieldEntryContext,
  type SubQueryContext,
  type ValueContext,
  type WhereLogicalExpressionContext,
  type WithClauseContext,
} from '@apexdevtools/apex-parser';
import type { Expr } from '../ast.ts';
import { PlatformError, UnsupportedApexFeature } from '../errors.ts';
import { ApexDate, ApexDatetime, ApexDecimal, ApexTime, type Value } from '../values.ts';

export type AggregateFn = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

/** A field path as written, e.g. `['Account', 'Owner', 'Name']`. */
export type FieldPath = string[];

export type SelectItem =
  | { kind: 'field'; path: FieldPath; alias?: string }
  | { kind: 'aggregate'; fn: AggregateFn; path: FieldPath; alias?: string }
  /** `COUNT()`: the query returns an Integer, not rows. */
  | { kind: 'count' }
  /** A child relationship subquery, e.g. `(SELECT Id FROM Contacts)`. */
  | { kind: 'child'; query: SoqlQuery };

/** Left side of a condition: a field in WHERE, also an aggregate in HAVING and aggregate ORDER BY. */
export type Operand = { kind: 'field'; path: FieldPath } | { kind: 'aggregate'; fn: AggregateFn; path: FieldPath };

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

export type SoqlValue =
  /** null, Boolean, Decimal (every SOQL number), String, Date, Datetime or Time. */
  | { kind: 'literal'; value: Value }
  /** `TODAY`, `LAST_N_DAYS:7` …; `n` is 0 for the literals without a number. */
  | { kind: 'dateLiteral'; name: string; n: number }
  | { kind: 'list'; items: SoqlValue[] }
  | { kind: 'bind'; expr: Expr }
  /** Semi-join: `Id IN (SELECT AccountId FROM Contact …)`. */
  | { kind: 'subquery'; query: SoqlQuery };

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; left: Operand; op: CompareOp; right: SoqlValue };

export interface OrderItem {
  operand: Operand;
  descending: boolean;
  nullsFirst: boolean;
}

export type RowCount = { kind: 'literal'; value: number } | { kind: 'bind'; expr: Expr };

export type AccessMode = 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED';

export type ForClause = 'UPDATE' | 'VIEW' | 'REFERENCE';

export interface SoqlQuery {
  select: SelectItem[];
  /** The object, or for a child subquery the child relationship name, as written. */
  from: string;
  fromAlias?: string;
  where?: Condition;
  /** `WITH USER_MODE` …: recorded for the interpreter, not enforced by the engine. */
  accessMode?: AccessMode;
  groupBy: FieldPath[];
  having?: Condition;
  orderBy: OrderItem[];
  limit?: RowCount;
  offset?: RowCount;
  forClauses: ForClause[];
  allRows: boolean;
  /** Dynamic SOQL fails at run time where static SOQL would not have compiled. */
  dynamic: boolean;
  file: string;
  line: number;
}

export type ConvertBind = (ctx: ExpressionContext) => Expr;

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * A static query the platform would not have compiled (unknown field, ORDER BY with FOR UPDATE …).
 * Not an Apex exception: the code under test cannot catch it, the test is an ERROR.
 */
export class SoqlCompileError extends Error {
  readonly file: string;
  readonly line: number;
  /** The platform's words alone, without the place. */
  readonly problem: string;

  constructor(message: string, file: string, line: number) {
    super(`${message} (${file}:${line})`);
    this.file = file;
    this.line = line;
    this.problem = message;
  }
}

export function queryException(message: string): PlatformError {
  return new PlatformError('System.QueryException', message);
}

/** The platform's rejection of a query: a compile error for static SOQL, a QueryException for dynamic SOQL. */
export function soqlError(query: SoqlQuery, message: string): Error {
  return query.dynamic ? queryException(message) : new SoqlCompileError(message, query.file, query.line);
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Inline SOQL: `ctx` is `SoqlLiteralContext.query()`; `file`/`line` name the Apex source. */
export function fromQueryContext(ctx: QueryContext, convertBind: ConvertBind, file: string, line?: number): SoqlQuery {
  const query = new Converter(convertBind, file, false, undefined).query(ctx);
  if (line !== undefined) query.line = line;
  return query;
}

/**
 * One object of a SOSL RETURNING clause, `Object(fields WHERE … ORDER BY … LIMIT n)`, as the SOQL
 * query it filters the search's matches with (SOQL and SOSL Reference, "RETURNING FieldSpec").
 */
export function fromSoslFieldSpec(
  ctx: FieldSpecContext,
  convertBind: ConvertBind,
  file: string,
  line: number,
): SoqlQuery {
  return new Converter(convertBind, file, false, line).soslFieldSpec(ctx);
}

/** A LIMIT clause's row count, literal or bound. */
export function rowCountOf(ctx: LimitClauseContext, convertBind: ConvertBind): RowCount {
  if (ctx.boundExpression()) return { kind: 'bind', expr: convertBind(ctx.boundExpression().expression()) };
  return { kind: 'literal', value: Number(ctx.IntegerLiteral().getText()) };
}

/** Dynamic SOQL text; a syntax error is a `System.QueryException` as on the platform. */
export function parseDynamicSoql(text: string, convertBind: ConvertBind, file: string, line: number): SoqlQuery {
  const errors = new FirstSyntaxError();
  const { parser } = ApexParserFactory.createLexerAndParser(text, errors);
  const ctx = parser.query();
  const next = parser.getCurrentToken();
  if (errors.message === undefined && next.type !== ApexParser.EOF) errors.message = unexpectedToken(next.text);
  if (errors.message !== undefined) throw queryException(errors.message);
  return new Converter(convertBind, file, true, line).query(ctx);
}

// Platform wording, e.g. `System.QueryException: unexpected token: 'WHERE'`.
function unexpectedToken(text: string): string {
  return `unexpected token: '${text}'`;
}

class FirstSyntaxError extends ApexErrorListener {
  message: string | undefined;

  override syntaxError(_recognizer: unknown, offending: unknown, line: number, column: number, msg: string): void {
    if (this.message !== undefined) return;
    const text =
      typeof offending === 'object' && offending !== null ? (offending as { text?: unknown }).text : undefined;
    this.message = typeof text === 'string' ? unexpectedToken(text) : msg;
  }

  apexSyntaxError(): void {
    // Every error arrives through syntaxError, which keeps the offending token.
  }
}

// ---------------------------------------------------------------------------------------------
// Conversion

interface Located {
  start: { line: number };
  getText(): string;
}

const AGGREGATES = new Set<string>(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

const OPERATORS: Record<string, CompareOp> = {
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  LIKE: 'LIKE',
  IN: 'IN',
  NOTIN: 'NOT IN',
  INCLUDES: 'INCLUDES',
  EXCLUDES: 'EXCLUDES',
};

/** Words that start a clause: an "alias" spelled like one means the clause after it is missing. */
const CLAUSE_WORDS = new Set(['WHERE', 'WITH', 'GROUP', 'ORDER', 'LIMIT', 'OFFSET', 'FOR', 'ALL', 'USING', 'HAVING']);

class Converter {
  private readonly convertBind: ConvertBind;
  private readonly file: string;
  private readonly dynamic: boolean;
  /** Dynamic SOQL reports the line of the `Database.query` call, not of the string. */
  private readonly fixedLine: number | undefined;

  constructor(convertBind: ConvertBind, file: string, dynamic: boolean, fixedLine: number | undefined) {
    this.convertBind = convertBind;
    this.file = file;
    this.dynamic = dynamic;
    this.fixedLine = fixedLine;
  }

  query(ctx: QueryContext): SoqlQuery {
    if (ctx.usingScope()) this.unsupported(ctx.usingScope(), 'USING SCOPE');
    if (ctx.UPDATE()) this.unsupported(ctx, 'UPDATE TRACKING / UPDATE VIEWSTAT');
    const group = ctx.groupByClause();
    return {
      ...this.common(ctx, ctx.fromNameList()),
      select: ctx
        .selectList()
        .selectEntry_list()
        .map((entry) => this.selectEntry(entry)),
      where: ctx.whereClause() ? this.whereLogical(ctx.whereClause().whereLogicalExpression()) : undefined,
      accessMode: ctx.withClause() ? this.accessMode(ctx.withClause()) : undefined,
      groupBy: group ? this.groupBy(group) : [],
      having: group?.logicalExpression() ? this.logical(group.logicalExpression(), true) : undefined,
      orderBy: this.orderBy(ctx.orderByClause()?.fieldOrderList().fieldOrder_list() ?? []),
      limit: ctx.limitClause() ? this.rowCount(ctx.limitClause()) : undefined,
      offset: ctx.offsetClause() ? this.rowCount(ctx.offsetClause()) : undefined,
      forClauses: this.forClauses(ctx.forClauses()),
      allRows: Boolean(ctx.allRowsClause()),
    };
  }

  soslFieldSpec(ctx: FieldSpecContext): SoqlQuery {
    const ids = ctx.soslId_list();
    if (ids.length !== 1 || ids[0].soslId_list().length > 0)
      this.unsupported(ctx, 'SOSL RETURNING with an alias or a dotted name');
    if (ctx.USING()) this.unsupported(ctx, 'SOSL USING LISTVIEW');
    if (ctx.offsetClause()) this.unsupported(ctx, 'SOSL OFFSET');
    // Without a field list SOSL returns the Ids only ("RETURNING FieldSpec").
    const fields = ctx.fieldList() ? this.soslFields(ctx.fieldList()) : [['Id']];
    return {
      select: fields.map((path): SelectItem => ({ kind: 'field', path })),
      from: ids[0].getText(),
      dynamic: false,
      file: this.file,
      line: this.line(ctx),
      where: ctx.logicalExpression() ? this.logical(ctx.logicalExpression(), false) : undefined,
      groupBy: [],
      orderBy: this.orderBy(ctx.fieldOrderList()?.fieldOrder_list() ?? []),
      limit: ctx.limitClause() ? this.rowCount(ctx.limitClause()) : undefined,
      forClauses: [],
      allRows: false,
    };
  }

  private soslFields(ctx: FieldListContext): FieldPath[] {
    if (ctx.TOLABEL() || ctx.CONVERT_CURRENCY() || ctx.FORMAT() || ctx.soqlFunction())
      this.unsupported(ctx, 'SOSL toLabel / convertCurrency / FORMAT / functions in RETURNING');
    const own = ctx.soslId_list().map((id) => id.getText().split('.'));
    return [...own, ...ctx.fieldList_list().flatMap((nested) => this.soslFields(nested))];
  }

  /** A child subquery in the select list, or a semi-join in WHERE. */
  private subQuery(ctx: SubQueryContext): SoqlQuery {
    if (ctx.UPDATE()) this.unsupported(ctx, 'UPDATE TRACKING / UPDATE VIEWSTAT');
    return {
      ...this.common(ctx, ctx.fromNameList()),
      select: ctx
        .subFieldList()
        .subFieldEntry_list()
        .map((entry) => this.selectEntry(entry)),
      where: ctx.whereClause() ? this.whereLogical(ctx.whereClause().whereLogicalExpression()) : undefined,
      groupBy: [],
      orderBy: this.orderBy(ctx.orderByClause()?.fieldOrderList().fieldOrder_list() ?? []),
      limit: ctx.limitClause() ? this.rowCount(ctx.limitClause()) : undefined,
      forClauses: this.forClauses(ctx.forClauses()),
      allRows: false,
    };
  }

  private common(
    ctx: Located,
    from: FromNameListContext,
  ): Omit<SoqlQuery, 'select' | 'groupBy' | 'orderBy' | 'forClauses' | 'allRows'> {
    const names = from.fieldName_list();
    if (names.length !== 1 || names[0].soqlId_list().length !== 1) this.unsupported(from, 'FROM with several objects');
    const alias = from.soqlId_list()[0]?.getText();
    if (alias !== undefined && CLAUSE_WORDS.has(alias.toUpperCase())) this.syntaxError(from, unexpectedToken(alias));
    return { from: names[0].getText(), fromAlias: alias, dynamic: this.dynamic, file: this.file, line: this.line(ctx) };
  }

  private selectEntry(entry: SelectEntryContext | SubFieldEntryContext): SelectItem {
    if (entry.typeOf()) this.unsupported(entry, 'TYPEOF');
    const alias = entry.soqlId()?.getText();
    if (entry.subQuery()) return { kind: 'child', query: this.subQuery(entry.subQuery()) };
    if (entry.soqlFunction()) return this.selectFunction(entry.soqlFunction(), alias);
    return { kind: 'field', path: path(entry.fieldName()), alias };
  }

  private selectFunction(fn: SoqlFunctionContext, alias: string | undefined): SelectItem {
    const name = fn.getChild(0).getText().toUpperCase();
    if (name === 'COUNT' && !fn.fieldName()) return { kind: 'count' };
    return { ...this.aggregate(fn, name), alias };
  }

  private aggregate(fn: SoqlFunctionContext, name: string): { kind: 'aggregate'; fn: AggregateFn; path: FieldPath } {
    if (!AGGREGATES.has(name) || !fn.fieldName()) this.unsupported(fn, `${name}()`);
    return { kind: 'aggregate', fn: name as AggregateFn, path: path(fn.fieldName()) };
  }

  // ---- conditions ----

  private whereLogical(ctx: WhereLogicalExpressionContext): Condition {
    const items = ctx.whereConditionalExpression_list().map((c): Condition => {
      if (c.whereLogicalExpression()) return this.whereLogical(c.whereLogicalExpression());
      const field = c.whereFieldExpression();
      if (field.FORMULA()) this.unsupported(field, 'FORMULA() in WHERE');
      return this.fieldExpression(field.fieldExpression(), false);
    });
    return combine(ctx, items);
  }

  /** HAVING (and `WITH <filter>`, which is unsupported) use the grammar's other condition rule. */
  private logical(ctx: LogicalExpressionContext, aggregates: boolean): Condition {
    const items = ctx.conditionalExpression_list().map((c): Condition => {
      if (c.logicalExpression()) return this.logical(c.logicalExpression(), aggregates);
      return this.fieldExpression(c.fieldExpression(), aggregates);
    });
    return combine(ctx, items);
  }

  private fieldExpression(ctx: FieldExpressionContext, aggregates: boolean): Condition {
    const left = ctx.fieldName()
      ? { kind: 'field' as const, path: path(ctx.fieldName()) }
      : this.functionOperand(ctx.soqlFunction(), aggregates);
    return { kind: 'compare', left, op: this.operator(ctx.comparisonOperator()), right: this.value(ctx.value()) };
  }

  private functionOperand(fn: SoqlFunctionContext, aggregates: boolean): Operand {
    const name = fn.getChild(0).getText().toUpperCase();
    if (!aggregates || !AGGREGATES.has(name)) this.unsupported(fn, `${name}() in a condition`);
    return this.aggregate(fn, name);
  }

  private operator(ctx: ComparisonOperatorContext): CompareOp {
    const op = OPERATORS[ctx.getText().toUpperCase()];
    if (!op) this.unsupported(ctx, `operator ${ctx.getText()}`);
    return op;
  }

  private value(ctx: ValueContext): SoqlValue {
    if (ctx.subQuery()) return { kind: 'subquery', query: this.subQuery(ctx.subQuery()) };
    if (ctx.valueList())
      return {
        kind: 'list',
        items: ctx
          .valueList()
          .value_list()
          .map((v) => this.value(v)),
      };
    if (ctx.boundExpression()) return { kind: 'bind', expr: this.convertBind(ctx.boundExpression().expression()) };
    if (ctx.dateFormula()) return dateLiteral(ctx.dateFormula());
    if (ctx.IntegralCurrencyLiteral()) this.unsupported(ctx, 'currency literal (e.g. USD5000)');
    if (ctx.MultilineStringLiteral()) this.unsupported(ctx, 'multi-line string literal');
    return { kind: 'literal', value: this.literal(ctx) };
  }

  private literal(ctx: ValueContext): Value {
    const text = ctx.getText();
    if (ctx.NULL()) return null;
    if (ctx.BooleanLiteral()) return text.toLowerCase() === 'true';
    if (ctx.signedNumber()) return ApexDecimal.parse(text.replace(/[dD]$/, ''));
    if (ctx.StringLiteral()) return unescapeString(text);
    if (ctx.DateTimeLiteral()) return parseDatetimeLiteral(text);
    if (ctx.DateLiteral()) return parseDateLiteral(text);
    if (ctx.TimeLiteral()) return parseTimeLiteral(text);
    return this.unsupported(ctx, `value ${text}`);
  }

  // ---- clauses ----

  private accessMode(ctx: WithClauseContext): AccessMode {
    if (ctx.SECURITY_ENFORCED()) return 'SECURITY_ENFORCED';
    if (ctx.SYSTEM_MODE()) return 'SYSTEM_MODE';
    if (ctx.USER_MODE()) return 'USER_MODE';
    return this.unsupported(ctx, ctx.DATA() ? 'WITH DATA CATEGORY' : 'WITH <filter>');
  }

  private groupBy(ctx: GroupByClauseContext): FieldPath[] {
    if (ctx.ROLLUP() || ctx.CUBE()) this.unsupported(ctx, `GROUP BY ${ctx.ROLLUP() ? 'ROLLUP' : 'CUBE'}`);
    return ctx
      .fieldGroupByList()
      .fieldGroupBy_list()
      .map((item) => {
        if (!item.fieldName()) this.unsupported(item, `GROUP BY ${item.getText()}`);
        return path(item.fieldName());
      });
  }

  private orderBy(items: FieldOrderContext[]): OrderItem[] {
    return items.map((item) => {
      const descending = Boolean(item.DESC());
      const operand: Operand = item.fieldName()
        ? { kind: 'field', path: path(item.fieldName()) }
        : this.functionOperand(item.soqlFunction(), true);
      // Defaults per the ORDER BY reference: ASC NULLS FIRST, DESC NULLS LAST.
      const nullsFirst = item.NULLS() ? Boolean(item.FIRST()) : !descending;
      return { operand, descending, nullsFirst };
    });
  }

  private rowCount(ctx: LimitClauseContext | OffsetClauseContext): RowCount {
    if (ctx.boundExpression()) return { kind: 'bind', expr: this.convertBind(ctx.boundExpression().expression()) };
    return { kind: 'literal', value: Number(ctx.IntegerLiteral().getText()) };
  }

  private forClauses(ctx: ForClausesContext | null): ForClause[] {
    const words = (ctx?.children ?? []).map((child) => child.getText().toUpperCase());
    return words.filter((word): word is ForClause => word === 'UPDATE' || word === 'VIEW' || word === 'REFERENCE');
  }

  // ---- helpers ----

  private line(ctx: Located): number {
    return this.fixedLine ?? ctx.start.line;
  }

  private unsupported(ctx: Located, construct: string): never {
    throw new UnsupportedApexFeature(`SOQL ${construct}`, this.file, this.line(ctx));
  }

  private syntaxError(ctx: Located, message: string): never {
    if (this.dynamic) throw queryException(message);
    throw new SoqlCompileError(message, this.file, this.line(ctx));
  }
}

interface LogicalNode {
  NOT(): unknown;
  SOQLAND_list(): unknown[];
}

function combine(ctx: LogicalNode, items: Condition[]): Condition {
  if (ctx.NOT()) return { kind: 'not', item: items[0] };
  if (items.length === 1) return items[0];
  return { kind: ctx.SOQLAND_list().length > 0 ? 'and' : 'or', items };
}

function path(ctx: FieldNameContext): FieldPath {
  return ctx.soqlId_list().map((id) => id.getText());
}

function dateLiteral(ctx: DateFormulaContext): SoqlValue {
  const name = ctx.getChild(0).getText().toUpperCase();
  const n = ctx.signedInteger() ? Number(ctx.signedInteger().getText()) : 0;
  return { kind: 'dateLiteral', name, n };
}

// ---------------------------------------------------------------------------------------------
// Literal text

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\' };

/** `'it\'s'` → `it's`; the lexer admits only Apex's escapes. */
export function unescapeString(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) =>
    escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : (ESCAPES[escape] ?? escape),
  );
}

export function parseDateLiteral(text: string): ApexDate {
  const [year, month, day] = text.split('-').map(Number);
  return new ApexDate(year, month, day);
}

/** `1999-01-01T23:01:01Z`, `…+01:00`, `…-0800`, optional fraction. */
export function parseDatetimeLiteral(text: string): ApexDatetime {
  const [date, time] = text.split(/[tT]/);
  const day = parseDateLiteral(date);
  return new ApexDatetime(day.toEpochDay() * 86_400_000 + timeOfDayUtc(time));
}

export function parseTimeLiteral(text: string): ApexTime {
  const ms = timeOfDayUtc(text) % 86_400_000;
  return new ApexTime(ms < 0 ? ms + 86_400_000 : ms);
}

/** Milliseconds after midnight UTC of `hh:mm:ss(.fff)(Z|±hh(:mm|mm))`; may leave the day. */
function timeOfDayUtc(text: string): number {
  const match = /^(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[zZ]|([+-])(\d{1,2}):?(\d\d)?)$/.exec(text);
  if (!match) throw queryException(`invalid time value: ${text}`);
  const [, hh, mm, ss, fraction = '0', sign, offH = '0', offM = '0'] = match;
  const local = ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1000 + Math.round(Number(`0.${fraction}`) * 1000);
  const offset = (Number(offH) * 60 + Number(offM)) * 60_000;
  return sign === '-' ? local + offset : local - offset;
}
