// Users, profiles, permission sets and custom permissions from the project's metadata; custom labels;
// FeatureManagement.checkPermission; the mixed-DML rule (setup and non-setup objects in one
// transaction, allowed inside System.runAs in tests).
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { listFiles } from '../../../scripts/lib/files.ts';
import { readProject } from '../../../scripts/lib/project.ts';
import type { SchemaObject } from '../../../scripts/lib/schema.ts';
import { keyOf } from './operators.ts';
import type { Runtime } from './runtime.ts';
import { ApexId, SObjectValue, type Value } from './values.ts';

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

interface PermissionSetXml {
  PermissionSet: {
    label: string;
    customPermissions?: { enabled: boolean; name: string } | { enabled: boolean; name: string }[];
  };
}

/** User fields whose update makes a User DML a setup operation (the same page, "User"). */
const USER_ACCESS_FIELDS = ['userroleid', 'isactive', 'forecastenabled', 'isportalenabled', 'username', 'profileid'];

/**
 * The documented exceptions for User: inserting users without a role, and updating users without
 * touching their role, activity, forecasting, portal, username or profile, may share a transaction
 * with other objects.
 */
function mixesWithOtherObjects(rt: Runtime, operation: string, records: SObjectValue[]): boolean {
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
  private readonly rt: Runtime;
  /** Permission set Id → custom permission names it enables (lower-case). */
  private readonly grants = new Map<string, Set<string>>();
  private touched: { setup?: string; other?: string } = {};

  constructor(rt: Runtime) {
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
      }
      for (const file of listFiles(dir, (name) => name.endsWith('.customPermission-meta.xml'))) {
        const name = file.split('/').pop()?.replace('.customPermission-meta.xml', '') ?? '';
        this.put('CustomPermission', [
          ['developername', name],
          ['masterlabel', name],
        ]);
      }
    }
    for (const profile of ['Standard User', 'Read Only', 'Minimum Access - Salesforce'])
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
    for (const assignment of this.rt.org.store.records('PermissionSetAssignment')) {
      if (assignment.deleted || keyOf(assignment.fields.get('assigneeid') ?? null) !== keyOf(this.rt.userId)) continue;
      const setId = assignment.fields.get('permissionsetid');
      if (setId instanceof ApexId && this.grants.get(setId.value)?.has(wanted)) return true;
    }
    return false;
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

export function registerAccess(rt: Runtime): void {
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
