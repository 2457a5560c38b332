/**
 * The Records page's API: the supported objects, a describe for their forms, a paged list (newest
 * first), one record, and create / edit / delete / bulk load. Saves go through `LocalOrg.dml` as the
 * current user, so the package's triggers run exactly as they would for a user's save.
 */
import type { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import type { RecordResult } from '../../apex-runtime/src/platform/dml.ts';
import type { StoredRecord } from '../../apex-runtime/src/platform/store.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexLong,
  SObjectValue,
  type Value,
} from '../../apex-runtime/src/language/values.ts';
import type { SchemaField, SchemaObject } from '../../../scripts/lib/schema.ts';
import { OBJECT_FORMS, type FormField } from './object-forms.ts';

export interface Answer {
  status: number;
  body: { ok: true; value: unknown } | { ok: false; message: string; fieldErrors?: Record<string, string> };
}

export const ok = (value: unknown, status = 200): Answer => ({ status, body: { ok: true, value } });
export const fail = (status: number, message: string, fieldErrors?: Record<string, string>): Answer => ({
  status,
  body: { ok: false, message, ...(fieldErrors ? { fieldErrors } : {}) },
});

/** Fields the platform sets; a form never writes them. */
const SYSTEM_FIELDS = new Set([
  'id',
  'isdeleted',
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
]);
const NAME_FIELDS = ['Name', 'Subject', 'CaseNumber', 'ContractNumber', 'OrderNumber', 'AppointmentNumber'];

export class RecordsApi {
  private readonly org: LocalOrg;

  constructor(org: LocalOrg) {
    this.org = org;
  }

  objects(): Answer {
    return ok(
      Object.entries(OBJECT_FORMS)
        .filter(([name]) => this.org.rt.schema.hasObject(name))
        .map(([name, form]) => ({ name, label: form.label, pluralLabel: form.pluralLabel })),
    );
  }

  describe(objectName: string): Answer {
    const object = this.object(objectName);
    if (!object) return fail(404, `${objectName} is not an object the Records page supports.`);
    const form = OBJECT_FORMS[object.name];
    return ok({
      name: object.name,
      label: form?.label ?? object.name,
      fields: (form?.fields ?? []).map((f) => this.describeField(object, f)),
    });
  }

