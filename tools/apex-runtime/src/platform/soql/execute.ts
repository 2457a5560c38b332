// Runs a SoqlQuery on the in-memory org: resolves every field path against the schema (with the
// platform's error wording), evaluates binds once, filters, sorts, windows, then builds SObject
// rows holding exactly the queried fields. Reference: SOQL and SOSL Reference, "SELECT":
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
import { apexTypeOf, type Schema, type SchemaField, type SchemaObject } from '../../../../../scripts/lib/schema.ts';
import type { Expr } from '../../language/ast.ts';
import { UnsupportedApexFeature } from '../../language/errors.ts';
import type { RecordReader, StoredRecord } from '../store.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexId,
  ApexList,
  ApexLong,
  SObjectValue,
  type Value,
} from '../../language/values.ts';
import {
  apexTypeName,
  bindElements,
  compare,
  isLongText,
  keyOf,
  kindOf,
  queryComparable,
  splitMulti,
  storedComparable,
  sumDecimals,
  toDecimal,
  type Comparable,
  type Kind,
} from './compare.ts';
import { dateLiteralRange, localDate, startOfDay } from './dates.ts';
import {
  queryException,
  soqlError,
  type AggregateFn,
  type CompareOp,
  type Condition,
  type FieldPath,
  type Operand,
  type OrderItem,
  type RowCount,
  type SoqlQuery,
  type SoqlValue,
} from '../../language/soql/query.ts';

export interface SoqlEnv {
  schema: Schema;
  store: RecordReader;
  /** Evaluates a bind expression in the caller's frame. */
  bind(expr: Expr): Value;
  now: ApexDatetime;
  /** IANA zone of the running user: date literals and TODAY are local days. */
  timeZone: string;
}

/** `queryRows` is what the query charges against the query-rows governor limit. */
export type SoqlResult =
  | { kind: 'records'; rows: SObjectValue[]; queryRows: number }
  | { kind: 'count'; count: number; queryRows: number }
  | { kind: 'aggregate'; rows: SObjectValue[]; queryRows: number };

/** The read-only SObject type of aggregate rows; its fields are the query's aliases. */
export const AGGREGATE_RESULT: SchemaObject = {
  name: 'AggregateResult',
  kind: 'standard',
  fields: {},
  childRelationships: {},
  projectFields: [],
};

const MAX_OFFSET = 2000;

export function executeSoql(query: SoqlQuery, env: SoqlEnv): SoqlResult {
  return new Engine(env, query.allRows, false).run(query);
}

/**
 * What one execution charges against the query limits: one SOQL query, plus one per parent-child
 * subquery against the subquery pool, whose limit `Limits.getLimitAggregateQueries()` reports
 * (3 × the query limit): Apex Developer Guide, Execution Governors and Limits, footnote 1.
 */
export function soqlLimitCharges(query: SoqlQuery): { queries: number; aggregateQueries: number } {
  return { queries: 1, aggregateQueries: childSubqueries(query) };
}

function childSubqueries(query: SoqlQuery): number {
  return query.select.reduce((n, item) => n + (item.kind === 'child' ? 1 + childSubqueries(item.query) : 0), 0);
}

const EMPTY_STORE: RecordReader = { records: () => [], byId: () => undefined };

/**
 * What the Apex compiler checks in static SOQL: objects, fields, relationships, filterability,
 * grouping, ORDER BY with FOR UPDATE, literal types. Runs the query on no data with every bind
 * null, so a class whose inline SOQL would not compile can fail at load, as it fails to deploy.
 * Unsupported constructs are left to execution, where they fail the test that reaches them.
 */
