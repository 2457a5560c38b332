// What the platform services ask of the runtime that hosts them: the org's data, the running
// transaction (limits, user, pending work, test mode) and each other. The org layer's Runtime
// implements PlatformContext and hands itself to every service it builds, so a service reaches DML,
// async or events through this interface and no import runs from here upward.
import type { SchemaObject } from '../../../../scripts/lib/schema.ts';
import type { TriggerDecl } from '../language/ast.ts';
import type { ApexId, SObjectValue, Value } from '../language/values.ts';
import type { ExecutionContext, Host } from '../interpreter/host.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { AsyncEngine } from './async.ts';
import type { DmlEngine } from './dml.ts';
import type { EventBus } from './events.ts';
import type { CalloutRouter } from './http.ts';
import type { GovernorLimits } from './limits.ts';
import type { SentMessage } from './messaging.ts';
import type { RecordStore } from './store.ts';
import type { AccessModel } from './users.ts';

/** The org's data the services act on; the org layer loads it from the project (org/org.ts). */
export interface OrgData {
  readonly store: RecordStore;
  /** Lower-case object name → the project's triggers on it. */
  readonly triggers: Map<string, TriggerDecl[]>;
  /** Lower-case custom label name → its value. */
  readonly labels: Map<string, string>;
  /** Hosts of the project's active Remote Site Settings (callouts elsewhere are refused outside tests). */
  readonly remoteSites: URL[];
  keyPrefix(object: SchemaObject): string;
  objectForPrefix(prefix: string): SchemaObject | undefined;
  /** A new Id of the object, unique in this org. */
  newId(object: SchemaObject): ApexId;
}

/** What an async transaction replaces and gives back. */
export interface SavedTransaction {
  limits: GovernorLimits;
  pending: boolean;
  user: ApexId;
  context: ExecutionContext;
  /** Outside tests an async transaction starts with fresh statics; these are the caller's, given back. */
  statics?: Interpreter['statics'];
}

/** Where the transaction's queued jobs and after-commit events stand, to roll back to. */
export interface TransactionMarks {
  jobs: number;
  events: number;
}

export interface PlatformContext extends Host {
  readonly org: OrgData;
  readonly interp: Interpreter;
  readonly dml: DmlEngine;
  readonly async: AsyncEngine;
  readonly events: EventBus;
  readonly access: AccessModel;

  // ---- the running transaction ----
  limits: GovernorLimits;
  context: ExecutionContext;
  userId: ApexId;
  /** Test context: callouts need a mock, chaining is refused, batches run one execute. */
  inTest: boolean;
  /** DML, enqueues or an open savepoint since the transaction (or Test.startTest) began: a callout now fails. */
  pendingWork: boolean;
  calloutMock: Value;
  calloutRouter?: CalloutRouter;
  /** Test.setFixedSearchResults: the Ids SOSL finds in this test method (null until set). */
  fixedSearchResults: ApexId[] | null;
  /** Emails and custom notifications the code "sent". */
  readonly sentMessages: SentMessage[];
  /** Records locked by FOR UPDATE in this transaction. */
  readonly lockedIds: Set<string>;
  /** Simulated contention: the next `n` FOR UPDATE queries on an object (lower-case name) time out. */
  readonly lockContention: Map<string, number>;
  /** Longest chain of Queueables, when the org has one (Developer Edition: 5). */
  readonly maxQueueableStackDepth: number | undefined;

  enterAsyncTransaction(context: ExecutionContext, user: ApexId): SavedTransaction;
  leaveAsyncTransaction(context: ExecutionContext, user: ApexId, saved: SavedTransaction): void;
  transactionMarks(): TransactionMarks;
  /** Discards jobs and after-commit events added since the marks (their DML attempt rolled back). */
  rollBackTo(marks: TransactionMarks): void;
  /** A callout releases the transaction's FOR UPDATE locks. */
  releaseLocks(): void;
  /** Rows of a batch's start(): a QueryLocator's records or an Iterable list. */
  batchRows(start: Value): Value[];
  /** Limits.getHeapSize(): the last heap estimate, or a fresh one. */
  heapNow(): number;
  startTest(interp: Interpreter): Value;
  stopTest(interp: Interpreter): Value;
  /** The SObjects of a DML target: one record, or a list's records. */
  records(list: Value): SObjectValue[];
}
