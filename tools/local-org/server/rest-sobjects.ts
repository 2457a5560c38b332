/**
 * REST record resources (REST API Developer Guide, "sObject Rows", "sObject Collections"): create,
 * retrieve, update and delete one record, and up to 200 in one call with `allOrNone`. Each request is
 * one transaction as the session's user in user mode, the package's triggers firing; the record errors
 * are the runtime's DML errors. A body naming a field the user cannot see fails as for an unknown
 * field; one the user may see but not write fails its record with INVALID_FIELD_FOR_INSERT_UPDATE.
 */
import type { SchemaObject } from '../../../scripts/lib/schema.ts';
import { rolledBack, type LocalOrg } from '../../apex-runtime/src/org/api.ts';
import type { RecordResult } from '../../apex-runtime/src/platform/dml.ts';
import { ApexId, type SObjectValue } from '../../apex-runtime/src/language/values.ts';
import { asUser, visibleObject } from './rest-describe.ts';
import { fieldValue, isId, json, notFound, RequestError, restError, type RestAnswer } from './rest-json.ts';
import { runApiQuery, type JsonRecord } from './rest-query.ts';

export interface SessionContext {
  org: LocalOrg;
  userId: ApexId;
  version: string;
}

type Operation = 'insert' | 'update' | 'delete';
type RecordError = RecordResult['errors'][number];
/** A record ready to save, or why it cannot be. */
type Prepared = { record: SObjectValue } | { error: RecordError };

/** Salesforce's limit on records in one sObject Collections call. */
const COLLECTION_LIMIT = 200;
const TOO_MANY = 'record limit reached. cannot submit more than 200 records into this call';

// ---- one record ----

export function createRecord(ctx: SessionContext, objectName: string, body: unknown): RestAnswer {
  const object = visibleObject(ctx.org, ctx.userId, objectName);
  if (!object) return notFound();
  const [result] = save(ctx, 'insert', [prepare(ctx, object, body, 'insert')], true);
  return result?.success ? { status: 201, body: saveResult(result), wrote: true } : recordFailure(result);
}

export function updateRecord(ctx: SessionContext, objectName: string, id: string, body: unknown): RestAnswer {
  const object = visibleObject(ctx.org, ctx.userId, objectName);
  const missing = object ? absence(ctx, object, id) : notFound();
  if (missing || !object) return missing ?? notFound();
  const [result] = save(ctx, 'update', [prepare(ctx, object, body, 'update', id)], true);
  return result?.success ? { status: 204, wrote: true } : recordFailure(result);
}

export function deleteRecord(ctx: SessionContext, objectName: string, id: string): RestAnswer {
  const object = visibleObject(ctx.org, ctx.userId, objectName);
  const missing = object ? absence(ctx, object, id) : notFound();
  if (missing || !object) return missing ?? notFound();
  const [result] = save(ctx, 'delete', [{ record: withId(ctx, object, id) }], true);
  return result?.success ? { status: 204, wrote: true } : recordFailure(result);
}

/** `GET /sobjects/<Object>/<id>[?fields=a,b]`: the record's fields (all the user may read by default). */
export function retrieveRecord(ctx: SessionContext, objectName: string, id: string, fields: string | null): RestAnswer {
  const rows = retrieve(ctx, objectName, [id], fields);
  if ('error' in rows) return rows.error;
  const [record] = rows.records;
  return record ? json(record) : notFound();
}

// ---- collections ----

/** `POST|PATCH /composite/sobjects {allOrNone, records}`. */
export function saveCollection(ctx: SessionContext, operation: 'insert' | 'update', body: unknown): RestAnswer {
  const { allOrNone, records } = (typeof body === 'object' && body !== null ? body : {}) as {
    allOrNone?: unknown;
    records?: unknown;
  };
  if (!Array.isArray(records))
    throw new RequestError('JSON_PARSER_ERROR', 'The request body must have a records array');
  if (records.length > COLLECTION_LIMIT) return restError(400, 'EXCEEDED_ID_LIMIT', TOO_MANY);
  const prepared = records.map((raw: unknown): Prepared => {
    const type = (raw as { attributes?: { type?: unknown } } | null)?.attributes?.type;
    if (typeof type !== 'string') throw new RequestError('JSON_PARSER_ERROR', 'Each record must have attributes.type');
    const object = visibleObject(ctx.org, ctx.userId, type);
    if (!object) throw new RequestError('INVALID_TYPE', `sObject type '${type}' is not supported.`);
    const id =
      operation === 'update' ? ((raw as { id?: unknown; Id?: unknown }).id ?? (raw as { Id?: unknown }).Id) : undefined;
    return prepare(ctx, object, raw, operation, typeof id === 'string' ? id : undefined);
  });
  // A record that was not created has no Id to report, whatever its body carried.
  const results = save(ctx, operation, prepared, allOrNone === true).map((r) =>
    operation === 'insert' && !r.success ? { ...r, id: null } : r,
  );
  return { status: 200, body: results.map(saveResult), wrote: true };
}

