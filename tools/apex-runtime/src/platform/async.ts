// Asynchronous Apex: Queueable (with Finalizers), @future, Batch and Schedulable, with the platform's
// rules that catch real bugs — enqueue limits per context, chaining inside a test, a batch test whose
// start returns more rows than its scope, jobs of a rolled-back transaction discarded, each job
// running as the user who enqueued it in a transaction of its own.
import type { SchemaObject } from '../../../../scripts/lib/schema.ts';
import { PlatformError } from '../language/errors.ts';
import { ApexThrow } from '../interpreter/interpreter.ts';
import type { LimitName } from './limits.ts';
import type { ExecutionContext } from '../interpreter/host.ts';
import type { PlatformContext } from './context.ts';
import { nextFireTime } from './cron.ts';
import { serialisedCopy } from './codec.ts';
import type { ClassInfo } from '../language/classes.ts';
import {
  ApexDatetime,
  ApexId,
  ApexList,
  ApexObject,
  EnumValue,
  NativeObject,
  SObjectValue,
  type Value,
} from '../language/values.ts';

export type JobKind = 'Queueable' | 'Future' | 'BatchApex' | 'ScheduledApex';

export interface AsyncJob {
  id: ApexId;
  kind: JobKind;
  /** The Queueable, Batchable or Schedulable instance. */
  target?: ApexObject;
  /** @future: class and method to call with `args`. */
  future?: { cls: string; method: string; args: Value[] };
  scope?: number;
  enqueuedBy: ApexId;
  /** Set when the job's execute attaches one. */
  finalizer?: ApexObject;
  signature?: string;
  /** Earliest run time (epoch ms) of a delayed Queueable; tests run it at stopTest regardless. */
  notBefore?: number;
  cronTriggerId?: ApexId;
  /** Queueables: 1 for a job enqueued outside a Queueable, one more for each job in a chain. */
  depth?: number;
  /** Outside tests: the rows a batch's start returned, for executes that run as transactions of their own. */
  batchRows?: Value[];
  /**
   * A batch that is not Database.Stateful: its instance as the job began. Each execute and the finish
   * get a fresh copy of it ("Using State in Batch Apex": without Database.Stateful, instance member
   * variables are set back to their original values).
   */
  batchOriginal?: ApexObject;
}

/** One transaction of an async job with what it spent, for listeners such as the local org's counters. */
export interface JobTransaction {
  job: AsyncJob;
  /** The execution context, or `batch start` / `batch execute` / `batch finish` when they are separate transactions. */
  phase: string;
  failure: unknown;
  used: Record<LimitName, number>;
  statements: number;
  /** The largest heap estimate of the transaction (bytes). */
  heapPeak: number;
}

const MAX_ACTIVE_BATCH_JOBS = 5;
const BATCH_SLOT_STATUSES = new Set(['Queued', 'Preparing', 'Processing']);

export class AsyncEngine {
  /**
   * Start times (epoch ms) of async Apex executions — each Queueable, future, scheduled job and batch
   * start and execute — for OrgLimits' DailyAsyncApexExecutions (a rolling 24 hours).
   */
  readonly executions: number[] = [];

  /** Async Apex executions in the 24 hours before now. */
  executionsInLastDay(): number {
    const since = this.rt.now().epochMs - 86_400_000;
    return this.executions.filter((at) => at > since).length;
  }

  private readonly rt: PlatformContext;
  readonly queue: AsyncJob[] = [];
  /** Jobs enqueued by the transaction in progress: discarded if it rolls back. */
  enqueuedThisTransaction: AsyncJob[] = [];
  private running: AsyncJob | undefined;
  /** Called at the end of every async transaction, before its limits are dropped. */
  onTransaction?: (transaction: JobTransaction) => void;

  constructor(rt: PlatformContext) {
    this.rt = rt;
  }

  private jobObject(): SchemaObject {
    return this.rt.schema.getObject('AsyncApexJob') as SchemaObject;
  }

  /** Lower-case top-level class name → its ApexClass row's Id. */
  private readonly apexClassIds = new Map<string, ApexId>();

