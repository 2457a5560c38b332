// Regenerates scripts/schema/standard-objects.json from the SObject classes apex-ls ships
// (sobject-types-65.0.0.jar), so the SOQL field gate and the local runtime share one offline schema.
// The jar holds one Java class per standard object; `javap` lists its public fields:
//   System.<Type> X       a field (Id, String, Boolean, Decimal …)
//   SObjects.<Obj> X      the relationship of the lookup `XId` (SObjects.Name: polymorphic, Name-pointing)
//   System.SObject X      the relationship of a polymorphic lookup `XId` that is not Name-pointing
//   SObjects.<Obj>[] X    a child relationship
//   SObjects.Address X / SObjects.Location X without an `XId`: a compound field
// Usage: npm run standard-objects:generate
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { JAVA_LIB_DIR, requireJava } from './lib/java.ts';
import {
  STANDARD_OBJECTS_JSON,
  type FieldType,
  type StandardObjectsFile,
  type StoredField,
  type StoredObject,
} from './lib/schema.ts';

/** Objects whose fields we store: the package's supported objects, what its code touches, and `Name`. */
// prettier-ignore
export const STANDARD_OBJECTS = [
  // supported by the package
  'Lead', 'Contact', 'Account', 'Opportunity', 'Case', 'Campaign', 'Task', 'CampaignMember', 'Event',
  'ServiceAppointment', 'Quote', 'Contract', 'Order', 'Product2', 'OpportunityLineItem', 'Asset', 'Pricebook2',
  // read by the package's code (permissions, jobs, org, setup, line items, files, notifications)
  'User', 'Profile', 'PermissionSet', 'PermissionSetAssignment', 'CustomPermission', 'SetupEntityAccess',
  'AsyncApexJob', 'CronTrigger', 'CronJobDetail', 'Organization', 'RecordType', 'Group', 'GroupMember',
  'PricebookEntry', 'OrderItem', 'QuoteLineItem', 'WorkOrder', 'ServiceResource', 'AssignedResource',
  'ContentDocument', 'ContentVersion', 'EmailMessage', 'CustomNotificationType', 'ApexClass', 'UserRole',
  'BusinessHours',
  // what a polymorphic, Name-pointing relationship (What.Name, Owner.Email) exposes
  'Name',
] as const;

const JAR_NAME = 'sobject-types-65.0.0.jar';
const PACKAGE = 'com.nawforce.runforce.SObjects.';
const SYSTEM = 'com.nawforce.runforce.System.';

/**
 * Parents of polymorphic lookups: the jar types them `Name`/`SObject` without saying which objects.
 * `*.` applies to every object. WhatId targets are derived from the jar (objects with a Task child).
 */
const POLYMORPHIC_TARGETS: Record<string, string[]> = {
  '*.OwnerId': ['Group', 'User'],
  '*.WhoId': ['Contact', 'Lead'],
  'CampaignMember.LeadOrContactId': ['Contact', 'Lead'],
  'CampaignMember.LeadOrContactOwnerId': ['Group', 'User'],
  'GroupMember.UserOrGroupId': ['Group', 'User'],
  'User.DelegatedApproverId': ['Group', 'User'],
};

/** Audit and merge lookups every object has: never the field behind a named child relationship. */
const NON_CHILD_LOOKUPS = new Set(['CreatedById', 'LastModifiedById', 'MasterRecordId']);

/** Their read-only AccountId/PrimaryWhoId copies must not win over WhatId/WhoId (Account.Tasks is WhatId). */
const ACTIVITY_OBJECTS = new Set(['Task', 'Event', 'ActivityHistory', 'OpenActivity']);

const SCALAR_TYPES: Record<string, FieldType> = {
  Id: 'reference',
  String: 'string',
  Boolean: 'boolean',
  Integer: 'int',
  Long: 'long',
  Decimal: 'double',
  Double: 'double',
  Date: 'date',
  Datetime: 'datetime',
  Time: 'time',
  Blob: 'base64',
};

const COMPOUND_TYPES: Record<string, FieldType> = { Address: 'address', Location: 'location' };

interface Member {
  name: string;
  javaType: string;
}

type JarClasses = Map<string, Member[]>;

// ---------------------------------------------------------------------------------------------
// Reading the jar

