// What the compile phase knows about names: the project's classes and their members (from the class
// registry), the org's SObjects and fields (the schema), and the standard library's type names
// (scripts/schema/standard-types.json). Type names resolve as Apex resolves them: inner classes of
// the context and its outers, then top-level classes, SObjects and standard types.
import type { Schema, SchemaField } from '../../../../../scripts/lib/schema.ts';
import type { StandardTypes } from '../../../../../scripts/lib/standard-types.ts';
import type * as A from '../ast.ts';
import { lookupClass, type ClassInfo } from '../classes.ts';
import { OBJECT, PRIMITIVES, UNKNOWN, prim, type SType } from './types.ts';

export interface CheckEnv {
  registry: Map<string, ClassInfo>;
  schema: Schema;
  standard: StandardTypes;
}

/** A name that denotes a type (or namespace) rather than a value: `Foo.bar()`, `Account.Name`, `System.debug`. */
export type TypeTarget =
  | { kind: 'class'; cls: ClassInfo }
  | { kind: 'sobject'; name: string }
  | { kind: 'standard'; name: string }
  | { kind: 'namespace'; name: string };

/** Types every Apex program may name that are not classes of the standard-library jar. */
const BUILTIN_TYPES = new Set(['object', 'enum', 'sobject', 'list', 'set', 'map']);

/**
 * Platform namespaces the jar does not list (`Page.MyPage` is a Visualforce page reference; the
 * others hold types of features apex-ls does not describe): their members are unknown, never refused.
 */
const EXTRA_NAMESPACES = new Set([
  'page',
  'sfc',
  'lxscheduler',
  'commercetax',
  'slack',
  'externalservice',
  'functions',
]);

/**
 * A project class (or platform exception) by name; an inner class is also found through a subclass
 * (`Sub.Inner` for an inner class of Sub's superclass) and, unqualified, from a subclass's code.
 */
export function findClass(env: CheckEnv, name: string, context?: ClassInfo): ClassInfo | undefined {
  const found = lookupClass(env.registry, name, context);
  if (found && (found.decl || found.isException)) return found;
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const outer = findClass(env, name.slice(0, dot), context);
    return outer ? innerClass(outer, name.slice(dot + 1)) : undefined;
  }
  for (let scope = context; scope; scope = scope.outer) {
    const inherited = scope.superclass && innerClass(scope.superclass, name);
    if (inherited) return inherited;
  }
  return undefined;
}

/** An inner class of the class or of one of its superclasses. */
export function innerClass(cls: ClassInfo, name: string): ClassInfo | undefined {
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    const inner = c.inner.get(name.toLowerCase());
    if (inner) return inner;
  }
  return undefined;
}

/** The canonical SObject name for a type name (`schema.account` → `Account`), when the org has it. */
export function sobjectName(env: CheckEnv, name: string): string | undefined {
  const bare = name.replace(/^schema\./i, '');
  if (!env.schema.hasObject(bare)) return undefined;
  return env.schema.getObject(bare)?.name ?? bare;
}

/** Resolves a written type; `invalid` lists the names that are no type at all. */
export function resolveType(env: CheckEnv, ref: A.TypeRef, context?: ClassInfo): { type: SType; invalid: string[] } {
  const invalid: string[] = [];
  const type = resolveInto(env, ref, context, invalid);
  return { type, invalid };
}

function resolveInto(env: CheckEnv, ref: A.TypeRef, context: ClassInfo | undefined, invalid: string[]): SType {
  const args = ref.args.map((a) => resolveInto(env, a, context, invalid));
  const key = ref.name.toLowerCase().replace(/^system\./, '');
  if (key === 'list' || key === 'set') return args.length === 1 ? { kind: key, element: args[0] as SType } : UNKNOWN;
  if (key === 'map')
    return args.length === 2 ? { kind: 'map', key: args[0] as SType, value: args[1] as SType } : UNKNOWN;
  const primitive = PRIMITIVES[key];
  if (primitive) return prim(primitive);
  if (key === 'object') return OBJECT;
  if (key === 'sobject' || key === 'schema.sobject') return { kind: 'sobject' };
  const cls = findClass(env, ref.name, context);
  if (cls) return { kind: 'class', cls };
  const object = sobjectName(env, ref.name);
  if (object) return { kind: 'sobject', name: object };
  if (env.standard.isType(ref.name) || BUILTIN_TYPES.has(key))
    return { kind: 'standard', name: standardName(env, ref.name) };
  // Names of other packages' objects or types (`ns__Thing__c`) are not in this org's schema.
  const namespace = ref.name.split('.')[0]?.toLowerCase() ?? '';
  if (!ref.name.includes('__') && !EXTRA_NAMESPACES.has(namespace)) invalid.push(ref.name);
  return UNKNOWN;
}

/** `Schema.SObjectType` and `SObjectType` are one type: the default namespaces are dropped. */
function standardName(env: CheckEnv, name: string): string {
  const bare = name.replace(/^(system|schema)\./i, '');
  return bare !== name && env.standard.isType(bare) ? bare : name;
}

