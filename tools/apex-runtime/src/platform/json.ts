// System.JSON: serialize / serializePretty (Jackson-style " : " pretty printing), deserializeUntyped
// and deserialize into typed Apex classes, collections and SObjects (Apex Reference, "JSON Class").
import type { ChildRelationship } from '../../../../scripts/lib/schema.ts';
import type { TypeRef } from '../language/ast.ts';
import { lookupClass, type ClassInfo } from '../language/classes.ts';
import { PlatformError } from '../language/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { keyOf } from '../interpreter/operators.ts';
import type { PlatformContext } from './context.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexLong,
  ApexMap,
  ApexObject,
  ApexSet,
  EnumValue,
  NativeObject,
  SObjectValue,
  type Value,
} from '../language/values.ts';

type Json = null | boolean | number | string | JsonNumber | Json[] | { [key: string]: Json };

/** A number kept as its text, so Decimal scale and Long precision survive. */
class JsonNumber {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/**
 * Which null values a serialisation leaves out: none; an Apex object's null fields
 * (`suppressApexObjectNulls`); or those and an sObject's (an Apex REST return value).
 */
type Nulls = 'keep' | 'apexObjects' | 'fields';

const nullsOf = (suppressApexObjectNulls: Value | undefined): Nulls =>
  suppressApexObjectNulls === true ? 'apexObjects' : 'keep';

export function registerJson(rt: PlatformContext): void {
  rt.natives.register('JSON', {
    serialize: (i, [value, suppressNulls]) => render(toJson(i, value ?? null, nullsOf(suppressNulls)), false),
    serializepretty: (i, [value, suppressNulls]) => render(toJson(i, value ?? null, nullsOf(suppressNulls)), true),
    deserializeuntyped: (i, [text]) => untyped(parse(i, String(text))),
    deserialize: (i, [text, type]) => typed(i, parse(i, String(text)), typeOf(i, type ?? null)),
    // "JSON Class", deserializeStrict: every attribute must exist in the type, else JSONException.
    deserializestrict: (i, [text, type]) => typed(i, parse(i, String(text)), typeOf(i, type ?? null), true),
  });
}

function typeOf(i: Interpreter, type: Value): TypeRef {
  if (type instanceof NativeObject && type.typeName === 'System.Type') return type.state.typeRef as TypeRef;
  return i.unsupported('JSON.deserialize without a Type');
}

// ---- Apex value → JSON ----

function toJson(i: Interpreter, v: Value, nulls: Nulls): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return v;
  if (v instanceof ApexLong) return new JsonNumber(v.value.toString());
  if (v instanceof ApexDecimal) return new JsonNumber(v.toString());
  if (v instanceof ApexDouble) return v.value;
  if (v instanceof ApexId) return v.value;
  if (v instanceof ApexDate) return v.toString();
  if (v instanceof ApexDatetime) return new Date(v.epochMs).toISOString();
  if (v instanceof EnumValue) return v.name;
  if (v instanceof ApexList) return v.items.map((item) => toJson(i, item, nulls));
  if (v instanceof ApexSet) return [...v.entries.values()].map((item) => toJson(i, item, nulls));
  if (v instanceof ApexMap) {
    const out: Record<string, Json> = {};
    for (const [k, value] of v.entries.values())
      out[k instanceof ApexId ? k.value : String(k)] = toJson(i, value, nulls);
    return out;
  }
  if (v instanceof SObjectValue) return sobjectJson(i, v, nulls);
  if (v instanceof ApexObject) return objectJson(i, v, nulls);
  return i.unsupported(`JSON.serialize of ${v instanceof NativeObject ? v.typeName : v.constructor.name}`);
}

function sobjectJson(i: Interpreter, record: SObjectValue, nulls: Nulls): Json {
  const id = record.fields.get('id');
  const attributes: Record<string, Json> = { type: record.object.name };
  if (id instanceof ApexId) attributes.url = `/services/data/v65.0/sobjects/${record.object.name}/${id.value}`;
  const out: Record<string, Json> = { attributes };
  for (const [key, value] of record.fields) {
    if (value === null && nulls === 'fields') continue;
    const field = Object.values(record.object.fields).find((f) => f.name.toLowerCase() === key);
    out[field?.name ?? key] = toJson(i, value, nulls);
  }
  return out;
}

function objectJson(i: Interpreter, object: ApexObject, nulls: Nulls): Json {
  const out: Record<string, Json> = {};
  for (const member of instanceMembers(object.cls)) {
    const value = object.fields.get(member.toLowerCase()) ?? null;
    if (value === null && nulls !== 'keep') continue;
    out[member] = toJson(i, value, nulls);
  }
  return out;
}

