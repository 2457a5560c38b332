// The org schema, offline: standard objects generated from the apex-ls SObject jar
// (scripts/schema/standard-objects.json) merged with the project's own object metadata.
// Shared by the SOQL field gate and the local Apex runtime, so it models more than the gate needs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { listFiles } from './files.ts';
import { readProject } from './project.ts';

/** Field types, named as in a Salesforce describe (coarser for standard fields: the jar only knows the Apex type). */
export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'email'
  | 'phone'
  | 'url'
  | 'encryptedstring'
  | 'boolean'
  | 'int'
  | 'long'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'base64'
  | 'address'
  | 'location'
  | 'junctionidlist'
  | 'anytype';

export interface SchemaField {
  /** API name as Salesforce spells it. */
  name: string;
  type: FieldType;
  length?: number;
  precision?: number;
  scale?: number;
  /** Known only for project fields; standard fields from the jar say false. */
  required: boolean;
  custom: boolean;
  /** Parent objects of a lookup; several for a polymorphic lookup, empty when unknown. */
  referenceTo: string[];
  /** Name used to traverse to the parent (`Account`, `Parent__r`). */
  relationshipName?: string;
  /** The lookup accepts several parent types (WhoId, WhatId, OwnerId on queue-ownable objects). */
  polymorphic?: boolean;
  /** Polymorphic lookup whose traversal exposes the `Name` object's fields (`What.Name`, `Owner.Email`). */
  namePointing?: boolean;
  masterDetail?: boolean;
  /** A custom lookup's `<deleteConstraint>`: what deleting the record it points at does (absent: SetNull). */
  deleteConstraint?: 'SetNull' | 'Restrict' | 'Cascade';
  /** Formula or roll-up summary: read-only. */
  calculated?: boolean;
  formula?: string;
  externalId?: boolean;
  /** An Auto Number field: the platform sets it once, no one can change it. */
  autoNumber?: boolean;
  /** An auto-number's Display Format, e.g. `LOG-{0000000000}`. */
  displayFormat?: string;
  unique?: boolean;
  defaultValue?: string;
  /** The field's help text (`<inlineHelpText>`); project fields only. */
  inlineHelpText?: string;
  /** The field's label (`<label>`); project fields only (standard fields' are derived from the name). */
  label?: string;
  picklistValues?: string[];
  /** Defined by the project's metadata, not by the platform. */
  fromProject?: boolean;
}

export interface ChildRelationship {
  /** Name used in a SOQL subquery (`Contacts`, `Event_Logs__r`). */
  name: string;
  childObject: string;
  /** Lookup field on the child; absent when the jar does not say which of several it is. */
  field?: string;
}

export type ObjectKind =
  'standard' | 'custom' | 'customSetting' | 'customMetadata' | 'platformEvent' | 'external' | 'bigObject';

export interface SchemaObject {
  name: string;
  kind: ObjectKind;
  label?: string;
  /** `<pluralLabel>`; project objects only. */
  pluralLabel?: string;
  customSettingsType?: 'Hierarchy' | 'List';
  /** Platform events: whether a publish survives a rollback (PublishImmediately) or waits for the commit. */
  publishBehavior?: 'PublishImmediately' | 'PublishAfterCommit';
  fields: Record<string, SchemaField>;
  childRelationships: Record<string, ChildRelationship>;
  /** Names of fields the project's metadata defines on this object. */
  projectFields: string[];
}

/** A field as stored in the generated JSON: defaults (false, []) are left out to keep the file small. */
export type StoredField = Omit<Partial<SchemaField>, 'name'> & { type: FieldType };

export interface StoredObject {
  fields: Record<string, StoredField>;
  childRelationships: Record<string, Omit<ChildRelationship, 'name'>>;
}

/** Shape of scripts/schema/standard-objects.json. */
export interface StandardObjectsFile {
  apiVersion: string;
  source: string;
  objects: Record<string, StoredObject>;
  /** Every other standard object the jar knows, without fields: valid in FROM, not checkable. */
  otherObjectNames: string[];
}

export const STANDARD_OBJECTS_JSON = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'schema',
  'standard-objects.json',
);

interface ObjectIndex {
  fields: Map<string, SchemaField>;
  relationships: Map<string, SchemaField>;
  children: Map<string, ChildRelationship>;
}

const key = (name: string): string => name.toLowerCase();

