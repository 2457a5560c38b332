// Users, profiles, permission sets and custom permissions from the project's metadata; custom labels;
// FeatureManagement.checkPermission; the mixed-DML rule (setup and non-setup objects in one
// transaction, allowed inside System.runAs in tests).
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { listFiles } from '../../../../scripts/lib/files.ts';
import { readProject } from '../../../../scripts/lib/project.ts';
import type { SchemaField, SchemaObject } from '../../../../scripts/lib/schema.ts';
import { keyOf } from '../interpreter/operators.ts';
import type { PlatformContext } from './context.ts';
import { ApexId, SObjectValue, type Value } from '../language/values.ts';

/** Objects whose DML cannot share a transaction with other objects (Apex Developer Guide, "sObjects That Cannot Be Used Together in DML Operations"). */
const SETUP_OBJECTS = new Set([
  'user',
  'permissionsetassignment',
  'group',
  'groupmember',
  'userrole',
  'permissionset',
  'queuesobject',
  'objectterritory2association',
]);

interface ObjectPermissionXml {
  object: string;
  allowCreate?: boolean;
  allowRead?: boolean;
  allowEdit?: boolean;
  allowDelete?: boolean;
  viewAllRecords?: boolean;
  modifyAllRecords?: boolean;
}

interface FieldPermissionXml {
  field: string;
  readable?: boolean;
  editable?: boolean;
}

interface PermissionSetXml {
  PermissionSet: {
    label: string;
    customPermissions?: { enabled: boolean; name: string } | { enabled: boolean; name: string }[];
    objectPermissions?: ObjectPermissionXml | ObjectPermissionXml[];
    fieldPermissions?: FieldPermissionXml | FieldPermissionXml[];
  };
}

/** What the running user may do with an object's records (object permissions). */
export interface ObjectRights {
  read: boolean;
  create: boolean;
  edit: boolean;
  delete: boolean;
}

/** Field-level security: visible, and writable (only fields the platform lets anyone write). */
export interface FieldRights {
  read: boolean;
  edit: boolean;
}

const NO_RIGHTS: ObjectRights = { read: false, create: false, edit: false, delete: false };
const ALL_RIGHTS: ObjectRights = { read: true, create: true, edit: true, delete: true };
const READ_ONLY: ObjectRights = { read: true, create: false, edit: false, delete: false };

/**
 * Standard profiles on the standard CRM objects: a documented assumption (Salesforce Help, "Standard
 * Profiles"; the exact grants vary by edition and org). Standard User, Marketing User, Contract
 * Manager and Solution Manager create, read, edit and delete them, except Products and Price Books
 * (read) and Campaigns (read; Marketing User has full access); Read Only reads them; Minimum Access
 * has none. Other standard objects (users, profiles, jobs, org metadata) are readable by everyone.
 * System Administrator has "Modify All Data". Custom objects get rights only from permission sets.
 */
const CRM_OBJECTS = new Set([
  'account',
  'contact',
  'lead',
  'opportunity',
  'opportunitylineitem',
  'case',
  'campaign',
  'campaignmember',
  'task',
  'event',
  'asset',
  'contract',
  'order',
  'orderitem',
  'quote',
  'quotelineitem',
  'product2',
  'pricebook2',
  'pricebookentry',
  'serviceappointment',
]);
const READ_ONLY_CRM = new Set(['product2', 'pricebook2', 'pricebookentry']);
const FULL_ACCESS_PROFILES = new Set(['standard user', 'marketing user', 'contract manager', 'solution manager']);

function profileRights(profile: string, object: SchemaObject): ObjectRights {
  const key = object.name.toLowerCase();
  if (profile === 'system administrator') return ALL_RIGHTS;
  if (object.kind === 'customMetadata' || object.kind === 'customSetting') return READ_ONLY;
  if (object.kind !== 'standard') return NO_RIGHTS;
  if (!CRM_OBJECTS.has(key)) return READ_ONLY;
  if (profile === 'minimum access - salesforce') return NO_RIGHTS;
  if (profile === 'read only') return READ_ONLY;
  if (!FULL_ACCESS_PROFILES.has(profile)) return NO_RIGHTS;
  if (READ_ONLY_CRM.has(key)) return READ_ONLY;
  if (key === 'campaign' && profile !== 'marketing user') return READ_ONLY;
  return ALL_RIGHTS;
}

/** Fields every user who can see a record sees: its identity, audit fields, owner and required fields. */
const ALWAYS_VISIBLE = new Set([
  'id',
  'name',
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
  'ownerid',
  'isdeleted',
  'recordtypeid',
  'currencyisocode',
]);
const PLATFORM_SET = new Set([
  'id',
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
  'isdeleted',
]);