  /**
   * One ApexClass row per top-level class of the project (Object Reference, "ApexClass"): inner
   * classes have no row of their own. Loaded classes are not in a namespace, and they compiled.
   */
  seedApexClasses(names: string[]): void {
    const object = this.rt.schema.getObject('ApexClass') as SchemaObject;
    for (const name of names) {
      const id = this.rt.org.newId(object);
      const fields = new Map<string, Value>([
        ['id', id],
        ['name', name],
        ['namespaceprefix', null],
        ['status', 'Active'],
        ['isvalid', true],
      ]);
      this.rt.org.store.put({ id, object, deleted: false, fields });
      this.apexClassIds.set(name.toLowerCase(), id);
    }
  }

  /**
   * AsyncApexJob.ApexClassId (Object Reference, "AsyncApexJob": "the ID of the Apex class executing
   * the job"): the top-level class of the job's Queueable, Batchable or Schedulable, or the class
   * declaring the @future method.
   */
  private apexClassId(job: AsyncJob): ApexId | null {
    let cls = job.target?.cls;
    while (cls?.outer) cls = cls.outer;
    const name = cls?.name ?? job.future?.cls.split('.')[0];
    return (name && this.apexClassIds.get(name.toLowerCase())) || null;
  }

  private record(job: AsyncJob, status: string, extra: [string, Value][] = []): void {
    const store = this.rt.org.store;
    const existing = store.byId(job.id);
    const fields =
      existing?.fields ??
      new Map<string, Value>([
        ['id', job.id],
        ['jobtype', job.kind],
        ['apexclassid', this.apexClassId(job)],
        ['createdbyid', job.enqueuedBy],
        ['createddate', this.rt.now()],
        ['numberoferrors', 0],
        ['totaljobitems', 0],
        ['jobitemsprocessed', 0],
        ['methodname', job.future?.method ?? null],
      ]);
    fields.set('status', status);
    for (const [k, v] of extra) fields.set(k, v);
    if (!existing) store.put({ id: job.id, object: this.jobObject(), fields, deleted: false });
  }

  private add(job: Omit<AsyncJob, 'id' | 'enqueuedBy'>, limit: 'queueableJobs' | 'futureCalls' | null): ApexId {
    if (
      this.rt.inTest &&
      this.running &&
      (this.rt.context === 'queueable' || this.rt.context === 'finalizer') &&
      job.kind === 'Queueable'
    ) {
      // Apex Developer Guide, "Queueable Apex": chaining is not allowed in a test.
      throw new PlatformError('System.AsyncException', 'Maximum stack depth has been reached.');
    }
    const chained = this.running && (this.rt.context === 'queueable' || this.rt.context === 'finalizer');
    const depth = job.kind === 'Queueable' ? (chained ? (this.running?.depth ?? 1) + 1 : 1) : undefined;
    const max = this.rt.maxQueueableStackDepth;
    if (depth !== undefined && max !== undefined && depth > max) {
      // The platform's wording for this case is not documented; the test-chaining message is reused.
      throw new PlatformError('System.AsyncException', 'Maximum stack depth has been reached.');
    }
    if (limit) this.rt.limits.spend(limit);
    const full: AsyncJob = { ...job, depth, id: this.rt.org.newId(this.jobObject()), enqueuedBy: this.rt.userId };
    this.queue.push(full);
    this.enqueuedThisTransaction.push(full);
    this.rt.pendingWork = true;
    this.record(full, 'Queued');
    return full.id;
  }

  /** System.enqueueJob(job[, delayMinutes | AsyncOptions]). A duplicate signature is checked against queued jobs only. */
  enqueue(target: Value, option: Value = null): ApexId {
    if (!(target instanceof ApexObject))
      throw new PlatformError('System.NullPointerException', 'Argument cannot be null');
    const options = option instanceof NativeObject ? option.state : {};
    const signature =
      options.duplicatesignature instanceof NativeObject ? String(options.duplicatesignature.state.key) : undefined;
    if (signature !== undefined && this.queue.some((job) => job.signature === signature)) {
      throw new PlatformError(
        'System.DuplicateMessageException',
        'Attempt to enqueue job with duplicate queueable signature',
      );
    }
    const delay =
      typeof option === 'number'
        ? option
        : typeof options.minimumqueueabledelayinminutes === 'number'
          ? options.minimumqueueabledelayinminutes
          : 0;
    return this.add(
      { kind: 'Queueable', target, signature, notBefore: this.rt.now().epochMs + delay * 60_000 },
      'queueableJobs',
    );
  }

