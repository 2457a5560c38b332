// User mode: the running user's object permissions and field-level security on queries, DML,
// describes and Security.stripInaccessible (Apex Developer Guide, "Enforce User Mode for Database
// Operations", "Filter SOQL Queries Using WITH SECURITY_ENFORCED", "Enforce Security with the
// stripInaccessible Method"; Apex Reference, "Security Class", "SObjectAccessDecision Class").
// System mode (the default) ignores all of it. Who may do what comes from AccessModel (users.ts).
import type { Schema, SchemaField, SchemaObject } from '../../../../scripts/lib/schema.ts';
import { PlatformError } from '../language/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { PlatformContext } from './context.ts';
import type { Condition, FieldPath, SoqlQuery } from '../language/soql/query.ts';
import { keyOf } from '../interpreter/operators.ts';
import { noSuchColumnMessage, unsupportedObjectMessage } from './soql/execute.ts';
import { ApexList, ApexMap, ApexSet, NativeObject, SObjectValue, type Value } from '../language/values.ts';

/** The message orgs give for a secure query over a field or object the user cannot read. */
export const INACCESSIBLE_QUERY = 'Insufficient permissions: secure query included inaccessible field';

interface FieldUse {
  object: SchemaObject;
  field: SchemaField;
}

/** The object and field each hop of a path reads: `Account.Owner.Name` reads AccountId, then OwnerId … */
function hopsOf(schema: Schema, from: SchemaObject, path: FieldPath, alias?: string): FieldUse[] {
  let parts = path;
  const first = parts[0]?.toLowerCase();
  if (parts.length > 1 && (first === from.name.toLowerCase() || first === alias?.toLowerCase())) parts = parts.slice(1);
  const uses: FieldUse[] = [];
  let object = from;
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const field = last ? schema.getField(object.name, part) : schema.getRelationship(object.name, part);
    if (!field) return uses;
    uses.push({ object, field });
    // A polymorphic lookup's target is known per record; the lookup itself was checked.
    const next = last || field.polymorphic ? undefined : schema.getObject(field.referenceTo[0] ?? '');
    if (!next) return uses;
    object = next;
  }
  return uses;
}

function conditionPaths(condition: Condition | undefined, out: FieldPath[]): FieldPath[] {
  if (!condition) return out;
  if (condition.kind === 'compare') out.push(condition.left.path);
  else if (condition.kind === 'not') conditionPaths(condition.item, out);
  else for (const item of condition.items) conditionPaths(item, out);
  return out;
}

/** `Object.Field` names a user-mode query reads but the running user cannot (every clause, as user mode does). */
export function inaccessibleInQuery(rt: PlatformContext, query: SoqlQuery, from: SchemaObject): string[] {
  if (!rt.access.objectRights(from).read) return [from.name];
  const paths: FieldPath[] = [...query.groupBy, ...query.orderBy.map((o) => o.operand.path)];
  conditionPaths(query.where, paths);
  conditionPaths(query.having, paths);
  const denied = new Set<string>();
  for (const item of query.select) {
    if (item.kind === 'field' || item.kind === 'aggregate') paths.push(item.path);
    if (item.kind !== 'child') continue;
    const child = rt.schema.getChildRelationship(from.name, item.query.from);
    const childObject = child ? rt.schema.getObject(child.childObject) : undefined;
    if (childObject) for (const name of inaccessibleInQuery(rt, item.query, childObject)) denied.add(name);
  }
  for (const path of paths) {
    for (const use of hopsOf(rt.schema, from, path, query.fromAlias)) {
      if (!rt.access.fieldRights(use.object, use.field).read) denied.add(`${use.object.name}.${use.field.name}`);
    }
  }
  return [...denied];
}

/** Refuses a user-mode or SECURITY_ENFORCED query that reads anything the running user cannot. */
export function enforceQueryAccess(rt: PlatformContext, query: SoqlQuery, mode: string | undefined): void {
  if (mode !== 'USER_MODE' && mode !== 'SECURITY_ENFORCED') return;
  const from = rt.schema.getObject(query.from);
  if (!from) return;
  if (inaccessibleInQuery(rt, query, from).length > 0)
    throw new PlatformError('System.QueryException', INACCESSIBLE_QUERY);
}

/**
 * An API query (REST `query`, SOAP `query()`) sees only what the user may read: an object or field
 * hidden from them by object permissions or field-level security does not exist for the API, so the
 * query fails as for an unknown name (SOAP API Developer Guide, "Factors that Affect Data Access":
 * field-level security "can hide fields from the API"; REST API Developer Guide, "Query": INVALID_FIELD).
 */