/** Whether anyone can write the field: formulas, auto-numbers and audit fields are the platform's. */
function writableByNature(field: SchemaField): boolean {
  return !field.calculated && !field.autoNumber && !PLATFORM_SET.has(field.name.toLowerCase());
}

/** User fields whose update makes a User DML a setup operation (the same page, "User"). */
const USER_ACCESS_FIELDS = ['userroleid', 'isactive', 'forecastenabled', 'isportalenabled', 'username', 'profileid'];

/**
 * The documented exceptions for User: inserting users without a role, and updating users without
 * touching their role, activity, forecasting, portal, username or profile, may share a transaction
 * with other objects.
 */
function mixesWithOtherObjects(rt: PlatformContext, operation: string, records: SObjectValue[]): boolean {
  if (operation === 'insert') return records.every((r) => (r.fields.get('userroleid') ?? null) === null);
  if (operation !== 'update') return false;
  return records.every((r) => {
    const id = r.fields.get('id');
    const stored = id instanceof ApexId ? rt.org.store.byId(id) : undefined;
    return USER_ACCESS_FIELDS.every(
      (f) => !r.populated.has(f) || keyOf(r.fields.get(f) ?? null) === keyOf(stored?.fields.get(f) ?? null),
    );
  });
}

export class AccessModel {
  private readonly rt: PlatformContext;
  /** Permission set Id → custom permission names it enables (lower-case). */
  private readonly grants = new Map<string, Set<string>>();
  /** Permission set Id → object (lower-case) → rights it grants. */
  private readonly objectGrants = new Map<string, Map<string, ObjectRights>>();
  /** Permission set Id → `object.field` (lower-case) → field-level security it grants. */
  private readonly fieldGrants = new Map<string, Map<string, FieldRights>>();
  private touched: { setup?: string; other?: string } = {};

  constructor(rt: PlatformContext) {
    this.rt = rt;
  }

  /** Loads the project's permission sets and custom permissions as records, and the standard profiles. */
  load(root: string): void {
    const parser = new XMLParser();
    for (const dir of readProject(root).packageDirs) {
      for (const file of listFiles(dir, (name) => name.endsWith('.permissionset-meta.xml'))) {
        const name = file.split('/').pop()?.replace('.permissionset-meta.xml', '') ?? '';
        const doc = parser.parse(readFileSync(file, 'utf8')) as PermissionSetXml;
        const id = this.put('PermissionSet', [
          ['name', name],
          ['label', String(doc.PermissionSet.label)],
          ['isownedbyprofile', false],
        ]);
        const enabled = ([] as { enabled: boolean; name: string }[])
          .concat(doc.PermissionSet.customPermissions ?? [])
          .filter((p) => p.enabled);
        this.grants.set(id.value, new Set(enabled.map((p) => p.name.toLowerCase())));
        this.objectGrants.set(id.value, objectGrantsOf(doc));
        this.fieldGrants.set(id.value, fieldGrantsOf(doc));
      }
      for (const file of listFiles(dir, (name) => name.endsWith('.customPermission-meta.xml'))) {
        const name = file.split('/').pop()?.replace('.customPermission-meta.xml', '') ?? '';
        this.put('CustomPermission', [
          ['developername', name],
          ['masterlabel', name],
        ]);
      }
    }
    for (const profile of [
      'Standard User',
      'Marketing User',
      'Contract Manager',
      'Solution Manager',
      'Read Only',
      'Minimum Access - Salesforce',
    ])
      this.put('Profile', [['name', profile]]);
  }

  private put(objectName: string, values: [string, Value][]): ApexId {
    const object = this.rt.schema.getObject(objectName) as SchemaObject;
    const id = this.rt.org.newId(object);
    this.rt.org.store.put({ id, object, deleted: false, fields: new Map<string, Value>([['id', id], ...values]) });
    return id;
  }

  /** FeatureManagement.checkPermission: a permission set assigned to the running user enables it. */
  hasCustomPermission(name: string): boolean {
    const wanted = name.toLowerCase();
    return this.assignedSets().some((setId) => this.grants.get(setId)?.has(wanted));
  }

  /** Ids of the permission sets assigned to the running user. */
  private assignedSets(): string[] {
    const ids: string[] = [];
    for (const assignment of this.rt.org.store.records('PermissionSetAssignment')) {
      if (assignment.deleted || keyOf(assignment.fields.get('assigneeid') ?? null) !== keyOf(this.rt.userId)) continue;
      const setId = assignment.fields.get('permissionsetid');
      if (setId instanceof ApexId) ids.push(setId.value);
    }
    return ids;
  }