/** Case-insensitive view of the objects, like Apex and SOQL see them. */
export class Schema {
  private readonly objects = new Map<string, SchemaObject>();
  private readonly indexes = new Map<string, ObjectIndex>();
  private readonly otherNames = new Map<string, string>();

  /** Objects that exist but whose fields are unknown (checks must stay silent about them). */
  addObjectName(name: string): void {
    if (!this.objects.has(key(name))) this.otherNames.set(key(name), name);
  }

  addObject(object: SchemaObject): SchemaObject {
    this.objects.set(key(object.name), object);
    this.otherNames.delete(key(object.name));
    this.indexes.set(key(object.name), { fields: new Map(), relationships: new Map(), children: new Map() });
    for (const field of Object.values(object.fields)) this.indexField(object, field);
    for (const child of Object.values(object.childRelationships)) this.indexChild(object, child);
    return object;
  }

  addField(objectName: string, field: SchemaField): void {
    const object = this.requireObject(objectName);
    object.fields[field.name] = field;
    this.indexField(object, field);
  }

  addChildRelationship(objectName: string, child: ChildRelationship): void {
    const object = this.requireObject(objectName);
    object.childRelationships[child.name] = child;
    this.indexChild(object, child);
  }

  listObjects(): SchemaObject[] {
    return [...this.objects.values()];
  }

  getObject(name: string): SchemaObject | undefined {
    return this.objects.get(key(name));
  }

  /** True for every object Salesforce would accept in FROM, including those without field data. */
  hasObject(name: string): boolean {
    return this.objects.has(key(name)) || this.otherNames.has(key(name));
  }

  getField(objectName: string, fieldName: string): SchemaField | undefined {
    return this.indexes.get(key(objectName))?.fields.get(key(fieldName));
  }

  /** The lookup field behind a relationship name (`Account` → AccountId, `Sync__r` → Sync__c). */
  getRelationship(objectName: string, relationshipName: string): SchemaField | undefined {
    return this.indexes.get(key(objectName))?.relationships.get(key(relationshipName));
  }

  getChildRelationship(objectName: string, name: string): ChildRelationship | undefined {
    return this.indexes.get(key(objectName))?.children.get(key(name));
  }

  /** A standard object the project adds fields to: apex-ls stops checking its fields, we don't. */
  isExtended(objectName: string): boolean {
    const object = this.getObject(objectName);
    return object?.kind === 'standard' && object.projectFields.length > 0;
  }

  private requireObject(name: string): SchemaObject {
    const object = this.getObject(name);
    if (!object) throw new Error(`Unknown object ${name}`);
    return object;
  }

  private indexField(object: SchemaObject, field: SchemaField): void {
    const index = this.indexes.get(key(object.name));
    if (!index) return;
    index.fields.set(key(field.name), field);
    if (field.relationshipName) index.relationships.set(key(field.relationshipName), field);
  }

  private indexChild(object: SchemaObject, child: ChildRelationship): void {
    this.indexes.get(key(object.name))?.children.set(key(child.name), child);
  }
}

/** The Apex type a field's value has at run time. */
export function apexTypeOf(field: SchemaField): string {
  return APEX_TYPES[field.type];
}

const APEX_TYPES: Record<FieldType, string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  picklist: 'String',
  multipicklist: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  encryptedstring: 'String',
  boolean: 'Boolean',
  int: 'Integer',
  long: 'Long',
  double: 'Decimal',
  currency: 'Decimal',
  percent: 'Decimal',
  date: 'Date',
  datetime: 'Datetime',
  time: 'Time',
  base64: 'Blob',
  address: 'Address',
  location: 'Location',
  junctionidlist: 'List<Id>',
  anytype: 'Object',
};

// ---------------------------------------------------------------------------------------------
// Loading

/** Standard objects from the generated JSON plus every object and field in the project's package directories. */
export function loadSchema(root: string): Schema {
  const schema = loadStandardObjects();
  const sources = readProject(root)
    .packageDirs.filter((dir) => existsSync(dir))
    .flatMap(listObjectSources);
  const links: ChildLink[] = [];
  for (const [name, files] of groupByObject(sources)) links.push(...mergeObject(schema, name, files));
  for (const link of links) addChildLink(schema, link);
  for (const object of schema.listObjects()) {
    if (object.kind === 'custom') registerDerivedObjects(schema, object);
  }
  return schema;
}

