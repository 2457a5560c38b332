// Enum values, and System.Type: Type.forName over the project's classes, SObjects and primitives.
import { lookupClass } from '../../language/classes.ts';
import { EnumValue, NativeObject } from '../../language/values.ts';
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
      const written = String(args[args.length - 1]).trim();
      const name =
        lookupClass(rt.classes, written)?.displayName ??
        rt.schema.getObject(written)?.name ??
        PRIMITIVE_TYPES.find((p) => p.toLowerCase() === written.toLowerCase());
      return name ? new NativeObject('System.Type', { name, typeRef: { name, args: [] } }) : null;
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
      return i.unsupported(`Type.newInstance of ${name}`);
    },
  });
}