  future(cls: string, method: string, args: Value[]): void {
    if (this.rt.context === 'future' || this.rt.context === 'batch') {
      throw new PlatformError('System.AsyncException', 'Future method cannot be called from a future or batch method');
    }
    this.add({ kind: 'Future', future: { cls, method, args } }, 'futureCalls');
  }

  executeBatch(target: Value, scope: number): ApexId {
    if (!(target instanceof ApexObject))
      throw new PlatformError('System.NullPointerException', 'Argument cannot be null');
    const active = [...this.rt.org.store.records('AsyncApexJob')].filter(
      (r) => r.fields.get('jobtype') === 'BatchApex' && BATCH_SLOT_STATUSES.has(String(r.fields.get('status'))),
    ).length;
    const id = this.add({ kind: 'BatchApex', target, scope }, null);
    // Apex Reference, "FlexQueue Class": up to five batch jobs are queued or active per org; the
    // rest wait in the Apex flex queue as Holding until a slot frees up.
    if (active >= MAX_ACTIVE_BATCH_JOBS) this.record(this.queue[this.queue.length - 1] as AsyncJob, 'Holding');
    return id;
  }

  /** System.schedule: a CronTrigger (with its CronJobDetail name) the code can query and abort. */
  schedule(name: string, cron: string, target: Value): ApexId {
    if (!(target instanceof ApexObject))
      throw new PlatformError('System.NullPointerException', 'Argument cannot be null');
    const store = this.rt.org.store;
    const taken = [...store.records('CronJobDetail')].some((d) => !d.deleted && d.fields.get('name') === name);
    if (taken)
      throw new PlatformError(
        'System.AsyncException',
        `The Apex job named "${name}" is already scheduled for execution.`,
      );
    const detail = this.rt.schema.getObject('CronJobDetail') as SchemaObject;
    const trigger = this.rt.schema.getObject('CronTrigger') as SchemaObject;
    const detailId = this.rt.org.newId(detail);
    store.put({
      id: detailId,
      object: detail,
      deleted: false,
      fields: new Map<string, Value>([
        ['id', detailId],
        ['name', name],
        ['jobtype', '7'],
      ]),
    });
    const triggerId = this.rt.org.newId(trigger);
    const fields = new Map<string, Value>([
      ['id', triggerId],
      ['cronjobdetailid', detailId],
      ['cronexpression', cron],
      ['state', 'WAITING'],
      ['timestriggered', 0],
      ['createdbyid', this.rt.userId],
      ['createddate', this.rt.now()],
    ]);
    store.put({ id: triggerId, object: trigger, deleted: false, fields });
    // NextFireTime is set in tests too (Apex Developer Guide, "Apex Scheduler": its test asserts it).
    fields.set('nextfiretime', this.nextFire(cron));
    if (this.rt.inTest) {
      // In a test a scheduled job runs once, at Test.stopTest.
      this.add({ kind: 'ScheduledApex', target, cronTriggerId: triggerId }, null);
    } else {
      this.schedules.set(triggerId.value, { target, cron, user: this.rt.userId });
    }
    return triggerId;
  }

  /** Scheduled jobs outside tests, fired by the fake clock. */
  private readonly schedules = new Map<string, { target: ApexObject; cron: string; user: ApexId }>();

  /** Scheduled jobs outside tests, for the local org's saved state. */
  scheduledJobs(): { triggerId: string; target: ApexObject; cron: string; user: ApexId }[] {
    return [...this.schedules].map(([triggerId, s]) => ({ triggerId, ...s }));
  }

