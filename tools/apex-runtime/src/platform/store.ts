// The in-memory org's records: what the SOQL engine reads and DML writes.
import type { SchemaObject } from '../../../../scripts/lib/schema.ts';
import type { ApexId, Value } from '../language/values.ts';

export interface StoredRecord {
  readonly id: ApexId;
  readonly object: SchemaObject;
  /** Field values keyed by lower-case API name, Id and audit fields included. */
  readonly fields: Map<string, Value>;
  deleted: boolean;
  /** Hard-deleted by Database.emptyRecycleBin: can no longer be undeleted, still seen by ALL ROWS for a while. */
  emptied?: boolean;
  /** Deleted by the cascade of this master's delete: undeleting the master restores it. */
  deletedWith?: string;
  /** Lookups this record's delete cleared (record Id, field), put back when it is undeleted. */
  cleared?: { id: string; field: string }[];
}

export interface RecordReader {
  /** Every record of an object, deleted ones included (callers filter on `deleted` unless ALL ROWS). */
  records(objectApiName: string): Iterable<StoredRecord>;
  byId(id: ApexId): StoredRecord | undefined;
}

export class RecordStore implements RecordReader {
  private readonly byObject = new Map<string, Map<string, StoredRecord>>();
  private readonly index = new Map<string, StoredRecord>();

  records(objectApiName: string): Iterable<StoredRecord> {
    return this.byObject.get(objectApiName.toLowerCase())?.values() ?? [];
  }

  byId(id: ApexId): StoredRecord | undefined {
    return this.index.get(id.value);
  }

  put(record: StoredRecord): void {
    const key = record.object.name.toLowerCase();
    let bucket = this.byObject.get(key);
    if (!bucket) this.byObject.set(key, (bucket = new Map()));
    bucket.set(record.id.value, record);
    this.index.set(record.id.value, record);
  }

  remove(id: ApexId): void {
    const record = this.index.get(id.value);
    if (!record) return;
    this.byObject.get(record.object.name.toLowerCase())?.delete(id.value);
    this.index.delete(id.value);
  }

  /** A copy to restore later (test rollback, savepoints): records are copied, values shared (they are immutable). */
  snapshot(): StoredRecord[] {
    return [...this.index.values()].map((r) => ({
      id: r.id,
      object: r.object,
      fields: new Map(r.fields),
      deleted: r.deleted,
      emptied: r.emptied,
      deletedWith: r.deletedWith,
      cleared: r.cleared && [...r.cleared],
    }));
  }

  /** Every record, deleted ones included, in insertion order (the local org's store saves them). */
  all(): StoredRecord[] {
    return [...this.index.values()];
  }

  restore(snapshot: StoredRecord[]): void {
    this.byObject.clear();
    this.index.clear();
    for (const r of snapshot) this.put({ ...r, fields: new Map(r.fields), cleared: r.cleared && [...r.cleared] });
  }
}