export function checkSoql(query: SoqlQuery, schema: Schema): void {
  const env: SoqlEnv = { schema, store: EMPTY_STORE, bind: () => null, now: new ApexDatetime(0), timeZone: 'UTC' };
  try {
    new Engine(env, query.allRows, true).run(query);
  } catch (error) {
    if (!(error instanceof UnsupportedApexFeature)) throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Plans

/** A field path resolved against the schema: relationship hops, then a field. */
interface FieldRef {
  /** The path as written, alias prefix removed, e.g. `Account.Name`. */
  display: string;
  hops: Hop[];
  field: SchemaField;
  /** Lower-case key of the field on the (last) record. */
  key: string;
  /** `What.Type`: the object the polymorphic lookup points at. */
  polymorphicType: boolean;
}

interface Hop {
  /** Lower-case lookup field on the child, e.g. `accountid`. */
  lookupKey: string;
  /** Lower-case relationship name, the key of the nested SObject, e.g. `account`. */
  key: string;
}

interface SelectPlan {
  fields: FieldRef[];
  children: ChildPlan[];
}

interface ChildPlan {
  /** Lower-case child relationship name: the key of the list on the parent row. */
  key: string;
  lookupKey: string;
  object: SchemaObject;
  select: SelectPlan;
  where?: Compiled<StoredRecord>;
  sort?: (rows: StoredRecord[]) => StoredRecord[];
  limit?: number;
}

/** How a condition or ORDER BY reads one operand of a subject (a record, or a group of records). */
interface Accessor<T> {
  get(subject: T): Value;
  kind: Kind;
  /** Field name for messages. */
  name: string;
  /** Apex type of the column, for bind messages. */
  apexType: string;
  /** Describe type, for literal messages (`dateTime`, `double` …). */
  describeType: string;
  /** The queried record's own Id (not `Account.Id`): `Id = …` / `Id IN …` can fetch by Id. */
  ownId?: boolean;
}

type Resolve<T> = (operand: Operand) => Accessor<T>;

interface Compiled<T> {
  test(subject: T): boolean;
  /** Canonical Ids when the condition requires `Id = …` or `Id IN …`: rows are fetched by Id. */
  ids?: Set<string>;
}

interface Group {
  values: Value[];
  records: StoredRecord[];
  cache: Map<string, Value>;
}

const ORDER_TESTS: Partial<Record<CompareOp, (sign: number) => boolean>> = {
  '<': (sign) => sign < 0,
  '<=': (sign) => sign <= 0,
  '>': (sign) => sign > 0,
  '>=': (sign) => sign >= 0,
};

const WSDL = 'Please reference your WSDL or the describe call for the appropriate names.';

/** The platform's words for an object name it does not know (or, to the API, one the user cannot see). */
export function unsupportedObjectMessage(name: string): string {
  return `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. ${WSDL}`;
}

/** The platform's words for a field it does not know on an object (or, to the API, one the user cannot see). */
export function noSuchColumnMessage(field: string, entity: string): string {
  return `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. ${WSDL}`;
}

// ---------------------------------------------------------------------------------------------

class Engine {
  private readonly env: SoqlEnv;
  private readonly schema: Schema;
  private readonly today: ApexDate;
  /** ALL ROWS of the outer query: deleted records are visible. */
  private readonly allRows: boolean;
  /** checkSoql: binds are unknown, so only what the compiler would reject is reported. */
  private readonly checking: boolean;

  constructor(env: SoqlEnv, allRows: boolean, checking: boolean) {
    this.env = env;
    this.schema = env.schema;
    this.today = localDate(env.now.epochMs, env.timeZone);
    this.allRows = allRows;
    this.checking = checking;
  }

  run(query: SoqlQuery): SoqlResult {
    const object = this.fromObject(query);
    const ordered = (q: SoqlQuery): boolean =>
      q.orderBy.length > 0 || q.select.some((item) => item.kind === 'child' && ordered(item.query));
    if (query.forClauses.includes('UPDATE') && ordered(query)) {
      // Locking statements: "You can't use the ORDER BY keywords in any SOQL query that uses locking."
      throw soqlError(query, 'ORDER BY is not allowed in a query that uses FOR UPDATE');
    }
    const offset = this.rowCount(query, query.offset, 'OFFSET') ?? 0;
    if (offset > MAX_OFFSET && !this.checking) throw queryException(`Maximum SOQL offset allowed is ${MAX_OFFSET}`);
    const limit = this.rowCount(query, query.limit, 'LIMIT');
    const where = query.where ? this.compileWhere(query, object, query.where) : undefined;
    const matched = this.matching(query, object, where);
    if (query.select.some((item) => item.kind === 'count')) return this.count(query, matched, offset, limit);
    if (query.groupBy.length > 0 || query.select.some((item) => item.kind === 'aggregate')) {
      return this.aggregate(query, object, matched, { offset, limit });
    }
    return this.records(query, object, matched, { offset, limit });
  }

  // ---- FROM, paths and reads ----

  private fromObject(query: SoqlQuery): SchemaObject {
    const object = this.schema.getObject(query.from);
    if (object) return object;
    if (this.schema.hasObject(query.from)) {
      throw new UnsupportedApexFeature(
        `SOQL FROM ${query.from} (no field data in the local schema)`,
        query.file,
        query.line,
      );
    }
    throw soqlError(query, unsupportedObjectMessage(query.from));
  }

  private resolve(query: SoqlQuery, object: SchemaObject, path: FieldPath): FieldRef {
    const parts = this.withoutPrefix(query, object, path);
    let objects = [object];
    let namePointing = false;
    const hops: Hop[] = [];
    for (const name of parts.slice(0, -1)) {
      const lookup = firstOf(objects, (o) => this.schema.getRelationship(o.name, name));
      if (!lookup) throw soqlError(query, unknownRelationship(name));
      hops.push({ lookupKey: lookup.name.toLowerCase(), key: (lookup.relationshipName ?? name).toLowerCase() });
      namePointing = Boolean(lookup.namePointing);
      objects = this.parentObjects(query, lookup);
    }
    const last = parts[parts.length - 1];
    const field = firstOf(objects, (o) => this.schema.getField(o.name, last));
    if (!field) throw soqlError(query, noSuchColumnMessage(last, objects[0].name));
    const key = field.name.toLowerCase();
    return { display: parts.join('.'), hops, field, key, polymorphicType: namePointing && key === 'type' };
  }

  /** `a.Name` with `FROM Account a`, or `Account.Name` with `FROM Account`, is just `Name`. */
  private withoutPrefix(query: SoqlQuery, object: SchemaObject, path: FieldPath): FieldPath {
    if (path.length < 2) return path;
    const first = path[0].toLowerCase();
    const prefixes = [query.fromAlias, query.from].map((p) => p?.toLowerCase());
    if (!prefixes.includes(first) || this.schema.getRelationship(object.name, path[0])) return path;
    return path.slice(1);
  }

  /** Where a lookup leads: its parent, the `Name` object for What/Who/Owner, or every candidate parent. */
  private parentObjects(query: SoqlQuery, lookup: SchemaField): SchemaObject[] {
    const nameObject = lookup.namePointing ? this.schema.getObject('Name') : undefined;
    if (nameObject) return [nameObject];
    const objects = lookup.referenceTo.map((name) => this.schema.getObject(name)).filter((o) => o !== undefined);
    if (objects.length > 0) return objects;
    const construct = `SOQL traversal ${lookup.relationshipName} → ${lookup.referenceTo.join('/') || '?'} (no field data in the local schema)`;
    throw new UnsupportedApexFeature(construct, query.file, query.line);
  }

  private parentOf(record: StoredRecord, hop: Hop): StoredRecord | undefined {
    const id = record.fields.get(hop.lookupKey);
    const key = id instanceof ApexId ? id : typeof id === 'string' && id !== '' ? new ApexId(id) : undefined;
    const parent = key ? this.env.store.byId(key) : undefined;
    return parent && (!parent.deleted || this.allRows) ? parent : undefined;
  }

  private read(record: StoredRecord, ref: FieldRef): Value {
    let current: StoredRecord | undefined = record;
    for (const hop of ref.hops) {
      current = this.parentOf(current, hop);
      if (!current) return null;
    }
    return fieldValue(current, ref);
  }

  // ---- row selection ----

  private matching(query: SoqlQuery, object: SchemaObject, where: Compiled<StoredRecord> | undefined): StoredRecord[] {
    const candidates = where?.ids ? this.byIds(object, where.ids) : this.env.store.records(object.name);
    const visibleDeleted = query.allRows;
    const out: StoredRecord[] = [];
    for (const record of candidates) {
      if (record.deleted && !visibleDeleted) continue;
      if (where && !where.test(record)) continue;
      out.push(record);
    }
    return out;
  }

  /** `WHERE Id IN :ids`: fetch by Id instead of scanning; Id order, as a scan of the store gives. */
  private byIds(object: SchemaObject, ids: Set<string>): StoredRecord[] {
    const name = object.name.toLowerCase();
    const out: StoredRecord[] = [];
    for (const id of ids) {
      const record = this.env.store.byId(new ApexId(id));
      if (record && record.object.name.toLowerCase() === name) out.push(record);
    }
    return out.sort((a, b) => compare(a.id.value, b.id.value));
  }

  private rowCount(query: SoqlQuery, count: RowCount | undefined, clause: string): number | undefined {
    if (!count || (this.checking && count.kind === 'bind')) return undefined;
    const value = count.kind === 'literal' ? count.value : this.env.bind(count.expr);
    const n = typeof value === 'number' ? value : value instanceof ApexLong ? Number(value.value) : undefined;
    if (n === undefined) throw soqlError(query, `Invalid bind expression type of ${apexTypeName(value)} for ${clause}`);
    if (n < 0) throw queryException(`${clause} must be a non-negative value: ${n}`);
    return n;
  }

  // ---- conditions ----

  private compileWhere(query: SoqlQuery, object: SchemaObject, condition: Condition): Compiled<StoredRecord> {
    return this.compile(query, condition, this.recordOperand(query, object, 'filtered'));
  }

  /** WHERE and ORDER BY read fields of a record; long text areas can be neither filtered nor sorted. */
  private recordOperand(query: SoqlQuery, object: SchemaObject, use: 'filtered' | 'sorted'): Resolve<StoredRecord> {
    return (operand) => {
      if (operand.kind === 'aggregate')
        throw soqlError(query, `Aggregate function ${operand.fn} is only valid in an aggregate query`);
      const ref = this.resolve(query, object, operand.path);
      const kind = kindOf(ref.field);
      const refused = !kind || isLongText(ref.field) || (use === 'sorted' && kind === 'multipicklist');
      if (refused)
        throw soqlError(
          query,
          `field '${ref.field.name}' can not be ${use === 'filtered' ? 'filtered in query call' : 'sorted in a query call'}`,
        );
      const ownId = ref.hops.length === 0 && ref.key === 'id';
      return { get: (record) => this.read(record, ref), kind, ownId, ...fieldTypes(ref.field) };
    };
  }

  private compile<T>(query: SoqlQuery, condition: Condition, resolve: Resolve<T>): Compiled<T> {
    if (condition.kind === 'not') {
      const inner = this.compile(query, condition.item, resolve);
      return { test: (s) => !inner.test(s) };
    }
    if (condition.kind === 'compare') return this.compileCompare(query, condition, resolve(condition.left));
    const parts = condition.items.map((item) => this.compile(query, item, resolve));
    if (condition.kind === 'or') return { test: (s) => parts.some((p) => p.test(s)) };
    return { test: (s) => parts.every((p) => p.test(s)), ids: parts.find((p) => p.ids)?.ids };
  }

  private compileCompare<T>(
    query: SoqlQuery,
    condition: Extract<Condition, { kind: 'compare' }>,
    accessor: Accessor<T>,
  ): Compiled<T> {
    const { op, right } = condition;
    if (right.kind === 'dateLiteral') return { test: this.dateLiteralTest(query, accessor, op, right) };
    switch (op) {
      case 'LIKE':
        return { test: this.likeTest(query, accessor, right) };
      case 'IN':
      case 'NOT IN':
        return this.inTest(query, accessor, op, right);
      case 'INCLUDES':
      case 'EXCLUDES':
        return { test: this.includesTest(query, accessor, op, right) };
      default:
        return this.scalarTest(query, accessor, op, right);
    }
  }

  private scalarTest<T>(query: SoqlQuery, accessor: Accessor<T>, op: CompareOp, right: SoqlValue): Compiled<T> {
    const value = this.comparable(query, accessor, right);
    const get = (s: T): Comparable | null => storedComparable(accessor.kind, accessor.get(s));
    // SOQL is two-valued: `= null` finds nulls, and `!= 'x'` includes nulls.
    const equal = (s: T): boolean => sameValue(get(s), value);
    if (op === '=')
      return { test: equal, ids: accessor.ownId && typeof value === 'string' ? new Set([value]) : undefined };
    if (op === '!=') return { test: (s) => !equal(s) };
    const order = ORDER_TESTS[op];
    if (!order) throw soqlError(query, `invalid operator ${op}`);
    if (value === null) return { test: () => false };
    return {
      test: (s) => {
        const v = get(s);
        return v !== null && order(compare(v, value));
      },
    };
  }

  /** One literal or bind, normalised to the field's kind. */
  private comparable<T>(query: SoqlQuery, accessor: Accessor<T>, right: SoqlValue): Comparable | null {
    if (right.kind === 'literal') return this.coerce(query, accessor, right.value, false);
    if (right.kind === 'bind') return this.coerce(query, accessor, this.env.bind(right.expr), true);
    throw soqlError(query, `unexpected token: '('`);
  }

  private coerce<T>(query: SoqlQuery, accessor: Accessor<T>, value: Value, isBind: boolean): Comparable | null {
    const comparable = queryComparable(accessor.kind, value);
    if (comparable !== undefined) return comparable;
    if (accessor.kind === 'id' && (typeof value === 'string' || value instanceof ApexId)) {
      if (this.checking) return null; // a run-time error, even for a literal
      throw queryException(`invalid ID field: ${String(value)}`);
    }
    if (isBind)
      throw soqlError(
        query,
        `Invalid bind expression type of ${apexTypeName(value)} for column of type ${accessor.apexType}`,
      );
    throw soqlError(
      query,
      `value of filter criterion for field '${accessor.name}' must be of type ${accessor.describeType} and should not be enclosed in quotes`,
    );
  }

  private inTest<T>(query: SoqlQuery, accessor: Accessor<T>, op: CompareOp, right: SoqlValue): Compiled<T> {
    const keys = new Set<string>();
    let hasNull = false;
    for (const value of this.inValues(query, accessor, right)) {
      if (value === null) hasNull = true;
      else keys.add(keyOf(value));
    }
    const member = (s: T): boolean => {
      const v = storedComparable(accessor.kind, accessor.get(s));
      return v === null ? hasNull : keys.has(keyOf(v));
    };
    if (op === 'NOT IN') return { test: (s) => !member(s) };
    return { test: member, ids: accessor.ownId && !hasNull ? keys : undefined };
  }

  private inValues<T>(query: SoqlQuery, accessor: Accessor<T>, right: SoqlValue): (Comparable | null)[] {
    switch (right.kind) {
      case 'list':
        return right.items.map((item) => this.comparable(query, accessor, item));
      case 'bind': {
        const value = this.env.bind(right.expr);
        return value === null ? [] : bindElements(value).map((v) => this.coerce(query, accessor, v, true));
      }
      case 'subquery':
        return this.semiJoin(query, accessor, right.query);
      default:
        throw soqlError(query, `unexpected token: '${right.kind === 'literal' ? String(right.value) : 'value'}'`);
    }
  }

  /** `Id IN (SELECT AccountId FROM Contact …)`: the single selected field's values. */
  private semiJoin<T>(outer: SoqlQuery, accessor: Accessor<T>, query: SoqlQuery): (Comparable | null)[] {
    const object = this.fromObject(query);
    const item = query.select[0];
    if (query.select.length !== 1 || item.kind !== 'field') {
      throw new UnsupportedApexFeature('SOQL semi-join selecting anything but one field', outer.file, outer.line);
    }
    const ref = this.resolve(query, object, item.path);
    const where = query.where ? this.compileWhere(query, object, query.where) : undefined;
    let rows = this.matching(query, object, where);
    const limit = this.rowCount(query, query.limit, 'LIMIT');
    if (limit !== undefined) rows = rows.slice(0, limit);
    return rows.map((row) => storedComparable(accessor.kind, this.read(row, ref)));
  }

  private likeTest<T>(query: SoqlQuery, accessor: Accessor<T>, right: SoqlValue): (s: T) => boolean {
    if (accessor.kind !== 'string')
      throw soqlError(query, `LIKE is not valid on field '${accessor.name}' of type ${accessor.describeType}`);
    const pattern =
      right.kind === 'literal' ? right.value : right.kind === 'bind' ? this.env.bind(right.expr) : undefined;
    if (pattern === null) return () => false;
    if (typeof pattern !== 'string') throw soqlError(query, `LIKE needs a text value for field '${accessor.name}'`);
    const regex = likeRegex(pattern);
    return (s) => {
      const value = accessor.get(s);
      return value !== null && regex.test(value instanceof ApexId ? value.value : String(value));
    };
  }

  /** Multi-select picklists: `INCLUDES ('a;b', 'c')` is (a and b) or c. */
  private includesTest<T>(query: SoqlQuery, accessor: Accessor<T>, op: CompareOp, right: SoqlValue): (s: T) => boolean {
    if (accessor.kind !== 'multipicklist')
      throw soqlError(query, `${op} is only valid on multi-select picklist fields, not '${accessor.name}'`);
    const values =
      right.kind === 'list'
        ? right.items.map((item) =>
            item.kind === 'literal' ? item.value : item.kind === 'bind' ? this.env.bind(item.expr) : null,
          )
        : right.kind === 'bind'
          ? bindElements(this.env.bind(right.expr))
          : [];
    const wanted = values.filter((v): v is string => typeof v === 'string').map(splitMulti);
    return (s) => {
      const value = accessor.get(s);
      const present = new Set(typeof value === 'string' ? splitMulti(value) : []);
      const any = wanted.some((all) => all.every((part) => present.has(part)));
      return op === 'INCLUDES' ? any : !any;
    };
  }

  /** A date literal is a range of days (Date fields) or of the user's local days (Datetime fields). */
  private dateLiteralTest<T>(
    query: SoqlQuery,
    accessor: Accessor<T>,
    op: CompareOp,
    right: { name: string; n: number },
  ): (s: T) => boolean {
    const days = dateLiteralRange(right.name, right.n, this.today);
    if (!days) throw new UnsupportedApexFeature(`SOQL date literal ${right.name}`, query.file, query.line);
    if (accessor.kind !== 'date' && accessor.kind !== 'datetime') {
      throw soqlError(
        query,
        `value of filter criterion for field '${accessor.name}' must be of type ${accessor.describeType} and should not be enclosed in quotes`,
      );
    }
    const local = accessor.kind === 'datetime';
    const start = local ? startOfDay(days.start, this.env.timeZone) : days.start;
    const end = local ? startOfDay(days.end, this.env.timeZone) : days.end;
    const within: Partial<Record<CompareOp, (v: number) => boolean>> = {
      '=': (v) => v >= start && v < end,
      '!=': (v) => v < start || v >= end,
      '<': (v) => v < start,
      '<=': (v) => v < end,
      '>': (v) => v >= end,
      '>=': (v) => v >= start,
    };
    const test = within[op];
    if (!test) throw soqlError(query, `invalid operator ${op} with date literal ${right.name}`);
    return (s) => {
      const v = storedComparable(accessor.kind, accessor.get(s));
      return typeof v === 'number' ? test(v) : op === '!=';
    };
  }

  // ---- ORDER BY ----

  private sorter<T>(items: OrderItem[], resolve: Resolve<T>): (rows: T[]) => T[] {
    const accessors = items.map((item) => resolve(item.operand));
    const compareKeys = (a: (Comparable | null)[], b: (Comparable | null)[]): number => {
      for (const [i, item] of items.entries()) {
        const x = a[i];
        const y = b[i];
        if (x === null || y === null) {
          if (x === y) continue;
          return (x === null) === item.nullsFirst ? -1 : 1;
        }
        const sign = compare(x, y);
        if (sign !== 0) return item.descending ? -sign : sign;
      }
      return 0;
    };
    return (rows) =>
      rows
        .map((row) => ({ row, keys: accessors.map((a) => storedComparable(a.kind, a.get(row))) }))
        .sort((a, b) => compareKeys(a.keys, b.keys))
        .map((decorated) => decorated.row);
  }

  // ---- records ----

  private records(query: SoqlQuery, object: SchemaObject, matched: StoredRecord[], window: Window): SoqlResult {
    const plan = this.selectPlan(query, object);
    const sorted =
      query.orderBy.length > 0
        ? this.sorter(query.orderBy, this.recordOperand(query, object, 'sorted'))(matched)
        : matched;
    const built = this.buildRows(applyWindow(sorted, window), plan);
    return { kind: 'records', rows: built.rows, queryRows: built.count };
  }

  private count(query: SoqlQuery, matched: StoredRecord[], offset: number, limit: number | undefined): SoqlResult {
    if (query.select.length > 1) throw soqlError(query, 'COUNT() must be the only element in the SELECT list');
    if (query.groupBy.length > 0)
      throw new UnsupportedApexFeature('SOQL COUNT() with GROUP BY', query.file, query.line);
    // LIMIT caps COUNT() ("count up to the maximum specified"); it charges one query row.
    const count = Math.min(Math.max(0, matched.length - offset), limit ?? Infinity);
    return { kind: 'count', count, queryRows: 1 };
  }

  private selectPlan(query: SoqlQuery, object: SchemaObject): SelectPlan {
    const plan: SelectPlan = { fields: [], children: [] };
    const seen = new Set<string>();
    for (const item of query.select) {
      if (item.kind === 'child') {
        plan.children.push(this.childPlan(query, object, item.query));
        continue;
      }
      if (item.kind !== 'field') throw soqlError(query, 'COUNT() must be the only element in the SELECT list');
      if (item.alias) throw soqlError(query, 'Only aggregate expressions use field aliasing');
      const ref = this.resolve(query, object, item.path);
      const key = ref.display.toLowerCase();
      if (seen.has(key)) throw soqlError(query, `duplicate field selected: ${ref.display}`);
      seen.add(key);
      plan.fields.push(ref);
    }
    return plan;
  }

  private childPlan(parentQuery: SoqlQuery, parent: SchemaObject, query: SoqlQuery): ChildPlan {
    const relationship = this.schema.getChildRelationship(parent.name, query.from);
    if (!relationship) {
      throw soqlError(
        query,
        `Didn't understand relationship '${query.from}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL}`,
      );
    }
    const object = this.schema.getObject(relationship.childObject);
    if (!object || !relationship.field) {
      throw new UnsupportedApexFeature(
        `SOQL subquery ${relationship.name} (no field data in the local schema)`,
        parentQuery.file,
        query.line,
      );
    }
    if (query.select.some((item) => item.kind === 'aggregate' || item.kind === 'count')) {
      throw new UnsupportedApexFeature('SOQL aggregate function in a subquery', query.file, query.line);
    }
    return {
      key: relationship.name.toLowerCase(),
      lookupKey: relationship.field.toLowerCase(),
      object,
      select: this.selectPlan(query, object),
      where: query.where ? this.compileWhere(query, object, query.where) : undefined,
      sort:
        query.orderBy.length > 0 ? this.sorter(query.orderBy, this.recordOperand(query, object, 'sorted')) : undefined,
      limit: this.rowCount(query, query.limit, 'LIMIT'),
    };
  }

  /** Rows plus the query rows they charge: each row and each child row counts. */
  private buildRows(records: StoredRecord[], plan: SelectPlan): { rows: SObjectValue[]; count: number } {
    const rows = records.map((record) => this.buildRow(record, plan));
    let count = rows.length;
    for (const child of plan.children) count += this.attachChildren(records, rows, child);
    return { rows, count };
  }

  private buildRow(record: StoredRecord, plan: SelectPlan): SObjectValue {
    const row = newRow(record);
    for (const ref of plan.fields) this.place(row, record, ref);
    return row;
  }

  /** Sets one selected path on a row; parent paths nest an SObject under the relationship name. */
  private place(row: SObjectValue, record: StoredRecord, ref: FieldRef): void {
    let target = row;
    let source = record;
    for (const hop of ref.hops) {
      const existing = target.fields.get(hop.key);
      if (existing === null && target.populated.has(hop.key)) return; // no parent: the relationship is null
      const parent = this.parentOf(source, hop);
      if (!parent) {
        setField(target, hop.key, null);
        return;
      }
      if (existing instanceof SObjectValue) target = existing;
      else target = setField(target, hop.key, newRow(parent));
      source = parent;
    }
    setField(target, ref.key, fieldValue(source, ref));
  }

  private attachChildren(parents: StoredRecord[], rows: SObjectValue[], child: ChildPlan): number {
    const index = new Map<string, number>();
    parents.forEach((parent, i) => index.set(String(storedComparable('id', parent.id)), i));
    const groups: StoredRecord[][] = parents.map(() => []);
    for (const record of this.env.store.records(child.object.name)) {
      if (record.deleted && !this.allRows) continue;
      const i = index.get(String(storedComparable('id', record.fields.get(child.lookupKey) ?? null)));
      if (i === undefined || (child.where && !child.where.test(record))) continue;
      groups[i].push(record);
    }
    let count = 0;
    groups.forEach((group, i) => {
      const sorted = child.sort ? child.sort(group) : group;
      const built = this.buildRows(child.limit === undefined ? sorted : sorted.slice(0, child.limit), child.select);
      count += built.count;
      setField(rows[i], child.key, new ApexList({ name: child.object.name, args: [] }, built.rows));
    });
    return count;
  }

  // ---- aggregates ----

  private aggregate(query: SoqlQuery, object: SchemaObject, matched: StoredRecord[], window: Window): SoqlResult {
    const groupRefs = query.groupBy.map((path) => this.groupRef(query, object, path));
    const resolve = this.groupOperand(query, object, groupRefs);
    const columns = this.aggregateColumns(query, resolve);
    let groups = groupRecords(matched, groupRefs, (record, ref) => this.read(record, ref));
    if (query.having) groups = groups.filter(this.compile(query, query.having, resolve).test);
    if (query.orderBy.length > 0) groups = this.sorter(query.orderBy, resolve)(groups);
    const rows = applyWindow(groups, window).map((group) => aggregateRow(group, columns));
    // Aggregate functions: COUNT() and COUNT(field) charge one row (one per group with GROUP BY),
    // the others charge every row they aggregate (Apex Developer Guide, "Working with SOQL Aggregate Functions").
    const chargesRows = query.select.some((item) => item.kind === 'aggregate' && item.fn !== 'COUNT');
    const queryRows = chargesRows ? matched.length : query.groupBy.length > 0 ? rows.length : 1;
    return { kind: 'aggregate', rows, queryRows };
  }

  private groupRef(query: SoqlQuery, object: SchemaObject, path: FieldPath): FieldRef {
    const ref = this.resolve(query, object, path);
    const kind = kindOf(ref.field);
    if (!kind || isLongText(ref.field) || kind === 'multipicklist')
      throw soqlError(query, `field '${ref.field.name}' can not be grouped in a query call`);
    return ref;
  }

  /** HAVING and ORDER BY of an aggregate query read grouped fields and aggregates of a group. */
  private groupOperand(query: SoqlQuery, object: SchemaObject, groupRefs: FieldRef[]): Resolve<Group> {
    return (operand) => {
      const ref = this.resolve(query, object, operand.path);
      if (operand.kind === 'aggregate') return this.aggregateAccessor(query, operand.fn, ref);
      const i = groupRefs.findIndex((g) => g.display.toLowerCase() === ref.display.toLowerCase());
      if (i < 0) throw soqlError(query, `Field must be grouped or aggregated: ${ref.field.name}`);
      return { get: (group) => group.values[i], kind: kindOf(ref.field) ?? 'string', ...fieldTypes(ref.field) };
    };
  }

  private aggregateAccessor(query: SoqlQuery, fn: AggregateFn, ref: FieldRef): Accessor<Group> {
    const kind = kindOf(ref.field);
    const numeric = fn === 'SUM' || fn === 'AVG';
    if (
      !kind ||
      isLongText(ref.field) ||
      (numeric && kind !== 'number') ||
      (kind === 'boolean' && fn !== 'COUNT' && fn !== 'COUNT_DISTINCT')
    ) {
      throw soqlError(query, `field ${ref.field.name} does not support aggregate operator ${fn}`);
    }
    const cacheKey = `${fn}(${ref.display.toLowerCase()})`;
    const compute = (group: Group): Value =>
      aggregateOf(
        fn,
        kind,
        group.records.map((record) => this.read(record, ref)),
      );
    const get = (group: Group): Value => {
      if (!group.cache.has(cacheKey)) group.cache.set(cacheKey, compute(group));
      return group.cache.get(cacheKey) ?? null;
    };
    const counts = fn === 'COUNT' || fn === 'COUNT_DISTINCT';
    const resultKind: Kind = numeric || counts ? 'number' : kind;
    const apexType = counts ? 'Integer' : numeric ? 'Decimal' : apexTypeOf(ref.field);
    return {
      get,
      kind: resultKind,
      name: `${fn}(${ref.field.name})`,
      apexType,
      describeType: numeric || counts ? 'double' : describeTypeOf(ref.field),
    };
  }

  /** Each select item's AggregateResult key (alias, grouped field name or `exprN`) and reader. */
  private aggregateColumns(query: SoqlQuery, resolve: Resolve<Group>): [string, Accessor<Group>][] {
    let expr = 0;
    return query.select.map((item) => {
      if (item.kind === 'field')
        return [
          (item.alias ?? item.path[item.path.length - 1]).toLowerCase(),
          resolve({ kind: 'field', path: item.path }),
        ];
      if (item.kind === 'aggregate') return [(item.alias ?? `expr${expr++}`).toLowerCase(), resolve(item)];
      throw new UnsupportedApexFeature('SOQL subquery in an aggregate query', query.file, query.line);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Window {
  offset: number;
  limit: number | undefined;
}

function applyWindow<T>(rows: T[], window: Window): T[] {
  const end = window.limit === undefined ? undefined : window.offset + window.limit;
  return window.offset === 0 && end === undefined ? rows : rows.slice(window.offset, end);
}

function firstOf<T, R>(items: T[], pick: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = pick(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

function unknownRelationship(name: string): string {
  return `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. ${WSDL}`;
}

function fieldTypes(field: SchemaField): { name: string; apexType: string; describeType: string } {
  return { name: field.name, apexType: apexTypeOf(field), describeType: describeTypeOf(field) };
}

function describeTypeOf(field: SchemaField): string {
  return field.type === 'datetime' ? 'dateTime' : field.type;
}

function fieldValue(record: StoredRecord, ref: FieldRef): Value {
  if (ref.key === 'id') return record.id;
  if (ref.key === 'isdeleted') return record.deleted;
  if (ref.polymorphicType) return record.object.name;
  return record.fields.get(ref.key) ?? null;
}

function sameValue(a: Comparable | null, b: Comparable | null): boolean {
  if (a === null || b === null) return a === b;
  return compare(a, b) === 0;
}

/** A queried row: reading a field that was not selected throws in the interpreter. */
function newRow(record: StoredRecord): SObjectValue {
  const row = new SObjectValue(record.object);
  row.strict = true;
  setField(row, 'id', record.id);
  return row;
}

function setField<V extends Value>(row: SObjectValue, key: string, value: V): V {
  row.fields.set(key, value);
  row.populated.add(key);
  return value;
}

/** `%` any run, `_` one character, backslash escapes the next character; case-insensitive. */
export function likeRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern.charAt(++i));
    else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`, 'is');
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function groupRecords(
  records: StoredRecord[],
  refs: FieldRef[],
  read: (record: StoredRecord, ref: FieldRef) => Value,
): Group[] {
  if (refs.length === 0) return [{ values: [], records, cache: new Map() }];
  const kinds = refs.map((ref) => kindOf(ref.field) ?? 'string');
  const groups = new Map<string, Group>();
  for (const record of records) {
    const values = refs.map((ref) => read(record, ref));
    const key = values.map((v, i) => groupKey(kinds[i], v)).join('\u0001');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { values, records: [], cache: new Map() }));
    group.records.push(record);
  }
  return [...groups.values()];
}

function groupKey(kind: Kind, value: Value): string {
  const comparable = storedComparable(kind, value);
  return comparable === null ? '\u0000' : keyOf(comparable);
}

function aggregateOf(fn: AggregateFn, kind: Kind, values: Value[]): Value {
  const present = values.filter((v) => v !== null && v !== '');
  switch (fn) {
    case 'COUNT':
      return present.length;
    case 'COUNT_DISTINCT':
      return new Set(present.map((v) => groupKey(kind, v))).size;
    case 'SUM':
      return present.length === 0 ? null : sumDecimals(present.map((v) => toDecimal(v) ?? new ApexDecimal(0n, 0)));
    case 'AVG':
      if (present.length === 0) return null;
      return ApexDecimal.fromNumber(
        sumDecimals(present.map((v) => toDecimal(v) ?? new ApexDecimal(0n, 0))).toNumber() / present.length,
      );
    default:
      return extreme(fn === 'MIN' ? -1 : 1, kind, present);
  }
}

function extreme(direction: number, kind: Kind, values: Value[]): Value {
  let best: Value = null;
  let bestKey: Comparable | null = null;
  for (const value of values) {
    const key = storedComparable(kind, value);
    if (key === null) continue;
    if (bestKey === null || compare(key, bestKey) * direction > 0) {
      best = value;
      bestKey = key;
    }
  }
  return best;
}

function aggregateRow(group: Group, columns: [string, Accessor<Group>][]): SObjectValue {
  const row = new SObjectValue(AGGREGATE_RESULT);
  row.strict = true;
  for (const [key, accessor] of columns) setField(row, key, accessor.get(group));
  return row;
}
