// The value codec of saved state: Apex values as plain JSON and back, shared references kept
// shared. The local org's persistent store (org/persist.ts) saves the org with it, and a batch that
// is not Database.Stateful gets each execute a copy made through it, as the platform serialises one.
// A value the codec cannot represent fails loudly (never dropped).
import type { Schema, SchemaObject } from '../../../../scripts/lib/schema.ts';
import type { ClassInfo } from '../language/classes.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexLong,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexTime,
  EnumValue,
  NativeObject,
  SObjectValue,
  type TypeName,
  type Value,
} from '../language/values.ts';
import { keyOf, mapKey as mapKeyOf } from '../interpreter/operators.ts';
import type { AsyncJob } from './async.ts';

/** The loaded project a decoder resolves saved names against. */
export interface Program {
  readonly schema: Schema;
  readonly classes: Map<string, ClassInfo>;
}

/** Thrown for state the codec cannot save or load; the message names what and where. */
export class StateError extends Error {}

/**
 * A deep copy of an Apex value made the way the platform stores one between transactions: by
 * serialising it (shared references inside it stay shared). A value that cannot be serialised throws.
 */
export function serialisedCopy<T extends Value>(program: Program, value: T, where: string): T {
  return new Decoder(program).value(new Encoder().value(value, where)) as T;
}

type Encoded = null | boolean | number | string | { [key: string]: unknown };

/** Encodes values; objects and collections shared by several holders keep their identity (`ref`). */
export class Encoder {
  private readonly seen = new Map<object, number>();

  job(job: AsyncJob): unknown {
    return {
      ...job,
      id: job.id.value,
      enqueuedBy: job.enqueuedBy.value,
      cronTriggerId: job.cronTriggerId?.value,
      target: job.target && this.value(job.target, `job ${job.id.value}`),
      finalizer: job.finalizer && this.value(job.finalizer, `finalizer of ${job.id.value}`),
      future: job.future && { ...job.future, args: job.future.args.map((a) => this.value(a, `job ${job.id.value}`)) },
      batchRows: job.batchRows?.map((row) => this.value(row, `job ${job.id.value}`)),
      batchOriginal: job.batchOriginal && this.value(job.batchOriginal, `job ${job.id.value}`),
    };
  }

  value(value: Value, where: string): Encoded {
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') return { int: value };
    if (value instanceof ApexId) return { id: value.value };
    if (value instanceof ApexDecimal) return { dec: value.unscaled.toString(), scale: value.scale };
    if (value instanceof ApexLong) return { long: value.value.toString() };
    if (value instanceof ApexDouble) return { dbl: value.value };
    if (value instanceof ApexDate) return { date: [value.year, value.month, value.day] };
    if (value instanceof ApexDatetime) return { dt: value.epochMs };
    if (value instanceof ApexTime) return { time: value.millisOfDay };
    if (value instanceof ApexBlob) return { blob: value.bytes.toString('base64') };
    if (value instanceof EnumValue) return { enum: value.enumType, name: value.name, ordinal: value.ordinal };
    const ref = this.seen.get(value);
    if (ref !== undefined) return { ref };
    const key = this.seen.size;
    this.seen.set(value, key);
    if (value instanceof ApexList)
      return { key, list: value.elementType, items: value.items.map((v) => this.value(v, where)) };
    if (value instanceof ApexSet)
      return { key, set: value.elementType, items: [...value.entries.values()].map((v) => this.value(v, where)) };
    if (value instanceof ApexMap)
      return {
        key,
        map: [value.keyType, value.valueType],
        ignoreCase: value.ignoreCase,
        entries: [...value.entries.values()].map(([k, v]) => [this.value(k, where), this.value(v, where)]),
      };
    if (value instanceof SObjectValue)
      return {
        key,
        sobject: value.object.name,
        strict: value.strict,
        populated: [...value.populated],
        fields: [...value.fields].map(([name, v]) => [name, this.value(v, where)]),
      };
    if (value instanceof ApexObject)
      return { key, object: value.cls.key, fields: [...value.fields].map(([name, v]) => [name, this.value(v, where)]) };
    if (value instanceof NativeObject) return { key, native: value.typeName, state: this.nativeState(value, where) };
    throw new StateError(`Cannot save a value of ${where}`);
  }

  /** Platform objects are saved when their state is plain data or Apex values; others fail loudly. */
  private nativeState(native: NativeObject, where: string): unknown {
    const plain = (v: unknown): unknown => {
      if (v === undefined) return { undef: true };
      if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number')
        return this.value(v, where);
      if (Array.isArray(v)) return { array: v.map(plain) };
      if (v && Object.getPrototypeOf(v) === Object.prototype)
        return { plain: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) };
      try {
        return this.value(v as Value, where);
      } catch {
        throw new StateError(`Cannot save ${native.typeName} held by ${where}`);
      }
    };
    return plain(native.state);
  }
}

export class Decoder {
  /** Where saved records' objects and saved instances' classes are looked up again. */
  private readonly program: Program;
  private readonly made = new Map<number, Value>();

  constructor(program: Program) {
    this.program = program;
  }