  /** The running user's profile name, lower-case. */
  private profile(): string {
    const profileId = this.rt.org.store.byId(this.rt.userId)?.fields.get('profileid');
    const profile = profileId instanceof ApexId ? this.rt.org.store.byId(profileId) : undefined;
    return String(profile?.fields.get('name') ?? '').toLowerCase();
  }

  /** Object permissions of the running user: the profile's, widened by each assigned permission set. */
  objectRights(object: SchemaObject): ObjectRights {
    const rights = { ...profileRights(this.profile(), object) };
    const key = object.name.toLowerCase();
    for (const setId of this.assignedSets()) {
      const granted = this.objectGrants.get(setId)?.get(key);
      if (!granted) continue;
      rights.read ||= granted.read;
      rights.create ||= granted.create;
      rights.edit ||= granted.edit;
      rights.delete ||= granted.delete;
    }
    return rights;
  }

  /**
   * Field-level security of the running user. Standard fields follow their object (a documented
   * assumption: standard profiles see the standard fields of the objects they can read); custom
   * fields need a permission set's (or System Administrator's) grant; the platform's own fields
   * (Id, Name, audit fields, owner) and required fields are visible with the object.
   */
  fieldRights(object: SchemaObject, field: SchemaField): FieldRights {
    const objectRights = this.objectRights(object);
    if (!objectRights.read) return { read: false, edit: false };
    const writable = writableByNature(field) && (objectRights.edit || objectRights.create);
    const key = field.name.toLowerCase();
    if (this.profile() === 'system administrator' || !field.custom || ALWAYS_VISIBLE.has(key) || field.required)
      return { read: true, edit: writable };
    const rights: FieldRights = { read: false, edit: false };
    const name = `${object.name}.${field.name}`.toLowerCase();
    for (const setId of this.assignedSets()) {
      const granted = this.fieldGrants.get(setId)?.get(name);
      rights.read ||= granted?.read === true;
      rights.edit ||= granted?.edit === true;
    }
    return { read: rights.read, edit: rights.edit && writable };
  }

  /** Raises MIXED_DML_OPERATION when setup and non-setup objects meet in one transaction. */
  checkMixedDml(object: SchemaObject, operation: string, records: SObjectValue[]): void {
    const key = object.name.toLowerCase();
    // Such a User DML mixes with either kind and marks the transaction as neither.
    if (key === 'user' && mixesWithOtherObjects(this.rt, operation, records)) return;
    const setup = SETUP_OBJECTS.has(key);
    const other = setup ? this.touched.other : this.touched.setup;
    if (other) {
      this.rt.interp.raise(
        'System.DmlException',
        `DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): ${setup ? object.name : other}, original object: ${setup ? other : object.name}`,
      );
    }
    if (setup) this.touched.setup ??= object.name;
    else if (object.kind !== 'customSetting') this.touched.other ??= object.name;
  }

  /** A new transaction, or a System.runAs block in a test, starts without mixed-DML history. */
  resetMixedDml(): void {
    this.touched = {};
  }
}

const listOf = <T>(value: T | T[] | undefined): T[] => ([] as T[]).concat(value ?? []);

function objectGrantsOf(doc: PermissionSetXml): Map<string, ObjectRights> {
  const grants = new Map<string, ObjectRights>();
  for (const p of listOf(doc.PermissionSet.objectPermissions)) {
    const modifyAll = p.modifyAllRecords === true;
    grants.set(String(p.object).toLowerCase(), {
      read: p.allowRead === true || p.viewAllRecords === true || modifyAll,
      create: p.allowCreate === true,
      edit: p.allowEdit === true || modifyAll,
      delete: p.allowDelete === true || modifyAll,
    });
  }
  return grants;
}

function fieldGrantsOf(doc: PermissionSetXml): Map<string, FieldRights> {
  const grants = new Map<string, FieldRights>();
  for (const p of listOf(doc.PermissionSet.fieldPermissions)) {
    const editable = p.editable === true;
    grants.set(String(p.field).toLowerCase(), { read: p.readable === true || editable, edit: editable });
  }
  return grants;
}

export function registerAccess(rt: PlatformContext): void {
  rt.natives.register('FeatureManagement', {
    checkpermission: (_i, [name]) => rt.access.hasCustomPermission(String(name)),
  });
  const label = (
    i: Parameters<Parameters<typeof rt.natives.registerProperties>[1][string]>[0],
    name: string,
  ): Value => {
    const value = rt.org.labels.get(name.toLowerCase());
    return value ?? i.raise('System.SObjectException', `Label ${name} does not exist`);
  };
  const labels: Record<string, (i: Parameters<typeof label>[0]) => Value> = {};
  for (const name of rt.org.labels.keys()) labels[name] = (i) => label(i, name);
  rt.natives.registerProperties('Label', labels);
  rt.natives.registerProperties('System.Label', labels);
}
