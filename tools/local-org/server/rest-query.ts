/**
 * REST `query` and `queryAll` (REST API Developer Guide, "Query", "QueryAll", "Query More Results"):
 * the SOQL runs once as the session's user through `LocalOrg.apiQuery` (only what the user may read
 * exists), its rows become the API's JSON — parents nested under their relationship name (null when
 * there is none), child subqueries as `{ totalSize, done, records }` (null when empty) — and are
 * served in batches of 2 000 (`Sforce-Query-Options: batchSize=N`, 200 to 2 000) from a cursor that
 * `nextRecordsUrl` names.
 */
import { randomBytes } from 'node:crypto';
import type { Schema } from '../../../scripts/lib/schema.ts';
import type { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import { UnsupportedApexFeature } from '../../apex-runtime/src/language/errors.ts';
import { ApexThrow } from '../../apex-runtime/src/interpreter/interpreter.ts';
import type { SoqlResult } from '../../apex-runtime/src/platform/soql/execute.ts';
import type { FieldPath, SoqlQuery } from '../../apex-runtime/src/language/soql/query.ts';
import { ApexList, SObjectValue, type ApexId } from '../../apex-runtime/src/language/values.ts';
import { json, jsonValue, restError, unsupportedLocally, type RestAnswer } from './rest-json.ts';

export type JsonRecord = Record<string, unknown>;

/** A query's rows as JSON, or the API's error answer. */
export type QueryOutcome = { totalSize: number; records: JsonRecord[] } | { error: RestAnswer };

/** Runs SOQL as the API does for `userId` and renders its rows for API `version` (e.g. `62.0`). */
export function runApiQuery(
  org: LocalOrg,
  soql: string,
  options: { userId: ApexId; version: string; allRows?: boolean },
): QueryOutcome {
  let ran: { query: SoqlQuery; result: SoqlResult };
  try {
    ran = org.apiQuery(soql, { userId: options.userId, allRows: options.allRows });
  } catch (error) {
    if (error instanceof ApexThrow) return { error: restError(400, queryErrorCode(error.message), error.message) };
    if (error instanceof UnsupportedApexFeature) return { error: unsupportedLocally(error.message) };
    throw error;
  }
  const { query, result } = ran;
  if (result.kind === 'count') return { totalSize: result.count, records: [] };
  const renderer = new RowRenderer(org.rt.schema, options.version);
  const records =
    result.kind === 'aggregate'
      ? result.rows.map((row) => renderer.aggregate(row, query))
      : result.rows.map((row) => renderer.record(row, query));
  return { totalSize: records.length, records };
}

/** The API's error code for a query the platform refused, from the platform's own wording. */
function queryErrorCode(message: string): string {
  if (/^No such column |^Didn't understand relationship '[^']*' in field path/.test(message)) return 'INVALID_FIELD';
  if (/^sObject type '[^']*' is not supported|^Didn't understand relationship '[^']*' in FROM part/.test(message))
    return 'INVALID_TYPE';
  return 'MALFORMED_QUERY';
}

/** `{ type, url }` of a record as the API writes it. */
export function attributesOf(record: SObjectValue, version: string): JsonRecord {
  const id = record.fields.get('id');
  const type = record.object.name;
  return {
    type,
    url: `/services/data/v${version}/sobjects/${type}/${id === null || id === undefined ? '' : String(id)}`,
  };
}

class RowRenderer {
  private readonly schema: Schema;
  private readonly version: string;

  constructor(schema: Schema, version: string) {
    this.schema = schema;
    this.version = version;
  }

  /** The selected fields, in the order of the SELECT list. */
  record(row: SObjectValue, query: SoqlQuery): JsonRecord {
    const out: JsonRecord = { attributes: attributesOf(row, this.version) };
    for (const item of query.select) {
      if (item.kind === 'field') this.placeField(out, row, this.withoutPrefix(query, row, item.path));
      else if (item.kind === 'child') this.placeChildren(out, row, item.query);
    }
    return out;
  }

  /** An AggregateResult: grouped fields by name, aggregates by alias or `exprN`. */
  aggregate(row: SObjectValue, query: SoqlQuery): JsonRecord {
    const out: JsonRecord = { attributes: { type: 'AggregateResult' } };
    let expr = 0;
    for (const item of query.select) {
      if (item.kind !== 'field' && item.kind !== 'aggregate') continue;
      const last = item.path[item.path.length - 1] ?? '';
      const name =
        item.alias ??
        (item.kind === 'aggregate'
          ? `expr${expr++}`
          : item.path.length === 1
            ? (this.schema.getField(query.from, last)?.name ?? last)
            : last);
      out[name] = jsonValue(row.fields.get(name.toLowerCase()) ?? null);
    }
    return out;
  }

  private placeField(out: JsonRecord, row: SObjectValue, path: FieldPath): void {
    let node = out;
    let record = row;
    for (const part of path.slice(0, -1)) {
      const lookup = this.schema.getRelationship(record.object.name, part);
      const key = lookup?.relationshipName ?? part;
      const parent = record.fields.get(key.toLowerCase());
      if (!(parent instanceof SObjectValue)) {
        node[key] = null;
        return;
      }
      const existing = node[key];
      if (existing === null) return;
      const next =
        typeof existing === 'object' ? (existing as JsonRecord) : { attributes: attributesOf(parent, this.version) };
      node[key] = next;
      node = next;
      record = parent;
    }
    const last = path[path.length - 1] ?? '';
    const name = this.schema.getField(record.object.name, last)?.name ?? last;
    node[name] = jsonValue(record.fields.get(name.toLowerCase()) ?? null);
  }

  private placeChildren(out: JsonRecord, row: SObjectValue, query: SoqlQuery): void {
    const relationship = this.schema.getChildRelationship(row.object.name, query.from);
    const key = relationship?.name ?? query.from;
    const list = row.fields.get(key.toLowerCase());
    const children = list instanceof ApexList ? list.items.filter((c) => c instanceof SObjectValue) : [];
    out[key] =
      children.length === 0
        ? null
        : { totalSize: children.length, done: true, records: children.map((child) => this.record(child, query)) };
  }

  /** `a.Name` with `FROM Account a`, or `Account.Name` with `FROM Account`, is `Name` (as the engine reads it). */
  private withoutPrefix(query: SoqlQuery, row: SObjectValue, path: FieldPath): FieldPath {
    const first = path[0]?.toLowerCase();
    if (path.length < 2 || this.schema.getRelationship(row.object.name, path[0] ?? '')) return path;
    return [query.fromAlias, query.from].some((p) => p?.toLowerCase() === first) ? path.slice(1) : path;
  }
}

// ---------------------------------------------------------------------------------------------
// Cursors

interface Cursor {
  userId: string;
  totalSize: number;
  records: JsonRecord[];
  usedAt: number;
}

/** Salesforce keeps up to 10 open query cursors per user (the oldest goes first) and drops idle ones after 15 minutes. */
const CURSORS_PER_USER = 10;
const CURSOR_IDLE_MS = 15 * 60_000;
export const DEFAULT_BATCH = 2000;

/** `Sforce-Query-Options: batchSize=N`: 200 to 2 000 (REST API Developer Guide, "Query Options Header"). */
export function batchSizeOf(header: string | string[] | undefined): number | undefined {
  const match = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''));
  return match ? Math.min(2000, Math.max(200, Number(match[1]))) : undefined;
}