/** Instance fields and properties in declaration order, ancestors first. */
function instanceMembers(cls: ClassInfo): string[] {
  const own = (cls.decl?.members ?? [])
    .filter(
      (m) =>
        (m.kind === 'field' || m.kind === 'property') && !m.modifiers.has('static') && !m.modifiers.has('transient'),
    )
    .map((m) => (m as { name: string }).name);
  return [...(cls.superclass ? instanceMembers(cls.superclass) : []), ...own];
}

function render(json: Json, pretty: boolean, indent = ''): string {
  if (json instanceof JsonNumber) return json.text;
  if (json === null || typeof json !== 'object') return JSON.stringify(json);
  const inner = `${indent}  `;
  if (Array.isArray(json)) {
    if (json.length === 0) return '[ ]';
    const items = json.map((item) => render(item, pretty, inner));
    return pretty ? `[ ${items.join(', ')} ]` : `[${items.join(',')}]`;
  }
  const entries = Object.entries(json);
  if (!pretty) return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${render(v, false)}`).join(',')}}`;
  if (entries.length === 0) return '{ }';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${render(v, true, inner)}`).join(',\n')}\n${indent}}`;
}

// ---- JSON text → Apex values ----

function parse(i: Interpreter, text: string): Json {
  try {
    // Keep numbers as text so Long and Decimal values are exact.
    const marked = text.replace(
      /("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
      (m, str: string | undefined) => (str ? m : `{"$num":"${m}"}`),
    );
    return revive(JSON.parse(marked) as unknown);
  } catch (error) {
    if (error instanceof SyntaxError) {
      // The message of the text as written: the marked copy's positions are not the caller's.
      const message = syntaxErrorOf(text)?.message ?? error.message;
      throw i.toApexThrow(new PlatformError('System.JSONException', `Malformed JSON: ${message}`));
    }
    throw error;
  }
}

function syntaxErrorOf(text: string): SyntaxError | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof SyntaxError ? error : undefined;
  }
}

function revive(raw: unknown): Json {
  if (raw === null || typeof raw !== 'object') return raw as Json;
  if (Array.isArray(raw)) return raw.map(revive);
  const record = raw as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === '$num') return new JsonNumber(String(record.$num));
  return Object.fromEntries(keys.map((k) => [k, revive(record[k])]));
}

function numberValue(n: JsonNumber): Value {
  if (/^-?\d+$/.test(n.text)) {
    const big = BigInt(n.text);
    return big >= -2147483648n && big <= 2147483647n ? Number(big) : new ApexLong(big);
  }
  return ApexDecimal.parse(n.text);
}

function untyped(json: Json): Value {
  if (json instanceof JsonNumber) return numberValue(json);
  if (json === null || typeof json !== 'object') return json as Value;
  if (Array.isArray(json)) return new ApexList({ name: 'Object', args: [] }, json.map(untyped));
  const map = new ApexMap({ name: 'String', args: [] }, { name: 'Object', args: [] });
  for (const [k, v] of Object.entries(json)) map.entries.set(keyOf(k), [k, untyped(v)]);
  return map;
}

function jsonError(i: Interpreter, message: string): never {
  throw i.toApexThrow(new PlatformError('System.JSONException', message));
}

/** The JSON token kind a value was, as the platform's messages name it. */
function tokenOf(json: Json): string {
  if (json instanceof JsonNumber) return /^-?\d+$/.test(json.text) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
  if (typeof json === 'string') return 'VALUE_STRING';
  if (typeof json === 'boolean') return json ? 'VALUE_TRUE' : 'VALUE_FALSE';
  return Array.isArray(json) ? 'START_ARRAY' : 'START_OBJECT';
}

/** A number or numeric text for a number type, true/false for Boolean; anything else is a JSONException. */
function scalarFor(i: Interpreter, json: Json, type: TypeRef): Value {
  const name = type.name.toLowerCase();
  const numeric =
    json instanceof JsonNumber ||
    (typeof json === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(json.trim()));
  const fits = name === 'boolean' ? typeof json === 'boolean' : name === 'id' ? typeof json === 'string' : numeric;
  if (!fits) {
    const shown = json instanceof JsonNumber ? json.text : typeof json === 'object' ? '' : ` value ${String(json)}`;
    jsonError(i, `Cannot deserialize instance of ${type.name} from ${tokenOf(json)}${shown}`);
  }
  const value = typeof json === 'string' && name !== 'id' ? numberValue(new JsonNumber(json.trim())) : untyped(json);
  return i.coerce(value, type, true);
}

