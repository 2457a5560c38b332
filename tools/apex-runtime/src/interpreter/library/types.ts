// Enum values, and System.Type: Type.forName over the project's classes, SObjects and primitives.
import { lookupClass } from '../../language/classes.ts';
import { ApexList, ApexMap, ApexSet, EnumValue, NativeObject, type TypeName } from '../../language/values.ts';
import type { Host } from '../host.ts';
import type { Interpreter } from '../interpreter.ts';
import type { Natives, NativeTable } from '../natives.ts';

const PRIMITIVE_TYPES = [
  'Blob',
  'Boolean',
  'Date',
  'Datetime',
  'Decimal',
  'Double',
  'Id',
  'Integer',
  'Long',
  'Object',
  'String',
  'Time',
];

const ENUM: NativeTable = {
  name: (_i, _a, self) => (self as EnumValue).name,
  ordinal: (_i, _a, self) => (self as EnumValue).ordinal,
};

export function registerTypes(natives: Natives, rt: Host): void {
  natives.registerValueType((v) => v instanceof EnumValue, ENUM);
  // Apex Reference, "Type Class": forName(fullyQualifiedName) / forName(namespace, name) answer the
  // type of an Apex class, an sObject or a system primitive, or null; getName and newInstance.
  natives.register('Type', {
    forname: (_i: Interpreter, args) => {
      const typeRef = parseTypeName(String(args[args.length - 1]), (written) => simpleTypeName(rt, written));
      return typeRef ? new NativeObject('System.Type', { name: typeText(typeRef), typeRef }) : null;
    },
  });
  natives.registerType('System.Type', {
    getname: (_i, _a, self) => String((self as NativeObject).state.name),
    tostring: (_i, _a, self) => String((self as NativeObject).state.name),
    equals: (_i, [other], self) =>
      other instanceof NativeObject &&
      other.typeName === 'System.Type' &&
      String(other.state.name).toLowerCase() === String((self as NativeObject).state.name).toLowerCase(),
    newinstance: (i, _a, self) => {
      const name = String((self as NativeObject).state.name);
      const cls = lookupClass(rt.classes, name);
      if (cls) return i.instantiate(cls, [], i.line);
      const object = rt.schema.getObject(name);
      if (object) return rt.newSObject(object);
      const collection = emptyCollection((self as NativeObject).state.typeRef as TypeName | undefined);
      if (collection) return collection;
      return i.unsupported(`Type.newInstance of ${name}`);
    },
  });
}

const COLLECTIONS: Record<string, { name: string; arity: number }> = {
  list: { name: 'List', arity: 1 },
  set: { name: 'Set', arity: 1 },
  map: { name: 'Map', arity: 2 },
};

/** A class, sObject or primitive as the org spells it, or undefined. */
function simpleTypeName(rt: Host, written: string): string | undefined {
  // `System.String` and `Schema.Account` name the same types as `String` and `Account`.
  const [namespace, rest] = written.includes('.')
    ? [written.slice(0, written.indexOf('.')), written.slice(written.indexOf('.') + 1)]
    : ['', ''];
  if (namespace.toLowerCase() === 'system')
    return PRIMITIVE_TYPES.find((p) => p.toLowerCase() === rest.toLowerCase()) ?? simpleTypeName(rt, rest);
  if (namespace.toLowerCase() === 'schema') return rt.schema.getObject(rest)?.name;
  return (
    lookupClass(rt.classes, written)?.displayName ??
    rt.schema.getObject(written)?.name ??
    PRIMITIVE_TYPES.find((p) => p.toLowerCase() === written.toLowerCase())
  );
}

/**
 * `Account`, `List<Account>`, `Map<String, List<Integer>>` → its type, each name as the org spells it;
 * undefined when any part names no type (Type.forName answers null). Dynamic deserialisation relies
 * on the generic form: `JSON.deserialize(text, Type.forName('List<' + objectName + '>'))`.
 */
export function parseTypeName(text: string, simple: (written: string) => string | undefined): TypeName | undefined {
  let at = 0;
  const read = (): TypeName | undefined => {
    const word = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*/.exec(text.slice(at));
    if (!word) return undefined;
    at += word[0].length;
    const written = word[1] as string;
    const collection = COLLECTIONS[written.toLowerCase()];
    if (text[at] !== '<') return collection ? undefined : simpleAs(written);
    if (!collection) return undefined;
    at++;
    const args: TypeName[] = [];
    for (;;) {
      const arg = read();
      if (!arg) return undefined;
      args.push(arg);
      if (text[at] === ',') at++;
      else break;
    }
    if (text[at] !== '>' || args.length !== collection.arity) return undefined;
    at++;
    at += /^\s*/.exec(text.slice(at))?.[0].length ?? 0;
    return { name: collection.name, args };
  };
  const simpleAs = (written: string): TypeName | undefined => {
    const name = simple(written);
    return name ? { name, args: [] } : undefined;
  };
  const type = read();
  return type && at === text.length ? type : undefined;
}

function typeText(type: TypeName): string {
  return type.args.length === 0 ? type.name : `${type.name}<${type.args.map(typeText).join(',')}>`;
}

/** `Type.newInstance` of a collection type: an empty one of its element types. */
function emptyCollection(type: TypeName | undefined): ApexList | ApexSet | ApexMap | undefined {
  const [first, second] = type?.args ?? [];
  if (!type || !first) return undefined;
  const base = type.name.toLowerCase();
  if (base === 'list') return new ApexList(first);
  if (base === 'set') return new ApexSet(first);
  if (base === 'map' && second) return new ApexMap(first, second);
  return undefined;
}