export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();

  /** The first batch; a cursor keeps the rest for `nextRecordsUrl`. */
  first(rows: { totalSize: number; records: JsonRecord[] }, userId: ApexId, version: string, batch: number): unknown {
    if (rows.records.length <= batch) return { totalSize: rows.totalSize, done: true, records: rows.records };
    this.expire();
    const locator = `01g${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 15)}`;
    this.cursors.set(locator, { userId: userId.value, ...rows, usedAt: Date.now() });
    const mine = [...this.cursors].filter(([, c]) => c.userId === userId.value);
    for (const [old] of mine.slice(0, Math.max(0, mine.length - CURSORS_PER_USER))) this.cursors.delete(old);
    return this.batch(locator, 0, version, batch);
  }

  /** `GET …/query/<locator>-<offset>`: the batch from there. */
  next(locatorAndOffset: string, userId: ApexId, version: string, batch: number | undefined): RestAnswer {
    this.expire();
    const match = /^(01g\w+)-(\d+)$/.exec(locatorAndOffset);
    const cursor = match ? this.cursors.get(match[1] ?? '') : undefined;
    const offset = Number(match?.[2]);
    if (!match || !cursor || cursor.userId !== userId.value || offset > cursor.records.length)
      return restError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    cursor.usedAt = Date.now();
    return json(this.batch(match[1] ?? '', offset, version, batch ?? DEFAULT_BATCH));
  }

  private batch(locator: string, offset: number, version: string, size: number): unknown {
    const cursor = this.cursors.get(locator) as Cursor;
    const end = offset + size;
    const done = end >= cursor.records.length;
    if (done) this.cursors.delete(locator);
    return {
      totalSize: cursor.totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locator}-${end}` }),
      records: cursor.records.slice(offset, end),
    };
  }

  private expire(): void {
    const now = Date.now();
    for (const [locator, cursor] of this.cursors)
      if (now - cursor.usedAt > CURSOR_IDLE_MS) this.cursors.delete(locator);
  }
}
