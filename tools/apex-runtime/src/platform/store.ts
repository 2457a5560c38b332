// What the SOQL engine and DML need from the in-memory org's data.
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
}

export interface RecordReader {
  /** Every record of an object, deleted ones included (callers filter on `deleted` unless ALL ROWS). */
  records(objectApiName: string): Iterable<StoredRecord>;
  byId(id: ApexId): StoredRecord | undefined;
}