/** `DELETE /composite/sobjects?ids=a,b&allOrNone=true`. */
export function deleteCollection(ctx: SessionContext, ids: string[], allOrNone: boolean): RestAnswer {
  if (ids.length > COLLECTION_LIMIT) return restError(400, 'EXCEEDED_ID_LIMIT', TOO_MANY);
  const prepared = ids.map((id): Prepared => {
    if (!isId(id)) return { error: { statusCode: 'MALFORMED_ID', message: `malformed id ${id}`, fields: [] } };
    const object = ctx.org.rt.org.store.byId(new ApexId(id))?.object ?? ctx.org.rt.org.objectForPrefix(id.slice(0, 3));
    if (!object)
      return {
        error: { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] },
      };
    return { record: withId(ctx, object, id) };
  });
  const results = save(ctx, 'delete', prepared, allOrNone).map((result, i) => ({
    ...result,
    id: result.id ?? new ApexId(ids[i] ?? ''),
  }));
  return { status: 200, body: results.map(saveResult), wrote: true };
}

/** `GET /composite/sobjects/<Object>?ids=..&fields=..` and its POST form: records in the order of the ids, null when missing. */
export function retrieveCollection(
  ctx: SessionContext,
  objectName: string,
  ids: string[],
  fields: string | null,
): RestAnswer {
  if (fields === null || fields.trim() === '') return restError(400, 'MISSING_ARGUMENT', 'fields is required');
  if (ids.length > 2000)
    return restError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot retrieve more than 2000 records');
  const rows = retrieve(ctx, objectName, ids, fields);
  if ('error' in rows) return rows.error;
  const byId = new Map(rows.records.map((r) => [String(r.Id ?? ''), r]));
  return json(ids.map((id) => (isId(id) ? (byId.get(new ApexId(id).value) ?? null) : null)));
}

// ---- shared ----

/** Reads records by Id with the API's query, so fields the user cannot see fail as they would in SOQL. */
function retrieve(
  ctx: SessionContext,
  objectName: string,
  ids: string[],
  fields: string | null,
): { records: JsonRecord[] } | { error: RestAnswer } {
  const object = visibleObject(ctx.org, ctx.userId, objectName);
  if (!object) return { error: notFound() };
  const names = fields === null ? readableFields(ctx, object) : fields.split(',').map((f) => f.trim());
  if (names.some((name) => !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)))
    return { error: restError(400, 'MALFORMED_QUERY', `Invalid fields: ${fields ?? ''}`) };
  if (!names.some((n) => n.toLowerCase() === 'id')) names.unshift('Id');
  const valid = ids.filter(isId).map((id) => `'${id}'`);
  if (valid.length === 0) return { records: [] };
  const soql = `SELECT ${names.join(', ')} FROM ${object.name} WHERE Id IN (${valid.join(', ')})`;
  const outcome = runApiQuery(ctx.org, soql, { userId: ctx.userId, version: ctx.version });
  return 'error' in outcome ? outcome : { records: outcome.records };
}

/** The fields a retrieve returns by default: all the user may read, compound fields aside. */
function readableFields(ctx: SessionContext, object: SchemaObject): string[] {
  return asUser(ctx.org, ctx.userId, () =>
    Object.values(object.fields)
      .filter((f) => !['address', 'location', 'junctionidlist', 'base64'].includes(f.type))
      .filter((f) => ctx.org.rt.access.fieldRights(object, f).read)
      .map((f) => f.name),
  );
}