function typed(i: Interpreter, json: Json, type: TypeRef, strict = false): Value {
  if (json === null) return null;
  const name = type.name.toLowerCase();
  if (name === 'object') return untyped(json);
  if (name === 'list' || name === 'set') {
    if (!Array.isArray(json)) jsonError(i, `Malformed JSON: Expected '[' at the beginning of List/Set`);
    const element = type.args[0] ?? { name: 'Object', args: [] };
    const items = json.map((item) => typed(i, item, element, strict));
    if (name === 'list') return new ApexList({ name: element.name, args: [] }, items);
    const set = new ApexSet({ name: element.name, args: [] });
    for (const item of items) set.entries.set(keyOf(item), item);
    return set;
  }
  if (name === 'map') {
    const keyType = type.args[0]?.name.toLowerCase() ?? 'string';
    // JSON keys are text: a key type they would have to be converted to is not modelled.
    if (keyType !== 'string' && keyType !== 'object') return i.unsupported(`JSON.deserialize into ${typeText(type)}`);
    if (!isJsonObject(json)) jsonError(i, `Malformed JSON: Expected '{' at the beginning of Map`);
    const valueType = type.args[1] ?? { name: 'Object', args: [] };
    const map = new ApexMap({ name: 'String', args: [] }, { name: valueType.name, args: [] });
    for (const [k, v] of Object.entries(json as Record<string, Json>))
      map.entries.set(keyOf(k), [k, typed(i, v, valueType, strict)]);
    return map;
  }
  const scalar = untyped(json);
  switch (name) {
    case 'string':
      // A number or a boolean reads as its text; an object or an array is no String.
      if (typeof json === 'object' && !(json instanceof JsonNumber))
        jsonError(i, `Cannot deserialize instance of String from ${tokenOf(json)}`);
      return typeof scalar === 'string' ? scalar : String(json instanceof JsonNumber ? json.text : scalar);
    case 'integer':
    case 'long':
    case 'decimal':
    case 'double':
    case 'id':
    case 'boolean':
      return scalarFor(i, json, type);
    case 'date':
    case 'datetime':
      if (typeof scalar !== 'string') {
        if (typeof json === 'object' && !(json instanceof JsonNumber))
          jsonError(i, `Cannot deserialize instance of ${type.name} from ${tokenOf(json)}`);
        // A number or boolean as a date: what the platform makes of it is not documented.
        return i.unsupported(`JSON.deserialize of ${tokenOf(json)} into ${type.name}`);
      }
      if (name === 'date') return parseDate(i, scalar);
      // A malformed value is the caller's JSONException, never a Datetime that is not a time.
      if (Number.isNaN(Date.parse(scalar))) jsonError(i, `Cannot deserialize '${scalar}' as a Datetime`);
      return new ApexDatetime(Date.parse(scalar));
  }
  const object = i.rt.schema.getObject(type.name);
  if (object) {
    if (typeof json !== 'object' || Array.isArray(json) || json instanceof JsonNumber)
      jsonError(i, `Cannot deserialize instance of ${object.name} from ${tokenOf(json)}`);
    const record = i.rt.newSObject(object);
    for (const [k, v] of Object.entries(json)) {
      if (k === 'attributes') continue;
      const children = i.rt.schema.getChildRelationship(object.name, k);
      if (children) {
        setChildren(i, record, children, v, strict);
        continue;
      }
      // Field values take the field's type: "2020-01-01T00:00:00.000+0000" becomes a Datetime.
      const field = i.rt.schema.getField(object.name, k);
      // Even without deserializeStrict, an attribute the sObject has no field for is refused.
      if (!field && !i.rt.schema.getRelationship(object.name, k))
        jsonError(i, `No such column '${k}' on sobject of type ${object.name}`);
      const apexType = field ? FIELD_APEX_TYPES[field.type] : undefined;
      i.rt.setField(record, k, apexType ? typed(i, v, { name: apexType, args: [] }) : untyped(v));
    }
    return record;
  }
  const cls = lookupClass(i.rt.classes, type.name, i.rt.currentClass());
  if (!cls?.decl) return i.unsupported(`JSON.deserialize into ${type.name}`);
  if (cls.isEnum) {
    if (typeof scalar !== 'string')
      jsonError(i, `Cannot deserialize instance of ${cls.displayName} from ${tokenOf(json)}`);
    return i.enumValue(cls, scalar);
  }
  // An Apex object is read from a JSON object only; [1] or 5 is no Payload.
  if (!isJsonObject(json)) jsonError(i, `Malformed JSON: Expected '{' at the beginning of object`);
  const instance = i.instantiate(cls, [], 0);
  for (const [k, v] of Object.entries(json as Record<string, Json>)) {
    const member = (cls.decl.members.find(
      (m) => (m.kind === 'field' || m.kind === 'property') && m.name.toLowerCase() === k.toLowerCase(),
    ) ?? null) as { type: TypeRef; name: string } | null;
    if (!member) {
      if (strict) jsonError(i, `Unknown field: ${cls.displayName}.${k}`);
      continue;
    }
    i.setInstanceField(instance, member.name, typed(i, v, member.type, strict));
  }
  return instance;
}