  object(name: string): SchemaObject {
    const object = this.program.schema.getObject(name);
    if (!object) throw new StateError(`The saved org has records of ${name}, which the project no longer defines`);
    return object;
  }

  private cls(key: string): ClassInfo {
    const cls = this.program.classes.get(key);
    if (!cls) throw new StateError(`The saved org holds an instance of ${key}, which the project no longer defines`);
    return cls;
  }

  job(raw: unknown): AsyncJob {
    const job = raw as Record<string, unknown> & { future?: { cls: string; method: string; args: unknown[] } };
    return {
      ...(job as unknown as AsyncJob),
      id: new ApexId(job.id as string),
      enqueuedBy: new ApexId(job.enqueuedBy as string),
      cronTriggerId: typeof job.cronTriggerId === 'string' ? new ApexId(job.cronTriggerId) : undefined,
      target: job.target === undefined ? undefined : (this.value(job.target) as ApexObject),
      finalizer: job.finalizer === undefined ? undefined : (this.value(job.finalizer) as ApexObject),
      future: job.future && { ...job.future, args: job.future.args.map((a) => this.value(a)) },
      batchRows: Array.isArray(job.batchRows) ? job.batchRows.map((row) => this.value(row)) : undefined,
      batchOriginal: job.batchOriginal === undefined ? undefined : (this.value(job.batchOriginal) as ApexObject),
    };
  }

  value(raw: unknown): Value {
    if (raw === null || typeof raw === 'boolean' || typeof raw === 'string') return raw;
    const v = raw as Record<string, unknown>;
    if ('int' in v) return v.int as number;
    if ('id' in v) return new ApexId(v.id as string);
    if ('dec' in v) return new ApexDecimal(BigInt(v.dec as string), v.scale as number);
    if ('long' in v) return new ApexLong(BigInt(v.long as string));
    if ('dbl' in v) return new ApexDouble(v.dbl as number);
    if ('date' in v) {
      const [y, m, d] = v.date as [number, number, number];
      return new ApexDate(y, m, d);
    }
    if ('dt' in v) return new ApexDatetime(v.dt as number);
    if ('time' in v) return new ApexTime(v.time as number);
    if ('blob' in v) return new ApexBlob(Buffer.from(v.blob as string, 'base64'));
    if ('enum' in v) return new EnumValue(v.enum as string, v.name as string, v.ordinal as number);
    if ('ref' in v) {
      const made = this.made.get(v.ref as number);
      if (made === undefined) throw new StateError(`Saved state refers to value #${String(v.ref)} before defining it`);
      return made;
    }
    return this.composite(v);
  }

  private composite(v: Record<string, unknown>): Value {
    const key = v.key as number;
    if ('list' in v) {
      const list = new ApexList(v.list as TypeName);
      this.made.set(key, list);
      list.items.push(...(v.items as unknown[]).map((x) => this.value(x)));
      return list;
    }
    if ('set' in v) {
      const set = new ApexSet(v.set as TypeName);
      this.made.set(key, set);
      for (const item of v.items as unknown[]) {
        const value = this.value(item);
        set.entries.set(keyOf(value), value);
      }
      return set;
    }
    if ('map' in v) {
      const [keyType, valueType] = v.map as [TypeName, TypeName];
      const map = new ApexMap(keyType, valueType);
      map.ignoreCase = v.ignoreCase === true;
      this.made.set(key, map);
      for (const [k, x] of v.entries as [unknown, unknown][]) {
        const mapKey = this.value(k);
        map.entries.set(mapKeyOf(map, mapKey), [mapKey, this.value(x)]);
      }
      return map;
    }
    if ('sobject' in v) {
      const record = new SObjectValue(this.object(v.sobject as string));
      this.made.set(key, record);
      record.strict = v.strict === true;
      for (const name of v.populated as string[]) record.populated.add(name);
      for (const [name, x] of v.fields as [string, unknown][]) record.fields.set(name, this.value(x));
      return record;
    }
    if ('object' in v) {
      const object = new ApexObject(this.cls(v.object as string));
      this.made.set(key, object);
      for (const [name, x] of v.fields as [string, unknown][]) object.fields.set(name, this.value(x));
      return object;
    }
    if ('native' in v) {
      const state: Record<string, unknown> = {};
      const native = new NativeObject(v.native as string, state);
      this.made.set(key, native);
      Object.assign(state, this.plain(v.state) as Record<string, unknown>);
      return native;
    }
    throw new StateError(`Saved state holds a value the runtime cannot read: ${JSON.stringify(v).slice(0, 80)}`);
  }

  private plain(raw: unknown): unknown {
    const v = raw as Record<string, unknown> | null;
    if (v && typeof v === 'object' && 'undef' in v) return undefined;
    if (v && typeof v === 'object' && 'array' in v) return (v.array as unknown[]).map((x) => this.plain(x));
    if (v && typeof v === 'object' && 'plain' in v)
      return Object.fromEntries(Object.entries(v.plain as Record<string, unknown>).map(([k, x]) => [k, this.plain(x)]));
    return this.value(raw);
  }
}