/** 404 when the Id does not name a live record of the object (ENTITY_IS_DELETED when it is in the recycle bin). */
function absence(ctx: SessionContext, object: SchemaObject, id: string): RestAnswer | undefined {
  const stored = isId(id) ? ctx.org.rt.org.store.byId(new ApexId(id)) : undefined;
  if (!stored || stored.object !== object) return notFound();
  return stored.deleted ? restError(404, 'ENTITY_IS_DELETED', 'entity is deleted') : undefined;
}

function withId(ctx: SessionContext, object: SchemaObject, id: string): SObjectValue {
  const record = ctx.org.rt.newSObject(object);
  record.fields.set('id', new ApexId(id));
  record.populated.add('id');
  return record;
}

/** Builds the record from a request body for the user: unknown or hidden fields throw, unwritable ones fail the record. */
function prepare(
  ctx: SessionContext,
  object: SchemaObject,
  body: unknown,
  operation: Operation,
  id?: string,
): Prepared {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new RequestError('JSON_PARSER_ERROR', 'The request body must be a JSON object');
  const access = ctx.org.rt.access;
  return asUser(ctx.org, ctx.userId, () => {
    const record = ctx.org.rt.newSObject(object);
    if (id !== undefined) {
      if (!isId(id)) return { error: { statusCode: 'MALFORMED_ID', message: `malformed id ${id}`, fields: [] } };
      record.fields.set('id', new ApexId(id));
      record.populated.add('id');
    }
    const rights = access.objectRights(object);
    // Without the object permission the DML refuses the record itself; its fields are not the issue.
    const mayWrite = operation === 'insert' ? rights.create : rights.edit;
    const denied: string[] = [];
    for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'attributes' || (operation === 'update' && key.toLowerCase() === 'id')) continue;
      const field = ctx.org.rt.schema.getField(object.name, key);
      if (!field || !access.fieldRights(object, field).read)
        throw new RequestError('INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`);
      if (typeof raw === 'object' && raw !== null)
        throw new RequestError(
          'LOCAL_ORG_UNSUPPORTED',
          `The local org does not support this yet: a relationship or compound value for ${field.name}`,
          501,
        );
      // An Id in an insert goes to the DML, which refuses it in its own words.
      const idOnInsert = operation === 'insert' && field.name === 'Id';
      if (mayWrite && !idOnInsert && !access.fieldRights(object, field).edit) denied.push(field.name);
      record.fields.set(field.name.toLowerCase(), fieldValue(field, raw));
      record.populated.add(field.name.toLowerCase());
    }
    if (denied.length === 0) return { record };
    const message = `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`;
    return { error: { statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message, fields: denied } };
  });
}

/** One DML call for the prepared records, results in their order; allOrNone fails all when any fails. */
function save(ctx: SessionContext, operation: Operation, prepared: Prepared[], allOrNone: boolean): RecordResult[] {
  const failed = (p: Prepared): RecordResult => ({
    id: null,
    success: false,
    errors: ['error' in p ? p.error : rolledBack()],
  });
  if (allOrNone && prepared.some((p) => 'error' in p)) return prepared.map(failed);
  const records = prepared.flatMap((p) => ('record' in p ? [p.record] : []));
  const saved =
    records.length === 0
      ? []
      : ctx.org.dml(operation, records, { userId: ctx.userId, userMode: true, allOrNone }).results;
  let next = 0;
  return prepared.map((p) => ('record' in p ? (saved[next++] as RecordResult) : failed(p)));
}

/** A SaveResult of sObject Collections: no `id` on a record that was not saved. */
function saveResult(result: RecordResult): unknown {
  const errors = result.errors.map((e) => ({ statusCode: e.statusCode, message: e.message, fields: e.fields }));
  return { ...(result.id ? { id: result.id.value } : {}), success: result.success, errors };
}

/** A single-record failure: 400 with the record's errors (404 for a record deleted meanwhile). */
function recordFailure(result: RecordResult | undefined): RestAnswer {
  const errors = result?.errors ?? [];
  const status = errors.some((e) => e.statusCode === 'ENTITY_IS_DELETED') ? 404 : 400;
  return {
    status,
    body: errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })),
    wrote: true,
  };
}