  restoreSchedules(saved: { triggerId: string; target: ApexObject; cron: string; user: ApexId }[]): void {
    this.schedules.clear();
    for (const { triggerId, ...s } of saved) this.schedules.set(triggerId, s);
  }

  private nextFire(cron: string): Value {
    const next = nextFireTime(cron, this.rt.now().epochMs, this.rt.timeZone);
    return next === undefined ? null : new ApexDatetime(next);
  }

  /** Queues every scheduled job whose next fire time has come, and moves its CronTrigger on. */
  fireDueSchedules(): void {
    const store = this.rt.org.store;
    for (const [triggerId, schedule] of this.schedules) {
      const trigger = store.byId(new ApexId(triggerId));
      const next = trigger?.fields.get('nextfiretime');
      if (!trigger || !(next instanceof ApexDatetime) || next.epochMs > this.rt.now().epochMs) continue;
      const job: AsyncJob = {
        id: this.rt.org.newId(this.jobObject()),
        kind: 'ScheduledApex',
        target: schedule.target,
        enqueuedBy: schedule.user,
        cronTriggerId: trigger.id,
      };
      this.queue.push(job);
      this.record(job, 'Queued');
      trigger.fields.set('previousfiretime', next);
      trigger.fields.set('timestriggered', ((trigger.fields.get('timestriggered') as number) ?? 0) + 1);
      trigger.fields.set('nextfiretime', this.nextFire(schedule.cron));
    }
  }

  /** System.abortJob: removes a queued job or a scheduled CronTrigger. */
  abort(id: Value): void {
    if (!(id instanceof ApexId)) throw new PlatformError('System.NullPointerException', 'Argument cannot be null');
    const index = this.queue.findIndex((job) => job.id.value === id.value || job.cronTriggerId?.value === id.value);
    const job = index >= 0 ? this.queue.splice(index, 1)[0] : undefined;
    const store = this.rt.org.store;
    const trigger = store.byId(id);
    if (trigger?.object.name === 'CronTrigger') {
      this.schedules.delete(id.value);
      const detail = trigger.fields.get('cronjobdetailid');
      if (detail instanceof ApexId) store.remove(detail);
      store.remove(id);
    }
    if (job) this.record(job, 'Aborted');
    else if (!trigger) throw new PlatformError('System.StringException', 'Invalid id value for this SObject type');
  }

  attachFinalizer(finalizer: Value): void {
    if (!this.running || this.running.kind !== 'Queueable') {
      throw new PlatformError('System.AsyncException', 'Finalizers can only be attached to Queueable jobs');
    }
    if (!(finalizer instanceof ApexObject))
      throw new PlatformError('System.NullPointerException', 'Argument cannot be null');
    this.running.finalizer = finalizer;
  }

  /** A transaction rolled back: its jobs never run. */
  discardTransactionJobs(): void {
    this.discardSince(0);
  }

  discardSince(mark: number): void {
    for (const job of this.enqueuedThisTransaction.splice(mark)) {
      const index = this.queue.indexOf(job);
      if (index >= 0) this.queue.splice(index, 1);
      this.rt.org.store.remove(job.id);
    }
  }