let standardCache: StandardObjectsFile | undefined;

function loadStandardObjects(): Schema {
  standardCache ??= JSON.parse(readFileSync(STANDARD_OBJECTS_JSON, 'utf8')) as StandardObjectsFile;
  const schema = new Schema();
  for (const name of standardCache.otherObjectNames) schema.addObjectName(name);
  for (const [name, stored] of Object.entries(standardCache.objects)) schema.addObject(fromStored(name, stored));
  return schema;
}

/** Fresh objects on every load: a caller (the runtime) may add fields without touching the cache. */
function fromStored(name: string, stored: StoredObject): SchemaObject {
  const fields: Record<string, SchemaField> = {};
  for (const [fieldName, field] of Object.entries(stored.fields)) {
    fields[fieldName] = {
      required: false,
      custom: false,
      ...field,
      referenceTo: [...(field.referenceTo ?? [])],
      name: fieldName,
    };
  }
  const childRelationships: Record<string, ChildRelationship> = {};
  for (const [childName, child] of Object.entries(stored.childRelationships)) {
    childRelationships[childName] = { ...child, name: childName };
  }
  return { name, kind: 'standard', fields, childRelationships, projectFields: [] };
}

interface ObjectSources {
  objectFile?: string;
  fieldFiles: string[];
  hasRecordTypes: boolean;
}

interface SourceFile {
  object: string;
  file: string;
  role: 'object' | 'field' | 'recordType';
}

/** `…/objects/<Object>/<Object>.object-meta.xml`, `…/fields/*.field-meta.xml`, `…/recordTypes/*`, at any depth. */
function listObjectSources(packageDir: string): SourceFile[] {
  const accept = (name: string): boolean => /\.(object|field|recordType)-meta\.xml$/.test(name);
  const out: SourceFile[] = [];
  for (const file of listFiles(packageDir, accept)) {
    const parts = file.split(path.sep);
    const rest = parts.slice(parts.lastIndexOf('objects') + 1);
    if (rest.length === parts.length) continue;
    const [object, folder] = rest;
    if (rest.length === 2 && folder === `${object}.object-meta.xml`) out.push({ object, file, role: 'object' });
    if (rest.length === 3 && folder === 'fields') out.push({ object, file, role: 'field' });
    if (rest.length === 3 && folder === 'recordTypes') out.push({ object, file, role: 'recordType' });
  }
  return out;
}

/** One object may be spread over several package directories and feature folders. */
function groupByObject(sources: SourceFile[]): Map<string, ObjectSources> {
  const byObject = new Map<string, ObjectSources>();
  for (const source of sources) {
    const entry = byObject.get(source.object) ?? { fieldFiles: [], hasRecordTypes: false };
    if (source.role === 'object') entry.objectFile = source.file;
    if (source.role === 'field') entry.fieldFiles.push(source.file);
    if (source.role === 'recordType') entry.hasRecordTypes = true;
    byObject.set(source.object, entry);
  }
  return byObject;
}

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (tag) => tag === 'value' || tag === 'referenceTo',
});

type XmlNode = Record<string, unknown>;

function readXml(file: string, rootTag: string): XmlNode {
  const parsed = xml.parse(readFileSync(file, 'utf8')) as XmlNode;
  return asNode(parsed[rootTag]);
}

function asNode(value: unknown): XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : {};
}