  list(objectName: string, page: number, pageSize: number): Answer {
    const object = this.object(objectName);
    if (!object) return fail(404, `${objectName} is not an object the Records page supports.`);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200)
      return fail(400, 'page must be 1 or more and pageSize between 1 and 200.');
    const rows = [...this.org.rt.org.store.records(object.name)].filter((r) => !r.deleted).sort(newestFirst);
    const nameField = this.nameField(object);
    const columns = [nameField, ...(OBJECT_FORMS[object.name]?.columns ?? ['CreatedDate'])];
    const slice = rows.slice((page - 1) * pageSize, page * pageSize);
    return ok({
      total: rows.length,
      page,
      pageSize,
      columns,
      columnLabels: Object.fromEntries(columns.map((name) => [name, labelOf(name)])),
      records: slice.map((r) => this.plainRecord(object, r, columns)),
    });
  }

  get(objectName: string, id: string): Answer {
    const object = this.object(objectName);
    const record = object && this.stored(object, id);
    if (!object || !record) return fail(404, `No ${objectName} with Id ${id}.`);
    const names = Object.values(object.fields)
      .filter((f) => !['address', 'location', 'junctionidlist', 'base64'].includes(f.type))
      .map((f) => f.name);
    return ok(this.plainRecord(object, record, names));
  }

  save(objectName: string, input: unknown, userId: ApexId, id?: string): Answer {
    const object = this.object(objectName);
    if (!object) return fail(404, `${objectName} is not an object the Records page supports.`);
    const fields = (input as { fields?: unknown } | undefined)?.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
      return fail(400, 'The body must be {"fields": {"<Field>": value}}.');
    if (id !== undefined && !this.stored(object, id)) return fail(404, `No ${objectName} with Id ${id}.`);
    const built = this.build(object, fields as Record<string, unknown>, id);
    if ('fieldErrors' in built) return fail(400, 'Review the errors on this page.', built.fieldErrors);
    const [result] = this.org.dml(id === undefined ? 'insert' : 'update', [built.record], { userId }).results;
    return result?.success ? ok({ id: result.id?.value }, id === undefined ? 201 : 200) : saveFailure(result);
  }

  remove(objectName: string, id: string, userId: ApexId): Answer {
    const object = this.object(objectName);
    if (!object || !this.stored(object, id)) return fail(404, `No ${objectName} with Id ${id}.`);
    const record = this.org.rt.newSObject(object);
    record.fields.set('id', new ApexId(id));
    const [result] = this.org.dml('delete', [record], { userId }).results;
    return result?.success ? ok({ id }) : saveFailure(result);
  }

  /** Inserts generated records as one Bulk API load (one transaction per 200), as a data loader would. */
  bulk(
    objectName: string,
    input: unknown,
    userId: ApexId,
    generate: (object: string, n: number) => Record<string, unknown>[],
  ): Answer {
    const object = this.object(objectName);
    if (!object) return fail(404, `${objectName} is not an object the Records page supports.`);
    const count = (input as { count?: unknown } | undefined)?.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10_000)
      return fail(400, 'count must be a whole number from 1 to 10000.');
    const rows = generate(object.name, count);
    if (rows.length === 0) return fail(400, `The bulk load cannot generate ${object.name} records.`);
    const records: SObjectValue[] = [];
    for (const row of rows) {
      const built = this.build(object, row);
      if ('fieldErrors' in built) return fail(500, `Generated data is invalid: ${JSON.stringify(built.fieldErrors)}`);
      records.push(built.record);
    }
    const { results, transactions } = this.org.dml('insert', records, { mode: 'bulk', userId });
    const failed = results.filter((r) => !r.success);
    return ok({
      created: results.length - failed.length,
      failed: failed.length,
      transactions: transactions.length,
      firstError: failed[0]?.errors[0]?.message,
    });
  }

  private object(name: string): SchemaObject | undefined {
    const object = this.org.rt.schema.getObject(name);
    return object && OBJECT_FORMS[object.name] ? object : undefined;
  }

  private stored(object: SchemaObject, id: string): StoredRecord | undefined {
    if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) return undefined;
    const record = this.org.rt.org.store.byId(new ApexId(id));
    return record && !record.deleted && record.object === object ? record : undefined;
  }

  private nameField(object: SchemaObject): string {
    return NAME_FIELDS.find((name) => object.fields[name]) ?? 'Id';
  }

  private describeField(object: SchemaObject, form: FormField): Record<string, unknown> {
    const field = object.fields[form.name] as SchemaField | undefined;
    return {
      name: form.name,
      label: labelOf(form.name),
      type: form.type ?? field?.type ?? 'string',
      required: form.required ?? field?.required ?? false,
      createable: true,
      updateable: !['CampaignId', 'LeadId', 'ContactId'].includes(form.name) || object.name !== 'CampaignMember',
      length: field?.length,
      picklistValues: form.picklistValues ?? field?.picklistValues,
      defaultValue: form.defaultValue,
      referenceTo: field?.referenceTo.length ? field.referenceTo : undefined,
    };
  }

  private plainRecord(object: SchemaObject, record: StoredRecord, names: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { Id: record.id.value };
    for (const name of names)
      out[object.fields[name]?.name ?? name] = plain(record.fields.get(name.toLowerCase()) ?? null);
    return out;
  }

  /** Converts the form's JSON by each field's type; what cannot be converted is a field error. */
  private build(
    object: SchemaObject,
    input: Record<string, unknown>,
    id?: string,
  ): { record: SObjectValue } | { fieldErrors: Record<string, string> } {
    const record = this.org.rt.newSObject(object);
    if (id !== undefined) record.fields.set('id', new ApexId(id));
    const errors: Record<string, string> = {};
    const form = new Map((OBJECT_FORMS[object.name]?.fields ?? []).map((f) => [f.name.toLowerCase(), f]));
    for (const [name, raw] of Object.entries(input)) {
      const field = object.fields[Object.keys(object.fields).find((k) => k.toLowerCase() === name.toLowerCase()) ?? ''];
      if (!field || SYSTEM_FIELDS.has(name.toLowerCase()) || field.calculated) {
        errors[name] = field ? `${name} is not writeable.` : `No such field ${name} on ${object.name}.`;
        continue;
      }
      const converted = convert(field, form.get(field.name.toLowerCase())?.type ?? field.type, raw);
      if (typeof converted === 'object' && converted !== null && 'error' in converted)
        errors[field.name] = converted.error;
      else {
        record.fields.set(field.name.toLowerCase(), converted as Value);
        record.populated.add(field.name.toLowerCase());
      }
    }
    // Lightning's record form refuses a save with a required field empty before it reaches the server.
    for (const f of form.values()) {
      const value = record.fields.get(f.name.toLowerCase());
      const missing = value === null || value === undefined || value === '';
      if (f.required && missing && (id === undefined || record.populated.has(f.name.toLowerCase())))
        errors[f.name] = 'Complete this field.';
    }
    return Object.keys(errors).length > 0 ? { fieldErrors: errors } : { record };
  }
}

