// The registry of native classes: the standard library (library/) and the platform's classes
// (platform/, registered by the runtime) put their methods here as tables, one row per method, and
// the interpreter looks a call up by class and method name. A class or method missing here is an
// UnsupportedApexFeature, never a silent null.
import type { TypeRef } from '../language/ast.ts';
import { ApexBlob, ApexDatetime, ApexObject, NativeObject, type Value } from '../language/values.ts';
import { typeLabel, type Interpreter, type Ref } from './interpreter.ts';
import { equalsExact, stringOf } from './operators.ts';

export type NativeFn = (interp: Interpreter, args: Value[], self: Value) => Value;
/** Methods of one class, by lower-case name. */
export type NativeTable = Record<string, NativeFn>;

/** A property of a NativeObject type (`RestRequest.requestBody`); without `set` it is read-only. */
export interface NativeField {
  get: (interp: Interpreter, self: NativeObject) => Value;
  set?: (interp: Interpreter, self: NativeObject, value: Value) => void;
}

/** String.hashCode as Java computes it; also the hash of any value without one of its own. */
export function javaHash(text: string): number {
  let h = 0;
  for (let k = 0; k < text.length; k++) h = (Math.imul(31, h) + text.charCodeAt(k)) | 0;
  return h;
}

/** Lower-case type name of a primitive value, for types registered by other modules (Datetime, Blob). */
function valueTypeName(v: Value): string {
  if (v instanceof ApexDatetime) return 'datetime';
  if (v instanceof ApexBlob) return 'blob';
  return '';
}

/** Native classes by name; the library and the platform fill it through the `register…` methods. */
export class Natives {
  /** Static methods by lower-case class name. */
  private readonly statics = new Map<string, NativeTable>();
  /** Instance methods of values that are no NativeObject (String, List, Date …); the first test that fits wins. */
  private readonly valueTables: { test: (v: Value) => boolean; table: NativeTable }[] = [];
  /** Sub-namespaces reachable with a dot, e.g. `System.Assert`, `System.Schema`. */
  private readonly children: Record<string, string[]> = {};
  /** Static properties, e.g. `Trigger.new`, `SObjectDescribeOptions.DEFERRED`. */
  private readonly properties = new Map<string, Record<string, (interp: Interpreter) => Value>>();
  /** Writable static properties, e.g. `RestContext.request = …`. */
  private readonly staticSetters = new Map<string, Record<string, (interp: Interpreter, value: Value) => void>>();
  private readonly nativeTypes = new Map<string, NativeTable>();
  /** Properties of NativeObject types; a type with a table has no other properties. */
  private readonly fieldTables = new Map<string, Record<string, NativeField>>();
  private readonly constructors = new Map<string, (interp: Interpreter, args: Value[]) => Value>();

  /** Static methods of a class; a later call adds methods to the class (or replaces same-named ones). */
  register(className: string, methods: NativeTable): void {
    const key = className.toLowerCase();
    this.statics.set(key, { ...(this.statics.get(key) ?? {}), ...methods });
  }

  /** Instance methods of the values `test` accepts (a primitive or a collection). */
  registerValueType(test: (v: Value) => boolean, methods: NativeTable): void {
    this.valueTables.push({ test, table: methods });
  }

  /** Names reachable as `owner.name` (`System.Assert` is Assert). */
  registerNamespace(owner: string, children: string[]): void {
    this.children[owner.toLowerCase()] = children.map((c) => c.toLowerCase());
  }

  registerProperties(className: string, props: Record<string, (interp: Interpreter) => Value>): void {
    const key = className.toLowerCase();
    this.properties.set(key, { ...(this.properties.get(key) ?? {}), ...props });
  }

  registerStaticSetters(className: string, setters: Record<string, (interp: Interpreter, value: Value) => void>): void {
    const key = className.toLowerCase();
    this.staticSetters.set(key, { ...(this.staticSetters.get(key) ?? {}), ...setters });
  }

  /** Properties of a NativeObject type, keyed by lower-case name. */
  registerFields(typeName: string, fields: Record<string, NativeField>): void {
    this.fieldTables.set(typeName.toLowerCase(), fields);
  }

  /** `Owner.name = value` on a platform class: only where a setter is registered. */
  writeStatic(interp: Interpreter, owner: string, name: string, value: Value): void {
    const setter = this.staticSetters.get(owner)?.[name.toLowerCase()];
    if (!setter) return interp.unsupported(`assignment to ${owner}.${name}`);
    setter(interp, value);
  }