  /** Runs queued jobs (Test.stopTest, or the local org draining its queue). Rethrows the first unhandled job exception. */
  drain(): number {
    let firstError: unknown;
    let ran = 0;
    for (;;) {
      // Outside tests a delayed Queueable waits for the clock.
      const index = this.queue.findIndex((j) => this.rt.inTest || (j.notBefore ?? 0) <= this.rt.now().epochMs);
      if (index < 0) break;
      const job = this.queue.splice(index, 1)[0] as AsyncJob;
      ran++;
      try {
        this.run(job);
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError) throw firstError;
    return ran;
  }

  private run(job: AsyncJob): void {
    const context: ExecutionContext =
      job.kind === 'Queueable'
        ? 'queueable'
        : job.kind === 'Future'
          ? 'future'
          : job.kind === 'BatchApex'
            ? 'batch'
            : 'scheduled';
    this.record(job, 'Processing');
    this.executions.push(this.rt.now().epochMs);
    const separate = job.kind === 'BatchApex' && !this.rt.inTest;
    const failure = this.inTransaction(job, context, () => this.execute(job), separate ? 'batch start' : context);
    const chunkFailures = separate && !failure ? this.runBatchTransactions(job) : [];
    const first = failure ?? chunkFailures[0];
    this.record(job, failure ? 'Failed' : 'Completed', [
      ['completeddate', this.rt.now()],
      ['numberoferrors', failure ? 1 : chunkFailures.length],
      ['extendedstatus', first ? errorMessage(first) : null],
    ]);
    if (job.finalizer) this.runFinalizer(job, failure);
    if (first) throw first;
  }

  /** A job's own transaction: async limits, the enqueuing user, rollback of its data and jobs on failure. */
  private inTransaction(job: AsyncJob, context: ExecutionContext, body: () => void, phase: string = context): unknown {
    const saved = {
      context: this.rt.context,
      user: this.rt.userId,
      running: this.running,
      enqueued: this.enqueuedThisTransaction,
    };
    const undo = this.rt.org.store.snapshot();
    const mailed = this.rt.sentMessages.length;
    const outer = this.rt.enterAsyncTransaction(context, job.enqueuedBy);
    this.running = job;
    this.enqueuedThisTransaction = [];
    let failure: unknown;
    try {
      body();
    } catch (error) {
      failure = error instanceof PlatformError ? this.rt.interp.toApexThrow(error) : error;
      this.rt.org.store.restore(undo);
      // Apex Developer Guide, "Outbound Email": no email is sent until the transaction commits.
      this.rt.sentMessages.length = mailed;
      this.discardTransactionJobs();
    } finally {
      const limits = this.rt.limits;
      this.onTransaction?.({
        job,
        phase,
        failure,
        used: limits.snapshot(),
        statements: limits.statements,
        heapPeak: limits.heapPeak,
      });
      this.rt.leaveAsyncTransaction(saved.context, saved.user, outer);
      this.running = saved.running;
      this.enqueuedThisTransaction = saved.enqueued;
    }
    return failure;
  }

  private execute(job: AsyncJob): void {
    const interp = this.rt.interp;
    if (job.future) {
      const cls = this.rt.classes.get(job.future.cls.toLowerCase());
      if (!cls) throw new Error(`future class ${job.future.cls} missing`);
      interp.invokeMethod(cls, undefined, job.future.method, job.future.args, 0, false, true);
      return;
    }
    const target = job.target as ApexObject;
    if (job.kind === 'Queueable') {
      interp.invokeMethod(target.cls, target, 'execute', [this.context('System.QueueableContext', job)], 0, true);
    } else if (job.kind === 'ScheduledApex') {
      interp.invokeMethod(target.cls, target, 'execute', [this.context('System.SchedulableContext', job)], 0, true);
    } else {
      this.runBatch(job, target);
    }
  }

  /**
   * In a test a batch runs start, one execute and finish; more rows than the scope is an error (Apex
   * Developer Guide, "Testing Batch Apex"). Outside tests only start runs here (see runBatchTransactions).
   */
  private runBatch(job: AsyncJob, target: ApexObject): void {
    const interp = this.rt.interp;
    const context = this.context('Database.BatchableContext', job);
    job.batchOriginal = isStateful(target.cls) ? undefined : serialisedCopy(this.rt, target, `batch ${job.id.value}`);
    const start = interp.invokeMethod(target.cls, target, 'start', [context], 0, true);
    const rows = this.rt.batchRows(start);
    const scope = job.scope ?? 200;
    // Object Reference, "AsyncApexJob": TotalJobItems is the batches to process, JobItemsProcessed those done.
    this.record(job, 'Processing', [['totaljobitems', Math.ceil(rows.length / scope)]]);
    if (!this.rt.inTest) {
      job.batchRows = rows;
      return;
    }
    if (rows.length > scope) {
      throw new PlatformError(
        'System.UnexpectedException',
        'No more than one executeBatch can be called from within a test method. Please make sure the iterable returned from your start method matches the batch size, resulting in one executeBatch invocation.',
      );
    }
    for (let i = 0; i < rows.length; i += scope) {
      this.executions.push(this.rt.now().epochMs);
      const chunk = new ApexList({ name: 'SObject', args: [] }, rows.slice(i, i + scope));
      const instance = this.batchInstance(job, target);
      interp.invokeMethod(instance.cls, instance, 'execute', [context, chunk], 0, true);
      this.countProcessed(job);
    }
    const instance = this.batchInstance(job, target);
    interp.invokeMethod(instance.cls, instance, 'finish', [context], 0, true);
  }

  /** One more batch done, whether its execute succeeded or not (its failure counts in NumberOfErrors). */
  private countProcessed(job: AsyncJob): void {
    const fields = this.rt.org.store.byId(job.id)?.fields;
    if (fields) fields.set('jobitemsprocessed', Number(fields.get('jobitemsprocessed') ?? 0) + 1);
  }

  /** The instance an execute or finish runs on: the job's own when Stateful, else a copy of its start state. */
  private batchInstance(job: AsyncJob, target: ApexObject): ApexObject {
    return job.batchOriginal ? serialisedCopy(this.rt, job.batchOriginal, `batch ${job.id.value}`) : target;
  }

  /**
   * Outside tests each execute, and the finish, is a discrete transaction with fresh limits; a failed
   * execute rolls back its own chunk only and the job goes on (Apex Developer Guide, "Using Batch Apex").
   * Returns the failures. Instance state carries from one execute to the next only when Database.Stateful.
   */
  private runBatchTransactions(job: AsyncJob): unknown[] {
    const target = job.target as ApexObject;
    const rows = job.batchRows ?? [];
    job.batchRows = undefined;
    const scope = job.scope ?? 200;
    const context = this.context('Database.BatchableContext', job);
    const call = (method: string, args: Value[]) => () => {
      const instance = this.batchInstance(job, target);
      this.rt.interp.invokeMethod(instance.cls, instance, method, [context, ...args], 0, true);
    };
    const failures: unknown[] = [];
    for (let i = 0; i < rows.length; i += scope) {
      const chunk = new ApexList({ name: 'SObject', args: [] }, rows.slice(i, i + scope));
      const failure = this.inTransaction(job, 'batch', call('execute', [chunk]), 'batch execute');
      this.countProcessed(job);
      if (failure) failures.push(failure);
    }
    const failure = this.inTransaction(job, 'batch', call('finish', []), 'batch finish');
    if (failure) failures.push(failure);
    return failures;
  }

  private runFinalizer(job: AsyncJob, failure: unknown): void {
    const finalizer = job.finalizer as ApexObject;
    const exception = failure instanceof ApexThrow ? failure.exception : null;
    const context = new NativeObject('System.FinalizerContext', {
      jobId: job.id,
      result: new EnumValue('System.ParentJobResult', exception ? 'UNHANDLED_EXCEPTION' : 'SUCCESS', exception ? 1 : 0),
      exception,
    });
    const finalizerJob: AsyncJob = { ...job, finalizer: undefined };
    const error = this.inTransaction(finalizerJob, 'finalizer', () => {
      this.rt.interp.invokeMethod(finalizer.cls, finalizer, 'execute', [context], 0, true);
    });
    if (error) throw error;
  }

  private context(typeName: string, job: AsyncJob): NativeObject {
    return new NativeObject(typeName, { jobId: job.id });
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof ApexThrow)
    return `${error.exception.cls.displayName}: ${String(error.exception.fields.get('message'))}`;
  return error instanceof Error ? error.message : String(error);
}

export function isRecordList(value: Value): value is ApexList {
  return value instanceof ApexList && value.items.every((v) => v instanceof SObjectValue);
}

/** Whether the class (or a superclass) implements Database.Stateful. */
function isStateful(cls: ClassInfo | undefined): boolean {
  for (let c = cls; c; c = c.superclass)
    if (
      c.decl &&
      'implementsTypes' in c.decl &&
      c.decl.implementsTypes.some((t) => t.name.toLowerCase() === 'database.stateful')
    )
      return true;
  return false;
}
