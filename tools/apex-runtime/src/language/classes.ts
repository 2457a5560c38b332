// Class metadata the interpreter dispatches on: the project's classes (from the AST) and the
// platform's exception classes (synthetic, no AST).
import { refuseInvalidRestResource } from './check/rest-resource.ts';
import type { CompileDiagnostic } from './errors.ts';
import type { ClassDecl, ConstructorDecl, FieldDecl, MethodDecl, PropertyDecl } from './ast.ts';

export interface ClassInfo {
  /** Name as declared, e.g. `Inner`. */
  name: string;
  /** Lower-case fully qualified name used as the registry key, e.g. `outer.inner`, `system.queryexception`. */
  key: string;
  /** Name as `getTypeName()` reports it, e.g. `Outer.Inner`, `System.QueryException`. */
  displayName: string;
  decl?: ClassDecl;
  superclass?: ClassInfo;
  interfaces: ClassInfo[];
  outer?: ClassInfo;
  isException: boolean;
  isInterface: boolean;
  isEnum: boolean;
  /** Lower-case method name → overloads declared here (inherited ones are found through `superclass`). */
  methods: Map<string, MethodDecl[]>;
  constructors: ConstructorDecl[];
  /** Lower-case name → declaration, instance and static alike. */
  fields: Map<string, FieldDecl | PropertyDecl>;
  /** Lower-case inner class name → class. */
  inner: Map<string, ClassInfo>;
}

/** Platform exceptions the runtime can raise or the project can catch (System namespace). */
export const PLATFORM_EXCEPTIONS = [
  'AsyncException',
  'AssertException',
  'CalloutException',
  'DmlException',
  'DuplicateMessageException',
  'EmailException',
  'FinalException',
  'HandledException',
  'IllegalArgumentException',
  'InvalidParameterValueException',
  'JSONException',
  'LimitException',
  'ListException',
  'MathException',
  'NoAccessException',
  'NoDataFoundException',
  'NoSuchElementException',
  'NullPointerException',
  'QueryException',
  'SearchException',
  'SecurityException',
  'SerializationException',
  'SObjectException',
  'StringException',
  'TypeException',
  'UnexpectedException',
  'VisualforceException',
];

/** A class with no members: platform exceptions, and the frame class of a trigger body. */
export function emptyClass(name: string, key: string, displayName: string): ClassInfo {
  return {
    name,
    key,
    displayName,
    interfaces: [],
    isException: false,
    isInterface: false,
    isEnum: false,
    methods: new Map(),
    constructors: [],
    fields: new Map(),
    inner: new Map(),
  };
}

/**
 * Apex Developer Guide, "Static and Instance Methods, Variables, and Initialization Code": static
 * methods and variables belong to top-level classes only; an inner class has none.
 */
function refuseStaticMembers(decl: ClassDecl, outer: ClassInfo, errors: CompileDiagnostic[]): void {
  if (decl.kind !== 'class') return;
  for (const member of decl.members) {
    if (
      (member.kind === 'field' || member.kind === 'property' || member.kind === 'method') &&
      member.modifiers.has('static')
    )
      errors.push({
        file: decl.file,
        line: member.line,
        message: `${member.name} is static in the inner class ${outer.displayName}.${decl.name}: only top-level classes have static members`,
      });
  }
}

/**
 * Builds the registry: platform exceptions, then the project's classes with inner classes and
 * inheritance. Compile errors met on the way (static members of inner classes) go to `errors`.
 */
export function buildClassRegistry(decls: ClassDecl[], errors: CompileDiagnostic[] = []): Map<string, ClassInfo> {
  const registry = new Map<string, ClassInfo>();
  const exception = { ...emptyClass('Exception', 'exception', 'Exception'), isException: true };
  registry.set('exception', exception);
  registry.set('system.exception', exception);
  for (const name of [...PLATFORM_EXCEPTIONS, 'AuraHandledException']) {
    const info = {
      ...emptyClass(name, `system.${name.toLowerCase()}`, `System.${name}`),
      isException: true,
      superclass: exception,
    };
    registry.set(info.key, info);
    registry.set(name.toLowerCase(), info);
  }
  const project: ClassInfo[] = [];
  const add = (decl: ClassDecl, outer?: ClassInfo): void => {
    const key = outer ? `${outer.key}.${decl.name.toLowerCase()}` : decl.name.toLowerCase();
    const info: ClassInfo = {
      ...emptyClass(decl.name, key, outer ? `${outer.displayName}.${decl.name}` : decl.name),
      decl,
      outer,
      isInterface: decl.kind === 'interface',
      isEnum: decl.kind === 'enum',
    };
    if (outer) refuseStaticMembers(decl, outer, errors);
    refuseInvalidRestResource(decl, info.displayName, errors);
    for (const member of decl.members) {
      if (member.kind === 'method') {
        const name = member.name.toLowerCase();
        info.methods.set(name, [...(info.methods.get(name) ?? []), member]);
      } else if (member.kind === 'constructor') {
        info.constructors.push(member);
      } else if (member.kind === 'field' || member.kind === 'property') {
        info.fields.set(member.name.toLowerCase(), member);
      }
    }
    registry.set(key, info);
    if (outer) outer.inner.set(decl.name.toLowerCase(), info);
    project.push(info);
    for (const member of decl.members)
      if (member.kind === 'class' || member.kind === 'interface' || member.kind === 'enum') add(member, info);
  };
  for (const decl of decls) add(decl);
  for (const info of project) linkHierarchy(info, registry);
  return registry;
}

function linkHierarchy(info: ClassInfo, registry: Map<string, ClassInfo>): void {
  const decl = info.decl as ClassDecl;
  const resolve = (name: string): ClassInfo | undefined => lookupClass(registry, name, info);
  if (decl.extendsType) info.superclass = resolve(decl.extendsType.name);
  info.interfaces = decl.implementsTypes.map((t) => resolve(t.name)).filter((c): c is ClassInfo => c !== undefined);
  let cursor: ClassInfo | undefined = info;
  while (cursor) {
    if (cursor.key === 'exception') info.isException = true;
    cursor = cursor.superclass;
  }
}

/** Resolves a (possibly dotted) class name as Apex does: inner classes of the context and its outers first. */
export function lookupClass(
  registry: Map<string, ClassInfo>,
  name: string,
  context?: ClassInfo,
): ClassInfo | undefined {
  const key = name.toLowerCase();
  for (let scope = context; scope; scope = scope.outer) {
    const found = registry.get(`${scope.key}.${key}`);
    if (found) return found;
  }
  return registry.get(key) ?? registry.get(key.replace(/^system\./, ''));
}

export function isSubclassOf(cls: ClassInfo, ancestor: ClassInfo): boolean {
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    if (c === ancestor) return true;
    if (c.interfaces.some((i) => isSubclassOf(i, ancestor))) return true;
  }
  return false;
}
