// Id and SObject: Ids by their key prefix, field access by name as the schema allows it, clone,
// addError (kept for the DML that saves the record).
import { ApexId, ApexList, ApexMap, NativeObject, SObjectValue, type Value } from '../../language/values.ts';
import type { Natives, NativeTable } from '../natives.ts';
import { equalsApex, keyOf, stringOf } from '../operators.ts';
import { str, T } from './args.ts';

const ID: NativeTable = {
  getsobjecttype: (i, _a, self) => i.rt.sobjectTypeToken((self as ApexId).prefix),
  to15: (_i, _a, self) => (self as ApexId).value.slice(0, 15),
  equals: (_i, [x], self) => equalsApex(self, x ?? null),
};

// Apex Reference, "Id Class": valueOf(toId) converts a 15- or 18-character String, else StringException.
const ID_STATIC: NativeTable = {
  valueof: (i, [v]) => {
    if (v === null || v === undefined || v instanceof ApexId) return v ?? null;
    const text = str(v);
    if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(text))
      return i.raise('System.StringException', `Invalid id: ${text}`);
    return new ApexId(text);
  },
};

const SOBJECT: NativeTable = {
  get: (i, [field], self) => i.rt.getField(self as SObjectValue, str(field as Value)),
  put: (i, [field, value], self) => {
    const previous = (self as SObjectValue).fields.get(str(field as Value).toLowerCase()) ?? null;
    i.rt.setField(self as SObjectValue, str(field as Value), value ?? null);
    return previous;
  },
  getsobjecttype: (i, _a, self) => i.rt.sobjectTypeToken(i.rt.keyPrefix((self as SObjectValue).object)),
  clone: (i, [preserveId], self) => i.rt.cloneSObject(self as SObjectValue, preserveId === true),
  getsobject: (i, [name], self) => {
    const value = i.rt.getField(self as SObjectValue, str(name as Value));
    return value instanceof SObjectValue ? value : null;
  },
  getsobjects: (i, [name], self) => {
    const value = i.rt.getField(self as SObjectValue, str(name as Value));
    return value instanceof ApexList ? value : null;
  },
  // Apex Reference, SObject Class: addError(errorMsg), and addError(fieldName, errorMsg) /
  // addError(fieldToken, errorMsg), which mark the error on that field.
  adderror: (i, args, self) => {
    const record = self as SObjectValue;
    if (args.length === 1) {
      i.rt.addError(record, { message: stringOf(args[0] ?? null), fields: [] });
      return null;
    }
    const [target, message] = args;
    const named =
      target instanceof NativeObject && target.typeName === 'Schema.SObjectField'
        ? String((target.state.field as { name: string }).name)
        : typeof target === 'string'
          ? target
          : i.unsupported('SObject.addError with these arguments');
    const field = Object.values(record.object.fields).find((f) => f.name.toLowerCase() === named.toLowerCase());
    if (!field) i.raise('System.SObjectException', `Invalid field ${named} for ${record.object.name}`);
    i.rt.addError(record, { message: stringOf(message ?? null), fields: [field?.name ?? named] });
    return null;
  },
  getpopulatedfieldsasmap: (_i, _a, self) => {
    const record = self as SObjectValue;
    const map = new ApexMap(T('String'), T('Object'));
    for (const [key, value] of record.fields) {
      const name = Object.values(record.object.fields).find((f) => f.name.toLowerCase() === key)?.name ?? key;
      map.entries.set(keyOf(name), [name, value]);
    }
    return map;
  },
};

export function registerSObjects(natives: Natives): void {
  natives.register('id', ID_STATIC);
  natives.registerValueType((v) => v instanceof ApexId, ID);
  natives.registerValueType((v) => v instanceof SObjectValue, SOBJECT);
}
