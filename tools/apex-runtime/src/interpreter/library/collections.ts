// List, Set and Map: their methods, the platform's exceptions for an index out of bounds, and no
// change to a collection while a for loop iterates it.
import {
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  NativeObject,
  SObjectValue,
  type Value,
} from '../../language/values.ts';
import type { Natives, NativeTable } from '../natives.ts';
import { compareApex, equalsExact, keyOf, mapKey } from '../operators.ts';
import { int } from './args.ts';

export function collectionItems(v: Value): Value[] {
  if (v instanceof ApexList) return v.items;
  if (v instanceof ApexSet) return [...v.entries.values()];
  return [];
}

const LIST: NativeTable = {
  // Apex Reference, "List Class": iterator() and getSObjectType() (null for a list of non-sObjects).
  iterator: (_i, _a, self) =>
    new NativeObject('System.ListIterator', { items: [...(self as ApexList).items], next: 0 }),
  getsobjecttype: (i, _a, self) => {
    const object = i.rt.schema.getObject((self as ApexList).elementType.name);
    return object ? i.rt.sobjectTypeToken(i.rt.keyPrefix(object)) : null;
  },
  add: (i, args, self) => {
    const list = self as ApexList;
    if (args.length === 2) list.items.splice(int(args[0] as Value), 0, args[1] as Value);
    else list.items.push(args[0] ?? null);
    return null;
  },
  addall: (_i, [other], self) => {
    (self as ApexList).items.push(...collectionItems(other ?? null));
    return null;
  },
  size: (_i, _a, self) => (self as ApexList).items.length,
  isempty: (_i, _a, self) => (self as ApexList).items.length === 0,
  get: (i, [n], self) => {
    const list = self as ApexList;
    const index = int(n as Value);
    if (index < 0 || index >= list.items.length) i.raise('System.ListException', `List index out of bounds: ${index}`);
    return list.items[index] ?? null;
  },
  set: (i, [n, v], self) => {
    const list = self as ApexList;
    const index = int(n as Value);
    if (index < 0 || index >= list.items.length) i.raise('System.ListException', `List index out of bounds: ${index}`);
    list.items[index] = v ?? null;
    return null;
  },
  contains: (_i, [v], self) => (self as ApexList).items.some((item) => equalsExact(item, v ?? null)),
  indexof: (_i, [v], self) => (self as ApexList).items.findIndex((item) => equalsExact(item, v ?? null)),
  remove: (i, [n], self) => {
    const list = self as ApexList;
    const index = int(n as Value);
    if (index < 0 || index >= list.items.length) i.raise('System.ListException', `List index out of bounds: ${index}`);
    return list.items.splice(index, 1)[0] ?? null;
  },
  clear: (_i, _a, self) => {
    (self as ApexList).items.length = 0;
    return null;
  },
  clone: (_i, _a, self) => new ApexList((self as ApexList).elementType, [...(self as ApexList).items]),
  sort: (i, _a, self) => {
    const compare = (a: Value, b: Value): number => {
      if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1;
      if (a instanceof ApexObject) return i.invokeMethod(a.cls, a, 'compareTo', [b], 0, true) as number;
      if (a instanceof SObjectValue) return i.unsupported('sorting SObjects');
      return compareApex(a, b);
    };
    (self as ApexList).items.sort(compare);
    return null;
  },
};