/** Every entry name in a jar, from the zip central directory: no `jar`/`unzip` binary needed. */
export function listJarEntries(jarFile: string): string[] {
  const zip = readFileSync(jarFile);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${jarFile} is not a zip file`);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Standard object names: one class per object in the jar's SObjects package. */
export function listJarObjects(jarFile: string): string[] {
  return listJarEntries(jarFile)
    .map((entry) => /^com\/nawforce\/runforce\/SObjects\/(\w+)\.class$/.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

const run = promisify(execFile);

/** `javap` every class, in one batch per core (the whole jar takes a few seconds). */
async function javapAll(jarFile: string, names: string[]): Promise<JarClasses> {
  const batches = chunk(names, Math.ceil(names.length / availableParallelism()));
  const outputs = await Promise.all(
    batches.map((batch) =>
      run('javap', ['-cp', jarFile, ...batch.map((n) => PACKAGE + n)], { maxBuffer: 256 * 1024 * 1024 }),
    ),
  );
  const classes: JarClasses = new Map();
  for (const { stdout } of outputs) parseJavap(stdout, classes);
  return classes;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function parseJavap(output: string, into: JarClasses): void {
  let members: Member[] = [];
  for (const line of output.split('\n')) {
    const header = /^public class com\.nawforce\.runforce\.SObjects\.(\w+) /.exec(line);
    if (header) into.set(header[1], (members = []));
    const member = /^ {2}public ([\w.$]+(?:\[\])?) (\w+);$/.exec(line);
    if (member) members.push({ javaType: member[1], name: member[2] });
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping classes to the schema model

type MemberKind =
  | { kind: 'scalar'; type: FieldType }
  | { kind: 'parent'; target: string }
  | { kind: 'child'; target: string }
  | { kind: 'unknown' };

function classify(javaType: string): MemberKind {
  if (javaType === 'java.lang.Object') return { kind: 'scalar', type: 'anytype' };
  if (javaType === `${SYSTEM}String[]`) return { kind: 'scalar', type: 'junctionidlist' };
  if (javaType === `${SYSTEM}SObject`) return { kind: 'parent', target: '' };
  if (javaType.startsWith(SYSTEM)) {
    const type = SCALAR_TYPES[javaType.slice(SYSTEM.length)];
    return type ? { kind: 'scalar', type } : { kind: 'unknown' };
  }
  if (!javaType.startsWith(PACKAGE)) return { kind: 'unknown' };
  const target = javaType.slice(PACKAGE.length);
  return target.endsWith('[]') ? { kind: 'child', target: target.slice(0, -2) } : { kind: 'parent', target };
}

/** The Id field behind relationship `rel`: `Account` → `AccountId` when the class has one. */
function lookupField(rel: string, members: Member[]): string | undefined {
  const idName = `${rel}Id`;
  return members.some((m) => m.name === idName && m.javaType === `${SYSTEM}Id`) ? idName : undefined;
}

function polymorphicTargets(object: string, field: string, whatTargets: string[]): string[] {
  if (field === 'WhatId') return whatTargets;
  return POLYMORPHIC_TARGETS[`${object}.${field}`] ?? POLYMORPHIC_TARGETS[`*.${field}`] ?? [];
}

interface Context {
  classes: JarClasses;
  whatTargets: string[];
  warnings: string[];
}

function buildObject(object: string, ctx: Context): StoredObject {
  const members = ctx.classes.get(object) ?? [];
  const fields: Record<string, StoredField> = {};
  const childRelationships: StoredObject['childRelationships'] = {};
  for (const member of members) {
    const kind = classify(member.javaType);
    if (kind.kind === 'scalar') fields[member.name] = { type: member.name === 'Id' ? 'id' : kind.type };
    if (kind.kind === 'child') {
      const field = isPersonAccountMirror(object, member.name)
        ? undefined
        : childField(object, member.name, kind.target, ctx);
      childRelationships[member.name] = field ? { childObject: kind.target, field } : { childObject: kind.target };
    }
    if (kind.kind === 'unknown') ctx.warnings.push(`${object}.${member.name}: unmapped type ${member.javaType}`);
  }
  for (const member of members) {
    const kind = classify(member.javaType);
    if (kind.kind === 'parent') addParent(object, member.name, kind.target, { fields, members, ctx });
  }
  dropConflictingChildFields(childRelationships);
  return { fields, childRelationships };
}

/** Account.PersonTasks, PersonOpportunities …: person-account copies of Contact relationships, through a Contact lookup. */
function isPersonAccountMirror(object: string, relationshipName: string): boolean {
  return object === 'Account' && /^Person[A-Z]/.test(relationshipName);
}

/** Relationships guessed onto the same child field: keep it where the name spells it or is the plain plural, else unknown. */
function dropConflictingChildFields(children: StoredObject['childRelationships']): void {
  const byTarget = new Map<string, string[]>();
  for (const [name, child] of Object.entries(children)) {
    if (!child.field) continue;
    const target = `${child.childObject}.${child.field}`;
    byTarget.set(target, [...(byTarget.get(target) ?? []), name]);
  }
  for (const names of byTarget.values()) {
    if (names.length < 2) continue;
    for (const name of names) {
      const child = children[name];
      if (child.field && !spells(name, child.field) && !isPlainPlural(name, child.childObject)) delete child.field;
    }
  }
}

/** `Assets` for Asset, `Opportunities` for Opportunity: the main relationship among look-alikes. */
function isPlainPlural(relationshipName: string, childObject: string): boolean {
  const stem = childObject.replace(/y$/, '');
  return relationshipName.startsWith(stem) && relationshipName.length <= stem.length + 3;
}

function spells(relationshipName: string, idField: string): boolean {
  return relationshipName.toLowerCase().includes(idField.slice(0, -2).toLowerCase());
}

interface ParentContext {
  fields: Record<string, StoredField>;
  members: Member[];
  ctx: Context;
}

/** A relationship decorates its Id field; without one it is a compound field (Address, Location). */
function addParent(object: string, rel: string, target: string, { fields, members, ctx }: ParentContext): void {
  const idField = lookupField(rel, members);
  if (!idField) {
    const compound = COMPOUND_TYPES[target];
    if (compound) fields[rel] = { type: compound };
    else ctx.warnings.push(`${object}.${rel}: relationship to ${target || 'SObject'} without an Id field`);
    return;
  }
  const field = fields[idField];
  field.relationshipName = rel;
  if (target !== '' && target !== 'Name') {
    field.referenceTo = [target];
    return;
  }
  field.polymorphic = true;
  if (target === 'Name') field.namePointing = true;
  field.referenceTo = polymorphicTargets(object, idField, ctx.whatTargets);
}

interface Lookup {
  idField: string;
  target: string;
  polymorphic: boolean;
}

/**
 * The child's lookup behind child relationship `name` of `parent`: among direct lookups, then
 * polymorphic ones accepting the parent, then polymorphic ones with unknown parents (Attachment.ParentId),
 * the only candidate, else the one the relationship name spells (AARRelatedAccounts → RelatedAccountId),
 * else `<parent>Id`. Activities try polymorphic first: their AccountId is a read-only copy.
 */
function childField(parent: string, name: string, child: string, ctx: Context): string | undefined {
  const lookups = childLookups(child, ctx);
  const accepts = (l: Lookup): boolean => polymorphicTargets(child, l.idField, ctx.whatTargets).includes(parent);
  const direct = lookups.filter((l) => !l.polymorphic && l.target === parent);
  const accepting = lookups.filter((l) => l.polymorphic && accepts(l));
  const open = lookups.filter(
    (l) => l.polymorphic && polymorphicTargets(child, l.idField, ctx.whatTargets).length === 0,
  );
  const order = ACTIVITY_OBJECTS.has(child) ? [accepting, direct, open] : [direct, accepting, open];
  const candidates = order.find((list) => list.length > 0) ?? [];
  if (candidates.length <= 1) return candidates[0]?.idField;
  const spelled = candidates.filter((l) => spells(name, l.idField)).sort((a, b) => b.idField.length - a.idField.length);
  return spelled[0]?.idField ?? candidates.find((l) => l.idField === `${parent}Id`)?.idField;
}

function childLookups(child: string, ctx: Context): Lookup[] {
  const members = ctx.classes.get(child) ?? [];
  return members.flatMap((m) => {
    const kind = classify(m.javaType);
    if (kind.kind !== 'parent') return [];
    const idField = lookupField(m.name, members);
    if (!idField || NON_CHILD_LOOKUPS.has(idField)) return [];
    const polymorphic = kind.target === '' || kind.target === 'Name';
    return [{ idField, target: kind.target, polymorphic }];
  });
}

/** WhatId accepts every stored object with a `Tasks` child, except the WhoId and owner types. */
function deriveWhatTargets(classes: JarClasses): string[] {
  const excluded = new Set([...POLYMORPHIC_TARGETS['*.WhoId'], ...POLYMORPHIC_TARGETS['*.OwnerId']]);
  return STANDARD_OBJECTS.filter(
    (name) =>
      !excluded.has(name) &&
      (classes.get(name) ?? []).some((m) => m.name === 'Tasks' && m.javaType === `${PACKAGE}Task[]`),
  ).sort();
}

// ---------------------------------------------------------------------------------------------
// Output

/** Sorted keys at every level, so a re-run over the same jar gives a byte-identical file. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export async function generateStandardObjects(): Promise<{ file: StandardObjectsFile; warnings: string[] }> {
  requireJava();
  const jarFile = path.join(JAVA_LIB_DIR, JAR_NAME);
  const names = listJarObjects(jarFile);
  const missing = STANDARD_OBJECTS.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`Not in ${JAR_NAME}: ${missing.join(', ')}`);
  const classes = await javapAll(jarFile, names);
  const ctx: Context = { classes, whatTargets: deriveWhatTargets(classes), warnings: [] };
  const objects: Record<string, StoredObject> = {};
  for (const name of STANDARD_OBJECTS) objects[name] = buildObject(name, ctx);
  const stored = new Set<string>(STANDARD_OBJECTS);
  const otherObjectNames = names.filter((name) => !stored.has(name));
  return { file: { apiVersion: '65.0', source: JAR_NAME, objects, otherObjectNames }, warnings: ctx.warnings };
}

async function main(): Promise<void> {
  const started = performance.now();
  const { file, warnings } = await generateStandardObjects();
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  mkdirSync(path.dirname(STANDARD_OBJECTS_JSON), { recursive: true });
  writeFileSync(STANDARD_OBJECTS_JSON, `${JSON.stringify(sortKeys(file), null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const count = Object.keys(file.objects).length;
  console.log(
    `${path.relative(process.cwd(), STANDARD_OBJECTS_JSON)}: ${count} objects with fields, ${file.otherObjectNames.length} names only (${seconds} s)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