  /** `object.name = value` on a NativeObject: only a registered property with a setter. */
  writeProperty(interp: Interpreter, target: NativeObject, name: string, value: Value): void {
    const field = this.fieldTables.get(target.typeName.toLowerCase())?.[name.toLowerCase()];
    if (!field?.set)
      return interp.unsupported(`assignment to ${field ? 'the read-only ' : ''}${target.typeName}.${name}`);
    field.set(interp, target, value);
  }

  /** Instance methods of a NativeObject type (HttpRequest, SaveResult, DescribeSObjectResult …). */
  registerType(
    typeName: string,
    methods: NativeTable,
    construct?: (interp: Interpreter, args: Value[]) => Value,
  ): void {
    this.nativeTypes.set(typeName.toLowerCase(), {
      ...(this.nativeTypes.get(typeName.toLowerCase()) ?? {}),
      ...methods,
    });
    if (construct) this.constructors.set(typeName.toLowerCase(), construct);
  }

  isNamespace(key: string): boolean {
    return this.statics.has(key) || this.properties.has(key) || key in this.children || this.constructors.has(key);
  }

  resolveStatic(interp: Interpreter, owner: string, name: string): Ref {
    const key = name.toLowerCase();
    const property = this.properties.get(owner)?.[key];
    if (property) return { kind: 'value', value: property(interp) };
    const qualified = `${owner}.${key}`;
    if (this.isNamespace(qualified)) return { kind: 'native', name: qualified };
    if (this.children[owner]?.includes(key) || this.isNamespace(key)) return { kind: 'native', name: key };
    if (owner === 'schema' || owner === 'system') {
      const object = interp.rt.schema.getObject(name);
      if (object) return { kind: 'sobjectType', object };
    }
    return interp.unsupported(`${owner}.${name}`);
  }

  callStatic(interp: Interpreter, owner: string, name: string, args: Value[], _line: number): Value {
    const fn = this.statics.get(owner)?.[name.toLowerCase()];
    if (!fn) return interp.unsupported(`${owner}.${name}()`);
    return guarded(interp, `${owner}.${name}()`, () => fn(interp, args, null));
  }

  callInstance(interp: Interpreter, target: Value, name: string, args: Value[], _line: number): Value {
    const key = name.toLowerCase();
    const table =
      target instanceof NativeObject
        ? this.nativeTypes.get(target.typeName.toLowerCase())
        : this.valueTables.find((t) => t.test(target))?.table;
    const fn = table?.[key] ?? this.nativeTypes.get(valueTypeName(target))?.[key];
    if (fn) return guarded(interp, `${typeLabel(target)}.${name}()`, () => fn(interp, args, target));
    if (key === 'equals' && args.length === 1) return equalsExact(target, args[0] ?? null);
    if (key === 'hashcode') return javaHash(stringOf(target));
    if (key === 'tostring') return stringOf(target);
    return interp.unsupported(`${typeLabel(target)}.${name}()`);
  }

  readProperty(interp: Interpreter, value: Value, name: string): Value {
    if (value instanceof NativeObject) {
      const fields = this.fieldTables.get(value.typeName.toLowerCase());
      if (fields) {
        const field = fields[name.toLowerCase()];
        return field ? field.get(interp, value) : interp.unsupported(`property ${name} of ${value.typeName}`);
      }
      const getter = this.nativeTypes.get(value.typeName.toLowerCase())?.[`get${name.toLowerCase()}`];
      if (getter) return getter(interp, [], value);
      if (name in value.state) return value.state[name] as Value;
    }
    if (value instanceof ApexObject) return interp.getInstanceField(value, name);
    return interp.unsupported(`property ${name} of ${typeLabel(value)}`);
  }

  construct(interp: Interpreter, type: TypeRef, args: Value[], _line: number): Value {
    const ctor = this.constructors.get(type.name.toLowerCase());
    if (!ctor) return interp.unsupported(`new ${type.name}()`);
    return guarded(interp, `new ${type.name}()`, () => ctor(interp, args));
  }
}

/**
 * A JavaScript error out of a native method (a Java regex JavaScript cannot compile, a value the
 * table did not expect) is refused loudly, never an internal crash (issue 8). Node's stack running
 * out keeps its own handling in the interpreter.
 */
function guarded(interp: Interpreter, what: string, call: () => Value): Value {
  try {
    return call();
  } catch (error) {
    const internal =
      error instanceof SyntaxError ||
      error instanceof TypeError ||
      (error instanceof RangeError && !error.message.includes('call stack'));
    if (internal) return interp.unsupported(`${what} (${error.name}: ${error.message})`);
    throw error;
  }
}
