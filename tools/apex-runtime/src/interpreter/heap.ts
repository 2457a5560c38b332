// An estimate of the live Apex heap: every value reachable from the statics and the frames running
// now, each object counted once. Salesforce documents the limits (6 MB synchronous, 12 MB
// asynchronous; Apex Developer Guide, "Execution Governors and Limits") but not what a value
// weighs, so the model is a stated, conservative one (it errs high):
//   String: 2 bytes per character (UTF-16) + 8; Blob: its bytes + 8; Id: 36 (18 characters);
//   Boolean, Integer: 4; Long, Double, Date, Datetime, Time: 8; Decimal: 16 + 1 per digit;
//   List, Set: 16 + 4 per element + the elements; Map: 16 + 8 per entry + keys and values;
//   sObject: 24 + 8 per field set + the values; Apex object: 16 + 4 per field + the values, and so
//   a platform object holding Apex values (RestRequest, RestResponse: `state.fields`);
//   enum constants, describe tokens and other platform handles: 4 (shared, like the platform's).
import type { Frame } from './interpreter.ts';
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
  NativeObject,
  SObjectValue,
  type Value,
} from '../language/values.ts';

/** Bytes of everything reachable from these roots, shared objects once, and how many values were visited. */
export function heapSize(
  statics: Iterable<Map<string, Value>>,
  frames: Iterable<Frame>,
): { bytes: number; visits: number } {
  const seen = new Set<object>();
  let total = 0;
  const pending: Value[] = [];
  for (const fields of statics) pending.push(...fields.values());
  for (const frame of frames) {
    if (frame.self) pending.push(frame.self);
    for (const scope of frame.scopes) pending.push(...scope.values());
  }
  let visits = 0;
  while (pending.length > 0) {
    visits++;
    const value = pending.pop() as Value;
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    total += ownSize(value, pending);
  }
  return { bytes: total, visits };
}

/** The value's own bytes; what it holds goes on `pending`. */
function ownSize(value: Value, pending: Value[]): number {
  if (typeof value === 'string') return 8 + 2 * value.length;
  if (typeof value === 'boolean' || typeof value === 'number') return 4;
  if (value instanceof ApexLong || value instanceof ApexDouble) return 8;
  if (value instanceof ApexDate || value instanceof ApexDatetime || value instanceof ApexTime) return 8;
  if (value instanceof ApexDecimal) return 16 + value.unscaled.toString().length;
  if (value instanceof ApexId) return 36;
  if (value instanceof ApexBlob) return 8 + value.bytes.length;
  if (value instanceof ApexList) {
    pending.push(...value.items);
    return 16 + 4 * value.items.length;
  }
  if (value instanceof ApexSet) {
    pending.push(...value.entries.values());
    return 16 + 4 * value.entries.size;
  }
  if (value instanceof ApexMap) {
    for (const [key, entry] of value.entries.values()) pending.push(key, entry);
    return 16 + 8 * value.entries.size;
  }
  if (value instanceof SObjectValue) {
    pending.push(...value.fields.values());
    return 24 + 8 * value.fields.size;
  }
  if (value instanceof ApexObject) {
    pending.push(...value.fields.values());
    return 16 + 4 * value.fields.size;
  }
  if (value instanceof NativeObject && value.state.fields instanceof Map) {
    const fields = value.state.fields as Map<string, Value>;
    pending.push(...fields.values());
    return 16 + 4 * fields.size;
  }
  return 4;
}