function text(node: XmlNode, tag: string): string | undefined {
  const value = node[tag];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(node: XmlNode, tag: string): number | undefined {
  const value = text(node, tag);
  return value === undefined ? undefined : Number(value);
}

/** A project lookup waiting for its parent's child relationship, added once every object exists. */
interface ChildLink {
  parents: string[];
  child: ChildRelationship;
}

function mergeObject(schema: Schema, name: string, sources: ObjectSources): ChildLink[] {
  const meta = sources.objectFile ? readXml(sources.objectFile, 'CustomObject') : {};
  const parsed = sources.fieldFiles.map(parseFieldFile);
  let object = schema.getObject(name);
  if (!object) {
    const kind = objectKind(name, meta);
    if (!kind) return []; // a standard object outside the generated list: no field data to extend
    const isDetail = parsed.some(({ field }) => field.masterDetail);
    object = schema.addObject(newProjectObject(name, kind, meta, { isDetail, hasRecordTypes: sources.hasRecordTypes }));
  }
  const links: ChildLink[] = [];
  for (const { field, childName } of parsed) {
    const existing = schema.getField(object.name, field.name);
    schema.addField(object.name, existing ? overrideStandardField(existing, field) : field);
    object.projectFields.push(field.name);
    for (const part of geolocationParts(field)) schema.addField(object.name, part);
    if (childName)
      links.push({
        parents: field.referenceTo,
        child: { name: childName, childObject: object.name, field: field.name },
      });
  }
  object.projectFields.sort();
  return links;
}

/** A custom geolocation field `Where__c` also reads as `Where__Latitude__s` and `Where__Longitude__s`. */
function geolocationParts(field: SchemaField): SchemaField[] {
  if (field.type !== 'location' || !field.custom) return [];
  const base = field.name.slice(0, -'__c'.length);
  return ['Latitude', 'Longitude'].map((part) => ({
    name: `${base}__${part}__s`,
    type: 'double',
    required: false,
    custom: true,
    referenceTo: [],
    fromProject: true,
  }));
}

/** A standard field's file in the project (picklist values, history tracking) changes no type. */
function overrideStandardField(existing: SchemaField, field: SchemaField): SchemaField {
  const merged: SchemaField = { ...existing, fromProject: true };
  if (field.picklistValues) merged.picklistValues = field.picklistValues;
  return merged;
}

function addChildLink(schema: Schema, link: ChildLink): void {
  for (const parent of link.parents) {
    if (schema.getObject(parent)) schema.addChildRelationship(parent, { ...link.child });
  }
}

function objectKind(name: string, meta: XmlNode): ObjectKind | undefined {
  if (name.endsWith('__mdt')) return 'customMetadata';
  if (name.endsWith('__e')) return 'platformEvent';
  if (name.endsWith('__x')) return 'external';
  if (name.endsWith('__b')) return 'bigObject';
  if (!name.endsWith('__c')) return undefined;
  return text(meta, 'customSettingsType') ? 'customSetting' : 'custom';
}

/** History, share, feed and change-event objects exist beside a custom object: valid in FROM, fields unknown. */
function registerDerivedObjects(schema: Schema, object: SchemaObject): void {
  const base = object.name.slice(0, -'__c'.length);
  for (const suffix of ['__History', '__Share', '__Feed', '__ChangeEvent']) schema.addObjectName(base + suffix);
  if (!object.childRelationships.Tasks) return;
  for (const activity of ['Task', 'Event']) {
    const what = schema.getField(activity, 'WhatId');
    if (what && !what.referenceTo.includes(object.name)) what.referenceTo = [...what.referenceTo, object.name].sort();
  }
}

// ---------------------------------------------------------------------------------------------
// Project fields

const FIELD_TYPES: Record<string, FieldType> = {
  AutoNumber: 'string',
  Checkbox: 'boolean',
  Currency: 'currency',
  Date: 'date',
  DateTime: 'datetime',
  Email: 'email',
  EncryptedText: 'encryptedstring',
  ExternalLookup: 'reference',
  Hierarchy: 'reference',
  Html: 'textarea',
  IndirectLookup: 'reference',
  Location: 'location',
  Lookup: 'reference',
  LongTextArea: 'textarea',
  MasterDetail: 'reference',
  MetadataRelationship: 'reference',
  MultiselectPicklist: 'multipicklist',
  Number: 'double',
  Percent: 'percent',
  Phone: 'phone',
  Picklist: 'picklist',
  Summary: 'double',
  Text: 'string',
  TextArea: 'textarea',
  Time: 'time',
  Url: 'url',
};

/** Lengths the platform fixes for types whose metadata carries none. */
const DEFAULT_LENGTHS: Partial<Record<string, number>> = {
  Email: 80,
  Phone: 40,
  Url: 255,
  TextArea: 255,
  Picklist: 255,
  MultiselectPicklist: 4099,
};

interface ParsedField {
  field: SchemaField;
  /** `<relationshipName>__r`, the subquery name on the parent, for custom lookups. */
  childName?: string;
}

function parseFieldFile(file: string): ParsedField {
  const node = readXml(file, 'CustomField');
  const name = text(node, 'fullName') ?? path.basename(file).replace(/\.field-meta\.xml$/, '');
  const xmlType = text(node, 'type') ?? 'Text';
  const field: SchemaField = {
    name,
    type: FIELD_TYPES[xmlType] ?? 'string',
    required: text(node, 'required') === 'true' || xmlType === 'MasterDetail',
    custom: name.endsWith('__c'),
    referenceTo: xmlType === 'Hierarchy' ? ['User'] : strings(node.referenceTo),
    fromProject: true,
  };
  assignDefined(field, {
    length: num(node, 'length') ?? DEFAULT_LENGTHS[xmlType],
    precision: num(node, 'precision'),
    scale: num(node, 'scale'),
    formula: text(node, 'formula'),
    defaultValue: text(node, 'defaultValue'),
    inlineHelpText: text(node, 'inlineHelpText'),
    label: text(node, 'label'),
    picklistValues: picklistValues(node),
    calculated: text(node, 'formula') !== undefined || xmlType === 'Summary' || xmlType === 'AutoNumber' || undefined,
    externalId: text(node, 'externalId') === 'true' || undefined,
    autoNumber: xmlType === 'AutoNumber' || undefined,
    displayFormat: xmlType === 'AutoNumber' ? text(node, 'displayFormat') : undefined,
    unique: text(node, 'unique') === 'true' || undefined,
    masterDetail: xmlType === 'MasterDetail' || undefined,
    deleteConstraint: deleteConstraint(text(node, 'deleteConstraint')),
  });
  if (field.type !== 'reference' || !field.custom) return { field };
  field.relationshipName = `${name.slice(0, -'__c'.length)}__r`;
  const relationshipName = text(node, 'relationshipName');
  return { field, childName: relationshipName ? `${relationshipName}__r` : undefined };
}

function deleteConstraint(value: string | undefined): SchemaField['deleteConstraint'] {
  return value === 'SetNull' || value === 'Restrict' || value === 'Cascade' ? value : undefined;
}

function assignDefined(field: SchemaField, values: Partial<SchemaField>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) Object.assign(field, { [name]: value });
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function picklistValues(node: XmlNode): string[] | undefined {
  const values = asNode(asNode(node.valueSet).valueSetDefinition).value;
  if (!Array.isArray(values)) return undefined;
  return values.map((value) => text(asNode(value), 'fullName') ?? '').filter((value) => value !== '');
}

// ---------------------------------------------------------------------------------------------
// Project objects and the fields the platform adds to them

interface ObjectOptions {
  isDetail: boolean;
  hasRecordTypes: boolean;
}

function newProjectObject(name: string, kind: ObjectKind, meta: XmlNode, options: ObjectOptions): SchemaObject {
  const object: SchemaObject = { name, kind, fields: {}, childRelationships: {}, projectFields: [] };
  const label = text(meta, 'label');
  if (label) object.label = label;
  const pluralLabel = text(meta, 'pluralLabel');
  if (pluralLabel) object.pluralLabel = pluralLabel;
  const settingsType = text(meta, 'customSettingsType');
  if (settingsType === 'Hierarchy' || settingsType === 'List') object.customSettingsType = settingsType;
  const publishBehavior = text(meta, 'publishBehavior');
  if (publishBehavior === 'PublishImmediately' || publishBehavior === 'PublishAfterCommit')
    object.publishBehavior = publishBehavior;
  for (const spec of systemFieldSpecs(object, meta, options)) {
    const field = systemField(spec);
    object.fields[field.name] = field;
  }
  if (object.fields.Name) object.fields.Name.length = kind === 'customSetting' ? 38 : 80;
  if (child(meta, 'nameField', 'type') === 'AutoNumber') {
    object.fields.Name.calculated = true;
    object.fields.Name.autoNumber = true;
    const displayFormat = child(meta, 'nameField', 'displayFormat');
    if (displayFormat) object.fields.Name.displayFormat = displayFormat;
  }
  if (kind === 'custom') addPlatformChildren(object, meta);
  return object;
}

function child(node: XmlNode, tag: string, leaf: string): string | undefined {
  return text(asNode(node[tag]), leaf);
}

type FieldSpec = [name: string, type: FieldType, referenceTo?: string[], relationshipName?: string];

function systemField([name, type, referenceTo = [], relationshipName]: FieldSpec): SchemaField {
  const field: SchemaField = { name, type, required: false, custom: false, referenceTo: [...referenceTo] };
  if (relationshipName) field.relationshipName = relationshipName;
  if (referenceTo.length > 1) Object.assign(field, { polymorphic: true, namePointing: true });
  return field;
}

const AUDIT_FIELDS: FieldSpec[] = [
  ['Id', 'id'],
  ['CreatedDate', 'datetime'],
  ['CreatedById', 'reference', ['User'], 'CreatedBy'],
  ['LastModifiedDate', 'datetime'],
  ['LastModifiedById', 'reference', ['User'], 'LastModifiedBy'],
  ['SystemModstamp', 'datetime'],
  ['IsDeleted', 'boolean'],
];

const METADATA_TYPE_FIELDS: FieldSpec[] = [
  ['Id', 'id'],
  ['DeveloperName', 'string'],
  ['MasterLabel', 'string'],
  ['Label', 'string'],
  ['Language', 'picklist'],
  ['NamespacePrefix', 'string'],
  ['QualifiedApiName', 'string'],
  ['SystemModstamp', 'datetime'],
];

const PLATFORM_EVENT_FIELDS: FieldSpec[] = [
  ['ReplayId', 'string'],
  ['EventUuid', 'string'],
  ['CreatedDate', 'datetime'],
  ['CreatedById', 'reference', ['User'], 'CreatedBy'],
];

/** Fields the platform gives every object of a kind, so code may read them without any metadata file. */
function systemFieldSpecs(object: SchemaObject, meta: XmlNode, options: ObjectOptions): FieldSpec[] {
  switch (object.kind) {
    case 'customMetadata':
      return METADATA_TYPE_FIELDS;
    case 'platformEvent':
      return PLATFORM_EVENT_FIELDS;
    case 'customSetting':
      return object.customSettingsType === 'Hierarchy'
        ? [
            ...AUDIT_FIELDS,
            ['Name', 'string'],
            ['SetupOwnerId', 'reference', ['Organization', 'Profile', 'User'], 'SetupOwner'],
          ]
        : [...AUDIT_FIELDS, ['Name', 'string']];
    case 'custom':
      return customObjectFieldSpecs(meta, options);
    default:
      return [['Id', 'id']];
  }
}

function customObjectFieldSpecs(meta: XmlNode, options: ObjectOptions): FieldSpec[] {
  const specs: FieldSpec[] = [
    ...AUDIT_FIELDS,
    ['Name', 'string'],
    ['LastViewedDate', 'datetime'],
    ['LastReferencedDate', 'datetime'],
  ];
  if (!options.isDetail) specs.push(['OwnerId', 'reference', ['Group', 'User'], 'Owner']);
  if (text(meta, 'enableActivities') === 'true') specs.push(['LastActivityDate', 'date']);
  if (options.hasRecordTypes) specs.push(['RecordTypeId', 'reference', ['RecordType'], 'RecordType']);
  return specs;
}

/** Child relationships the platform gives custom objects (files, notes, approvals; history, sharing, activities when enabled). */
function addPlatformChildren(object: SchemaObject, meta: XmlNode): void {
  const base = object.name.slice(0, -'__c'.length);
  const add = (name: string, childObject: string, field: string): void => {
    object.childRelationships[name] = { name, childObject, field };
  };
  add('AttachedContentDocuments', 'AttachedContentDocument', 'LinkedEntityId');
  add('Attachments', 'Attachment', 'ParentId');
  add('CombinedAttachments', 'CombinedAttachment', 'ParentId');
  add('ContentDocumentLinks', 'ContentDocumentLink', 'LinkedEntityId');
  add('Notes', 'Note', 'ParentId');
  add('NotesAndAttachments', 'NoteAndAttachment', 'ParentId');
  add('ProcessInstances', 'ProcessInstance', 'TargetObjectId');
  add('ProcessSteps', 'ProcessInstanceHistory', 'TargetObjectId');
  if (text(meta, 'enableHistory') === 'true') add('Histories', `${base}__History`, 'ParentId');
  if (text(meta, 'enableFeeds') === 'true') add('Feeds', `${base}__Feed`, 'ParentId');
  if (['Private', 'Read'].includes(text(meta, 'sharingModel') ?? '')) add('Shares', `${base}__Share`, 'ParentId');
  if (text(meta, 'enableActivities') !== 'true') return;
  add('ActivityHistories', 'ActivityHistory', 'WhatId');
  add('OpenActivities', 'OpenActivity', 'WhatId');
  add('Tasks', 'Task', 'WhatId');
  add('Events', 'Event', 'WhatId');
}
