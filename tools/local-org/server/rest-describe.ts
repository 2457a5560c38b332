/**
 * REST `describeGlobal` and `sobjects/<Object>/describe` for the session's user (REST API Developer
 * Guide, "Describe Global", "sObject Describe"), read from the runtime's schema and access model —
 * the same answers as Apex's Schema describe: objects the user cannot read are left out, and so are
 * fields they cannot read; createable / updateable / deletable say what the user may do.
 */
import type { SchemaField, SchemaObject } from '../../../scripts/lib/schema.ts';
import type { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import { fieldLabel, fieldLength, isFilterable } from '../../apex-runtime/src/platform/system-classes.ts';
import { isLongText, kindOf } from '../../apex-runtime/src/platform/soql/compare.ts';
import type { ApexId } from '../../apex-runtime/src/language/values.ts';

/** Runs `body` with `userId` as the running user (the access model answers for the running user). */
export function asUser<T>(org: LocalOrg, userId: ApexId, body: () => T): T {
  const previous = org.rt.userId;
  org.rt.userId = userId;
  try {
    return body();
  } finally {
    org.rt.userId = previous;
  }
}

/** The object as the user may see it through the API, or undefined (unknown, or no read access). */
export function visibleObject(org: LocalOrg, userId: ApexId, name: string): SchemaObject | undefined {
  const object = org.rt.schema.getObject(name);
  return object && asUser(org, userId, () => org.rt.access.objectRights(object).read) ? object : undefined;
}

const DATA_KINDS = new Set(['standard', 'custom']);
const MERGEABLE = new Set(['account', 'contact', 'lead', 'case']);

function objectFlags(org: LocalOrg, object: SchemaObject, version: string): Record<string, unknown> {
  const rights = org.rt.access.objectRights(object);
  const data = DATA_KINDS.has(object.kind);
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  const label = object.label ?? object.name;
  return {
    activateable: false,
    createable: rights.create,
    custom: object.kind !== 'standard',
    customSetting: object.kind === 'customSetting',
    deletable: rights.delete,
    deprecatedAndHidden: false,
    feedEnabled: false,
    keyPrefix: org.rt.org.keyPrefix(object),
    label,
    labelPlural: object.pluralLabel ?? label,
    layoutable: data,
    mergeable: MERGEABLE.has(object.name.toLowerCase()) && rights.edit && rights.delete,
    name: object.name,
    queryable: rights.read && object.kind !== 'platformEvent',
    replicateable: data,
    retrieveable: rights.read && object.kind !== 'platformEvent',
    searchable: data && rights.read,
    triggerable: data || object.kind === 'platformEvent',
    undeletable: data && rights.delete,
    updateable: rights.edit,
    urls: { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` },
  };
}

/** `GET /sobjects`: every object the user may read. */
export function describeGlobal(org: LocalOrg, userId: ApexId, version: string): unknown {
  return asUser(org, userId, () => ({
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: org.rt.schema
      .listObjects()
      .filter((object) => org.rt.access.objectRights(object).read)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((object) => objectFlags(org, object, version)),
  }));
}

/** `GET /sobjects/<Object>`: the object's basic information. */
export function describeBasic(org: LocalOrg, userId: ApexId, object: SchemaObject, version: string): unknown {
  return asUser(org, userId, () => ({ objectDescribe: objectFlags(org, object, version), recentItems: [] }));
}

/** `GET /sobjects/<Object>/describe`. */
export function describeObject(org: LocalOrg, userId: ApexId, object: SchemaObject, version: string): unknown {
  return asUser(org, userId, () => ({
    ...objectFlags(org, object, version),
    childRelationships: Object.values(object.childRelationships).map((child) => {
      const field = child.field === undefined ? undefined : org.rt.schema.getField(child.childObject, child.field);
      return {
        cascadeDelete: field?.masterDetail === true,
        childSObject: child.childObject,
        deprecatedAndHidden: false,
        field: child.field ?? null,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: child.name,
        restrictedDelete: false,
      };
    }),
    fields: Object.values(object.fields)
      .filter((field) => org.rt.access.fieldRights(object, field).read)
      .map((field) => describeField(org, object, field)),
    recordTypeInfos: [],
  }));
}

const SOAP_TYPES: Partial<Record<SchemaField['type'], string>> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  junctionidlist: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  long: 'xsd:long',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
  address: 'urn:address',
  location: 'urn:location',
  anytype: 'xsd:anyType',
};
/** Fields the platform fills on every insert. */
const SET_ON_CREATE = new Set([
  'id',
  'ownerid',
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
]);
const TEXT_TYPES = new Set([
  'string',
  'textarea',
  'picklist',
  'multipicklist',
  'email',
  'phone',
  'url',
  'encryptedstring',
]);

function describeField(org: LocalOrg, object: SchemaObject, field: SchemaField): Record<string, unknown> {
  const rights = org.rt.access.fieldRights(object, field);
  const objectRights = org.rt.access.objectRights(object);
  const length = TEXT_TYPES.has(field.type) ? fieldLength(object, field) : 0;
  const filterable = isFilterable(field);
  const unquoted = field.defaultValue?.replace(/^"(.*)"$/, '$1');
  return {
    aggregatable: filterable && field.type !== 'boolean',
    autoNumber: field.autoNumber === true,
    byteLength: field.type === 'id' || field.type === 'reference' ? 18 : length * 3,
    calculated: field.calculated === true && field.autoNumber !== true,
    calculatedFormula: field.formula ?? null,
    cascadeDelete: false,
    createable: rights.edit && objectRights.create,
    custom: field.custom,
    defaultValue: field.type === 'boolean' ? field.defaultValue === 'true' : null,
    defaultValueFormula: field.type === 'boolean' ? null : (field.defaultValue ?? null),
    defaultedOnCreate:
      field.defaultValue !== undefined || field.type === 'boolean' || SET_ON_CREATE.has(field.name.toLowerCase()),
    deprecatedAndHidden: false,
    externalId: field.externalId === true,
    filterable,
    // The SOQL engine's rule, so describe and GROUP BY agree.
    groupable: kindOf(field) !== undefined && !isLongText(field) && field.type !== 'multipicklist',
    idLookup: field.type === 'id' || field.externalId === true,
    inlineHelpText: field.inlineHelpText ?? null,
    label: fieldLabel(field),
    length: field.type === 'id' || field.type === 'reference' ? 18 : length,
    name: field.name,
    nameField: field.name === 'Name',
    namePointing: field.namePointing === true,
    nillable: !field.required && field.type !== 'boolean' && field.type !== 'id',
    picklistValues: (field.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: value === unquoted,
      label: value,
      validFor: null,
      value,
    })),
    polymorphicForeignKey: field.polymorphic === true,
    precision: field.precision ?? 0,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName ?? null,
    relationshipOrder: field.masterDetail ? 0 : null,
    scale: field.scale ?? 0,
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    sortable: filterable,
    type: field.type === 'anytype' ? 'anyType' : field.type,
    unique: field.unique === true,
    updateable: rights.edit && objectRights.edit,
    writeRequiresMasterRead: field.masterDetail === true,
  };
}