/** A name used as the target of a dot or call that is a type or namespace, not a variable. */
export function typeTarget(env: CheckEnv, name: string, context?: ClassInfo): TypeTarget | undefined {
  const cls = findClass(env, name, context);
  if (cls) return { kind: 'class', cls };
  const object = sobjectName(env, name);
  if (object) return { kind: 'sobject', name: object };
  if (env.standard.isNamespace(name) || EXTRA_NAMESPACES.has(name.toLowerCase())) return { kind: 'namespace', name };
  const key = name.toLowerCase();
  if (env.standard.isType(name) || PRIMITIVES[key] || BUILTIN_TYPES.has(key)) return { kind: 'standard', name };
  return undefined;
}

/** `Outer.Name` under a namespace or standard type: a standard type, an SObject, or nothing known. */
export function memberTarget(env: CheckEnv, owner: TypeTarget, name: string): TypeTarget | undefined {
  if (owner.kind !== 'namespace' && owner.kind !== 'standard') return undefined;
  const qualified = `${owner.name}.${name}`;
  if (env.standard.isType(qualified)) return { kind: 'standard', name: qualified };
  if (owner.kind === 'namespace' && /^(schema|system)$/i.test(owner.name)) {
    const object = sobjectName(env, name);
    if (object) return { kind: 'sobject', name: object };
  }
  return undefined;
}

// ---- members of project classes ----

export interface FieldRef {
  owner: ClassInfo;
  decl: A.FieldDecl | A.PropertyDecl;
}

/** A field or property of the class or one of its superclasses. */
export function fieldOf(cls: ClassInfo, name: string): FieldRef | undefined {
  const key = name.toLowerCase();
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    const decl = c.fields.get(key);
    if (decl) return { owner: c, decl };
  }
  return undefined;
}

/** Every superclass is a project class: a member not found in the chain does not exist. */
export function closedChain(cls: ClassInfo): boolean {
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    if (!c.decl) return false;
    if (c.decl.extendsType && !c.superclass) return false;
  }
  return true;
}

/** Every supertype (classes and interfaces) is a project type: the class's methods are all known. */
export function closedHierarchy(cls: ClassInfo): boolean {
  if (!closedChain(cls)) return false;
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    const decl = c.decl as A.ClassDecl;
    if (decl.implementsTypes.length !== c.interfaces.length) return false;
    if (!c.interfaces.every(closedHierarchy)) return false;
  }
  return true;
}

export interface MethodRef {
  owner: ClassInfo;
  decl: A.MethodDecl;
}

/**
 * The methods named `name` a class has: its own, its superclasses' and its interfaces', nearest
 * first; a method of the same parameter types further up (the overridden one) is left out.
 */
export function methodsOf(env: CheckEnv, cls: ClassInfo, name: string): MethodRef[] {
  const found: MethodRef[] = [];
  const seen = new Set<string>();
  const visit = (c: ClassInfo): void => {
    for (const decl of c.methods.get(name.toLowerCase()) ?? []) {
      const key = signatureKey(env, decl.params, c);
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ owner: c, decl });
    }
  };
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) visit(c);
  const interfaces = (c: ClassInfo): void => {
    c.interfaces.forEach((i) => (visit(i), interfaces(i)));
  };
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) interfaces(c);
  return found;
}

/** Parameter types as written, resolved: the identity of a signature for overriding. */
export function signatureKey(env: CheckEnv, params: A.Param[], context: ClassInfo): string {
  return params
    .map((p) => {
      const { type } = resolveType(env, p.type, context);
      return type.kind === 'unknown' ? `?${p.type.name}` : typeKey(type);
    })
    .join(',')
    .toLowerCase();
}

function typeKey(type: SType): string {
  switch (type.kind) {
    case 'class':
      return type.cls.key;
    case 'list':
    case 'set':
      return `${type.kind}<${typeKey(type.element)}>`;
    case 'map':
      return `map<${typeKey(type.key)},${typeKey(type.value)}>`;
    case 'primitive':
    case 'standard':
      return type.name;
    case 'sobject':
      return type.name ?? 'sobject';
    default:
      return type.kind;
  }
}

// ---- SObject fields ----

const FIELD_TYPES: Partial<Record<SchemaField['type'], SType>> = {
  id: prim('Id'),
  reference: prim('Id'),
  string: prim('String'),
  textarea: prim('String'),
  picklist: prim('String'),
  multipicklist: prim('String'),
  email: prim('String'),
  phone: prim('String'),
  url: prim('String'),
  encryptedstring: prim('String'),
  boolean: prim('Boolean'),
  int: prim('Integer'),
  long: prim('Long'),
  double: prim('Decimal'),
  currency: prim('Decimal'),
  percent: prim('Decimal'),
  date: prim('Date'),
  datetime: prim('Datetime'),
  time: prim('Time'),
  base64: prim('Blob'),
  anytype: OBJECT,
};

/** `record.Name`: the field's Apex type, a single-parent relationship's SObject, or a child list. */
export function sobjectMember(env: CheckEnv, objectName: string, name: string): SType {
  const field = env.schema.getField(objectName, name);
  if (field) return FIELD_TYPES[field.type] ?? UNKNOWN;
  const lookup = env.schema.getRelationship(objectName, name);
  if (lookup) {
    const [parent, ...others] = lookup.referenceTo;
    return parent && others.length === 0 && !lookup.polymorphic ? { kind: 'sobject', name: parent } : UNKNOWN;
  }
  const child = env.schema.getChildRelationship(objectName, name);
  return child ? { kind: 'list', element: { kind: 'sobject', name: child.childObject } } : UNKNOWN;
}