/** Schema field types whose JSON text is not already the Apex value. */
const FIELD_APEX_TYPES: Partial<Record<string, string>> = {
  date: 'Date',
  datetime: 'Datetime',
  double: 'Decimal',
  currency: 'Decimal',
  percent: 'Decimal',
  int: 'Integer',
  long: 'Long',
};

function parseDate(i: Interpreter, text: string): ApexDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const [y, m, d] = (match?.slice(1) ?? []).map(Number) as [number, number, number];
  // Never a Date that is no day of the calendar ("2024-13-45", "soon").
  if (!match || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate())
    jsonError(i, `Cannot deserialize '${text}' as a Date`);
  return new ApexDate(y, m, d);
}

function isJsonObject(json: Json): json is { [key: string]: Json } {
  return json !== null && typeof json === 'object' && !Array.isArray(json) && !(json instanceof JsonNumber);
}

function typeText(type: TypeRef): string {
  return type.args.length === 0 ? type.name : `${type.name}<${type.args.map(typeText).join(',')}>`;
}

/** Apex value → JSON text, as the platform serialises an @AuraEnabled return value. */
export function serializeValue(i: Interpreter, value: Value): string {
  return render(toJson(i, value, 'keep'), false);
}

/**
 * An Apex REST method's return value: Apex Reference, "RestResponse Class" (responseBody): "If the
 * return value contains fields with null value, those fields are not serialized in the response."
 */
export function serializeRestValue(i: Interpreter, value: Value): string {
  return render(toJson(i, value, 'fields'), false);
}

/** JSON text → an Apex value of the declared type, as the platform deserialises @AuraEnabled parameters. */
export function deserializeAs(i: Interpreter, text: string, type: TypeRef): Value {
  return typed(i, parse(i, text), type);
}

/**
 * A JSON object's members bound to parameters of the same names (an Apex REST request body: Apex
 * Developer Guide, "Apex REST Methods"). A body that is no JSON object, a member no parameter is
 * named, or a value the parameter's type cannot take is a JSONException for the caller to refuse.
 */
export function bindNamedParameters(i: Interpreter, text: string, params: { name: string; type: TypeRef }[]): Value[] {
  const json = parse(i, text);
  if (json === null || typeof json !== 'object' || Array.isArray(json) || json instanceof JsonNumber)
    jsonError(i, `Expected a JSON object naming the parameters, got ${json === null ? 'null' : tokenOf(json)}`);
  const members = json as Record<string, Json>;
  for (const key of Object.keys(members))
    if (!params.some((p) => p.name === key)) jsonError(i, `No parameter is named ${key}`);
  return params.map((p) => (Object.hasOwn(members, p.name) ? typed(i, members[p.name] as Json, p.type) : null));
}

/**
 * A child relationship as the REST API writes it (`"Contacts": { "records": [ ... ] }`) becomes the
 * record's child list, as a SOQL subquery's would (JSON Class: sObjects with related lists).
 */
function setChildren(
  i: Interpreter,
  record: SObjectValue,
  relationship: ChildRelationship,
  json: Json,
  strict: boolean,
): void {
  const child = i.rt.schema.getObject(relationship.childObject);
  if (!child) return i.unsupported(`JSON child relationship ${relationship.name}`);
  const records =
    json !== null && typeof json === 'object' && !Array.isArray(json) && !(json instanceof JsonNumber)
      ? json.records
      : undefined;
  if (json !== null && !Array.isArray(records))
    jsonError(i, `Cannot deserialize ${relationship.name}: expected an object with a records array`);
  const rows = ((records ?? []) as Json[]).map((row) => typed(i, row, { name: child.name, args: [] }, strict));
  const key = relationship.name.toLowerCase();
  record.fields.set(key, json === null ? null : new ApexList({ name: child.name, args: [] }, rows));
  record.populated.add(key);
}