export function enforceApiVisibility(rt: PlatformContext, query: SoqlQuery): void {
  const from = rt.schema.getObject(query.from);
  if (!from) return; // the engine reports the unknown object itself
  const [hidden] = inaccessibleInQuery(rt, query, from);
  if (hidden === undefined) return;
  const [objectName = '', fieldName] = hidden.split('.');
  throw new PlatformError(
    'System.QueryException',
    fieldName === undefined ? unsupportedObjectMessage(objectName) : noSuchColumnMessage(fieldName, objectName),
  );
}

const DML_RIGHT = { insert: 'create', update: 'edit', delete: 'delete', undelete: 'delete' } as const;

/**
 * Why a user-mode DML of this record is refused, or undefined: the object permission the operation
 * needs, then every field it writes (create or edit access).
 */
export function dmlDenial(
  rt: PlatformContext,
  operation: 'insert' | 'update' | 'delete' | 'undelete',
  record: SObjectValue,
): { statusCode: string; message: string; fields: string[] } | undefined {
  const object = record.object;
  if (!rt.access.objectRights(object)[DML_RIGHT[operation]])
    return {
      statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
      message: 'insufficient access rights on object',
      fields: [],
    };
  if (operation === 'delete' || operation === 'undelete') return undefined;
  const denied = [...record.populated]
    .filter((name) => name !== 'id')
    .map((name) => rt.schema.getField(object.name, name))
    .filter((field): field is SchemaField => !!field && !rt.access.fieldRights(object, field).edit)
    .map((field) => field.name);
  if (denied.length === 0) return undefined;
  return {
    statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
    message: `Operation failed due to fields being inaccessible on Sobject ${object.name}, check errors on Exception or Result!`,
    fields: denied,
  };
}

/** The AccessType names of Security.stripInaccessible and the field right each needs. */
const ACCESS_TYPES: Record<string, 'read' | 'create' | 'edit'> = {
  readable: 'read',
  creatable: 'create',
  updatable: 'edit',
  upsertable: 'edit',
};

function stripInaccessible(rt: PlatformContext, i: Interpreter, accessType: Value, records: Value): Value {
  const type = accessType instanceof NativeObject ? String(accessType.state.name).toLowerCase() : '';
  const right = ACCESS_TYPES[type];
  if (!right) return i.unsupported(`Security.stripInaccessible with AccessType ${type || String(accessType)}`);
  if (!(records instanceof ApexList)) return i.raise('System.NullPointerException', 'Argument cannot be null');
  const kept: Value[] = [];
  const removed = new Map<string, Set<string>>();
  for (const item of records.items) {
    if (!(item instanceof SObjectValue))
      return i.unsupported('Security.stripInaccessible of something other than sObjects');
    const objectRights = rt.access.objectRights(item.object);
    const objectRight =
      right === 'edit' ? objectRights.edit : right === 'create' ? objectRights.create : objectRights.read;
    if (!objectRight) return i.raise('System.NoAccessException', `No access to entity: ${item.object.name}`);
    const copy = new SObjectValue(item.object);
    copy.strict = item.strict;
    for (const [name, value] of item.fields) copy.fields.set(name, value);
    for (const name of item.populated) copy.populated.add(name);
    for (const name of [...item.populated]) {
      const field = rt.schema.getField(item.object.name, name);
      if (!field || name === 'id') continue;
      const rights = rt.access.fieldRights(item.object, field);
      if (right === 'read' ? rights.read : rights.edit) continue;
      copy.fields.delete(name);
      copy.populated.delete(name);
      const names = removed.get(item.object.name) ?? new Set<string>();
      names.add(field.name);
      removed.set(item.object.name, names);
    }
    kept.push(copy);
  }
  return new NativeObject('System.SObjectAccessDecision', {
    records: new ApexList(records.elementType, kept),
    removed,
  });
}

export function registerSecurity(rt: PlatformContext): void {
  rt.natives.register('Security', {
    stripinaccessible: (i, [accessType, records]) => stripInaccessible(rt, i, accessType ?? null, records ?? null),
  });
  const decision = (self: Value) => (self as NativeObject).state;
  rt.natives.registerType('System.SObjectAccessDecision', {
    getrecords: (_i, _a, self) => decision(self).records as Value,
    getremovedfields: (_i, _a, self) => {
      const text = { name: 'String', args: [] };
      const map = new ApexMap(text, { name: 'Set', args: [text] });
      for (const [objectName, fields] of decision(self).removed as Map<string, Set<string>>) {
        const set = new ApexSet(text);
        for (const field of fields) set.entries.set(keyOf(field), field);
        map.entries.set(keyOf(objectName), [objectName, set]);
      }
      return map;
    },
  });
  const accessType = (name: string) => () => new NativeObject('System.AccessType', { name });
  rt.natives.registerProperties('AccessType', {
    readable: accessType('READABLE'),
    creatable: accessType('CREATABLE'),
    updatable: accessType('UPDATABLE'),
    upsertable: accessType('UPSERTABLE'),
  });
}
