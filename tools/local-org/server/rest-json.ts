/**
 * The REST API's JSON: its answers and error bodies, and field values both ways — out as the API
 * writes them (Dates `2026-12-05`, Datetimes `2026-12-05T21:24:24.000+0000`, numbers as numbers), in
 * from a request body by the field's type, with the API's JSON_PARSER_ERROR for what does not fit.
 */
import type { SchemaField } from '../../../scripts/lib/schema.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexLong,
  ApexTime,
  type Value,
} from '../../apex-runtime/src/language/values.ts';

export interface RestAnswer {
  status: number;
  /** Absent for 204. */
  body?: unknown;
  /** The request may have changed the org: the server saves it and runs the async work queued. */
  wrote?: boolean;
  /** A body sent as it is (Apex REST answers with what the method wrote), instead of `body` as JSON. */
  raw?: { text: string; contentType: string };
}

/** One entry of the API's error array. */
export interface RestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export const json = (body: unknown, status = 200): RestAnswer => ({ status, body });

/** The API's error answer: an array of `{ message, errorCode }` (REST API Developer Guide, "Status Codes and Error Responses"). */
export const restError = (status: number, errorCode: string, message: string, fields?: string[]): RestAnswer => ({
  status,
  body: [{ message, errorCode, ...(fields ? { fields } : {}) }],
});

export const notFound = (): RestAnswer => restError(404, 'NOT_FOUND', 'The requested resource does not exist');

/** A request this org cannot answer although a real org would: said plainly, never faked. */
export const unsupportedLocally = (what: string): RestAnswer =>
  restError(501, 'LOCAL_ORG_UNSUPPORTED', `The local org does not support this yet: ${what}`);

/** Thrown while reading a request body; the API answers 400 with it. */
export class RequestError extends Error {
  readonly errorCode: string;
  readonly status: number;

  constructor(errorCode: string, message: string, status = 400) {
    super(message);
    this.errorCode = errorCode;
    this.status = status;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-12-05T21:24:24.000+0000`, in UTC as the API writes it. */
export function apiDatetime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** A stored field value as the API's JSON writes it. */
export function jsonValue(value: Value): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
    return value;
  if (value instanceof ApexId) return value.value;
  if (value instanceof ApexDecimal) return value.toNumber();
  if (value instanceof ApexDouble) return value.value;
  if (value instanceof ApexLong) return Number(value.value);
  if (value instanceof ApexDate) return value.toString();
  if (value instanceof ApexDatetime) return apiDatetime(value.epochMs);
  if (value instanceof ApexTime) {
    const ms = value.millisOfDay;
    return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}Z`;
  }
  return String(value);
}

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

export const isId = (text: string): boolean => ID.test(text);

/** A request body's value for `field`, converted to what the runtime stores; throws the API's JSON_PARSER_ERROR. */
export function fieldValue(field: SchemaField, raw: unknown): Value {
  if (raw === null) return null;
  const refuse = (type: string): never => {
    throw new RequestError(
      'JSON_PARSER_ERROR',
      `Cannot deserialize instance of ${type} from ${tokenOf(raw)} value ${JSON.stringify(raw)} or request may be missing a required field`,
    );
  };
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : undefined;
  switch (field.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      return raw === 'true' || raw === 'false' ? raw === 'true' : refuse('boolean');
    case 'int':
      return text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : refuse('int');
    case 'double':
    case 'currency':
    case 'percent':
      return text !== undefined && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)
        ? ApexDecimal.parse(text)
        : refuse('double');
    case 'date':
      return dateOf(text) ?? refuse('date');
    case 'datetime':
      return datetimeOf(text) ?? refuse('dateTime');
    case 'time':
      return timeOf(text) ?? refuse('time');
    case 'id':
    case 'reference':
      return typeof raw === 'string' && ID.test(raw) ? new ApexId(raw) : refuse('reference');
    default:
      if (typeof raw === 'string') return raw;
      return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : refuse('string');
  }
}

function tokenOf(raw: unknown): string {
  if (typeof raw === 'string') return 'VALUE_STRING';
  if (typeof raw === 'boolean') return raw ? 'VALUE_TRUE' : 'VALUE_FALSE';
  if (typeof raw === 'number') return Number.isInteger(raw) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  return Array.isArray(raw) ? 'START_ARRAY' : 'START_OBJECT';
}

function dateOf(text: string | undefined): ApexDate | undefined {
  const m = text === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return ApexDate.fromEpochDay(date.toEpochDay()).toString() === date.toString() ? date : undefined;
}

/** ISO 8601 with `Z`, `+0000` or `+00:00`; a date alone is midnight UTC. */
function datetimeOf(text: string | undefined): ApexDatetime | undefined {
  if (text === undefined) return undefined;
  const date = dateOf(text);
  if (date) return new ApexDatetime(date.toEpochDay() * 86_400_000);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : new ApexDatetime(ms);
}

function timeOf(text: string | undefined): ApexTime | undefined {
  const m = text === undefined ? null : /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(text);
  if (!m) return undefined;
  const [h, min, s, ms] = [m[1], m[2], m[3] ?? '0', (m[4] ?? '0').padEnd(3, '0')].map(Number) as number[];
  if ((h ?? 24) > 23 || (min ?? 60) > 59 || (s ?? 60) > 59) return undefined;
  return new ApexTime((((h ?? 0) * 60 + (min ?? 0)) * 60 + (s ?? 0)) * 1000 + (ms ?? 0));
}