function newestFirst(a: StoredRecord, b: StoredRecord): number {
  const at = (r: StoredRecord): number => {
    const created = r.fields.get('createddate');
    return created instanceof ApexDatetime ? created.epochMs : 0;
  };
  // Ids of one object grow with each insert (base-62 digits in ASCII order).
  return at(b) - at(a) || (b.id.value > a.id.value ? 1 : b.id.value < a.id.value ? -1 : 0);
}

function saveFailure(result: RecordResult | undefined): Answer {
  const errors = result?.errors ?? [];
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) for (const f of e.fields) fieldErrors[f] = e.message;
  const message = errors.map((e) => e.message).join(' ') || 'The save failed.';
  return fail(400, message, Object.keys(fieldErrors).length > 0 ? fieldErrors : undefined);
}

/** `FirstName` → `First Name`, `AccountId` → `Account`, `Foo__c` → `Foo`. */
export function labelOf(name: string): string {
  return (
    name
      .replace(/__c$/, '')
      .replace(/Id$/, '')
      .replace(/_/g, ' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .trim() || name
  );
}

export function plain(value: Value): unknown {
  if (value instanceof ApexId) return value.value;
  if (value instanceof ApexDecimal || value instanceof ApexDouble || value instanceof ApexLong)
    return Number(value.toString());
  if (value instanceof ApexDate)
    return `${value.year}-${String(value.month).padStart(2, '0')}-${String(value.day).padStart(2, '0')}`;
  if (value instanceof ApexDatetime) return new Date(value.epochMs).toISOString();
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  return String(value);
}

function convert(field: SchemaField, type: string, raw: unknown): Value | { error: string } {
  if (raw === null || raw === '') return type === 'boolean' ? false : null;
  const bad = (what: string): { error: string } => ({ error: `Enter ${what}.` });
  switch (field.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : bad('true or false');
    case 'int':
      return typeof raw === 'number' && Number.isInteger(raw) ? raw : bad('a whole number');
    case 'double':
    case 'currency':
    case 'percent': {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      return /^-?\d+(\.\d+)?$/.test(text) ? ApexDecimal.parse(text) : bad('a number');
    }
    case 'date': {
      const m = typeof raw === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw) : null;
      return m ? new ApexDate(Number(m[1]), Number(m[2]), Number(m[3])) : bad('a date as YYYY-MM-DD');
    }
    case 'datetime': {
      const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
      return Number.isNaN(ms) ? bad('a date and time') : new ApexDatetime(ms);
    }
    case 'reference':
      return typeof raw === 'string' && /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(raw)
        ? new ApexId(raw)
        : bad('a record Id');
    default:
      if (typeof raw !== 'string') return bad('text');
      if (type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) return bad('a valid email address');
      if (field.length && raw.length > field.length) return { error: `Use ${field.length} characters or fewer.` };
      return raw;
  }
}