const SET: NativeTable = {
  add: (_i, [v], self) => {
    const set = self as ApexSet;
    const key = keyOf(v ?? null);
    const added = !set.entries.has(key);
    set.entries.set(key, v ?? null);
    return added;
  },
  addall: (_i, [other], self) => {
    const set = self as ApexSet;
    const before = set.entries.size;
    for (const item of collectionItems(other ?? null)) set.entries.set(keyOf(item), item);
    return set.entries.size !== before;
  },
  contains: (_i, [v], self) => (self as ApexSet).entries.has(keyOf(v ?? null)),
  containsall: (_i, [other], self) =>
    collectionItems(other ?? null).every((item) => (self as ApexSet).entries.has(keyOf(item))),
  remove: (_i, [v], self) => (self as ApexSet).entries.delete(keyOf(v ?? null)),
  removeall: (_i, [other], self) => {
    let changed = false;
    for (const item of collectionItems(other ?? null))
      changed = (self as ApexSet).entries.delete(keyOf(item)) || changed;
    return changed;
  },
  retainall: (_i, [other], self) => {
    const keep = new Set(collectionItems(other ?? null).map(keyOf));
    const set = self as ApexSet;
    let changed = false;
    for (const key of [...set.entries.keys()]) if (!keep.has(key)) changed = set.entries.delete(key) || changed;
    return changed;
  },
  size: (_i, _a, self) => (self as ApexSet).entries.size,
  isempty: (_i, _a, self) => (self as ApexSet).entries.size === 0,
  clear: (_i, _a, self) => {
    (self as ApexSet).entries.clear();
    return null;
  },
  clone: (_i, _a, self) => {
    const copy = new ApexSet((self as ApexSet).elementType);
    for (const [k, v] of (self as ApexSet).entries) copy.entries.set(k, v);
    return copy;
  },
};

// Apex Developer Guide, "Lists" / "Sets": adding or removing elements while a for loop iterates the
// collection throws System.FinalException.
function refuseWhileIterating(table: NativeTable, methods: string[]): void {
  for (const name of methods) {
    const method = table[name];
    if (!method) continue;
    table[name] = (i, args, self) => {
      if ((self as ApexList | ApexSet).iterating > 0)
        return i.raise('System.FinalException', 'Cannot modify a collection while it is being iterated.');
      return method(i, args, self);
    };
  }
}
refuseWhileIterating(LIST, ['add', 'addall', 'remove', 'clear']);
refuseWhileIterating(SET, ['add', 'addall', 'remove', 'removeall', 'retainall', 'clear']);

const MAP: NativeTable = {
  put: (_i, [k, v], self) => {
    const map = self as ApexMap;
    const key = mapKey(map, k ?? null);
    const previous = map.entries.get(key)?.[1] ?? null;
    map.entries.set(key, [k ?? null, v ?? null]);
    return previous;
  },
  get: (_i, [k], self) => (self as ApexMap).entries.get(mapKey(self as ApexMap, k ?? null))?.[1] ?? null,
  containskey: (_i, [k], self) => (self as ApexMap).entries.has(mapKey(self as ApexMap, k ?? null)),
  remove: (_i, [k], self) => {
    const map = self as ApexMap;
    const key = mapKey(map, k ?? null);
    const previous = map.entries.get(key)?.[1] ?? null;
    map.entries.delete(key);
    return previous;
  },
  keyset: (_i, _a, self) => {
    const map = self as ApexMap;
    const set = new ApexSet(map.keyType);
    for (const [key, [k]] of map.entries) set.entries.set(key, k);
    return set;
  },
  values: (_i, _a, self) =>
    new ApexList(
      (self as ApexMap).valueType,
      [...(self as ApexMap).entries.values()].map(([, v]) => v),
    ),
  size: (_i, _a, self) => (self as ApexMap).entries.size,
  isempty: (_i, _a, self) => (self as ApexMap).entries.size === 0,
  putall: (_i, [other], self) => {
    if (other instanceof ApexMap)
      for (const [key, entry] of other.entries) (self as ApexMap).entries.set(key, [...entry]);
    return null;
  },
  clear: (_i, _a, self) => {
    (self as ApexMap).entries.clear();
    return null;
  },
  clone: (_i, _a, self) => {
    const source = self as ApexMap;
    const copy = new ApexMap(source.keyType, source.valueType);
    for (const [key, entry] of source.entries) copy.entries.set(key, [...entry]);
    return copy;
  },
};

export function registerCollections(natives: Natives): void {
  natives.registerValueType((v) => v instanceof ApexList, LIST);
  natives.registerValueType((v) => v instanceof ApexSet, SET);
  natives.registerValueType((v) => v instanceof ApexMap, MAP);
}
