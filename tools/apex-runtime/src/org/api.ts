// The runtime as a library, for the local org (`npm start`) and the benchmarks: load the project
// once, run anonymous Apex, call @AuraEnabled methods with JSON as the platform sends it, call Apex
// REST resources as a client would, do DML as a given user in Apex or Bulk API transactions, drain
// async work, advance the clock, route callouts, and read the governor counters of the last
// transaction (and of each trigger run and async job in it).
// Also the calls the local org's REST API makes: DML in user mode with allOrNone, and API queries.
import type * as A from '../language/ast.ts';
import type { JobKind } from '../platform/async.ts';
import type { ClassInfo } from '../language/classes.ts';
import { PlatformError } from '../language/errors.ts';
import type { CalloutRouter } from '../platform/http.ts';
import { ApexThrow } from '../interpreter/interpreter.ts';
import { deserializeAs, serializeValue } from '../platform/json.ts';
import type { LimitName } from '../platform/limits.ts';
import type { RecordResult, TriggerRun } from '../platform/dml.ts';
import { apexErrorAnswer, routeRest, runRestMethod, type RestAnswer, type RestCall } from '../platform/rest.ts';
import { Runtime, type RuntimeOptions } from './runtime.ts';
import { enforceApiVisibility } from '../platform/security.ts';
import { executeSoql, type SoqlResult } from '../platform/soql/execute.ts';
import { parseDynamicSoql, type SoqlQuery } from '../language/soql/query.ts';
import { ApexId, ApexList, SObjectValue, type Value } from '../language/values.ts';

export type { RestAnswer, RestCall } from '../platform/rest.ts';

export interface TransactionCounters {
  used: Record<LimitName, number>;
  /** Apex statements executed: the deterministic stand-in for CPU time. */
  statements: number;
  /** Each trigger run (one object, event and chunk of ≤ 200) with what it spent, nested DML included. */
  triggers: TriggerRun[];
}

/** One transaction of an async job (a batch outside tests has one per start, execute and finish). */
export interface AsyncRun {
  /** The Queueable, Batchable or Schedulable class, or the @future method's class. */
  className: string;
  kind: JobKind;
  /** `queueable`, `future`, `scheduled`, `finalizer`, `batch start`, `batch execute` or `batch finish`. */
  phase: string;
  /** `Type: message` of the unhandled exception that rolled the transaction back. */
  error?: string;
  used: Record<LimitName, number>;
  statements: number;
  /** The largest heap estimate of the transaction (bytes; src/interpreter/heap.ts). */
  heapPeak: number;
}

export type AuraOutcome = { ok: true; json: string } | { ok: false; error: string; type: string };

export class LocalOrg {
  readonly rt: Runtime;
  private last: TransactionCounters | undefined;

  constructor(root: string, options: RuntimeOptions = {}) {
    this.rt = new Runtime(root, options);
  }

  /** Runs anonymous Apex in its own transaction (as `userId` if given); returns the debug lines. */
  runAnonymous(source: string, options: { userId?: ApexId } = {}): string[] {
    const start = this.rt.debugLog.length;
    this.transaction(() => this.rt.runAnonymous(source, { newTransaction: false, isolated: false }), options.userId);
    return this.rt.debugLog.slice(start);
  }

  /** Calls `Class.method` with parameters as the Lightning client sends them (JSON by name), as `userId` if given. */
  callAura(
    className: string,
    method: string,
    params: Record<string, unknown>,
    options: { userId?: ApexId } = {},
  ): AuraOutcome {
    const cls = this.rt.classes.get(className.toLowerCase());
    const decl = cls?.decl?.members.find(
      (m): m is A.MethodDecl => m.kind === 'method' && m.name.toLowerCase() === method.toLowerCase(),
    );
    if (!cls || !decl || !decl.annotations.some((a) => a.name === 'auraenabled') || !decl.modifiers.has('static')) {
      return {
        ok: false,
        type: 'System.NoSuchMethodException',
        error: `No @AuraEnabled static method ${className}.${method}`,
      };
    }
    try {
      let json = 'null';
      this.transaction(() => {
        const args = decl.params.map((p) =>
          p.name in params ? deserializeAs(this.rt.interp, JSON.stringify(params[p.name]), p.type) : null,
        );
        json = serializeValue(
          this.rt.interp,
          this.rt.interp.invokeMethod(cls as ClassInfo, undefined, decl.name, args, decl.line, false),
        );
      }, options.userId);
      return { ok: true, json };
    } catch (error) {
      if (error instanceof ApexThrow) {
        return {
          ok: false,
          type: error.exception.cls.displayName,
          error: String(error.exception.fields.get('message') ?? ''),
        };
      }
      throw error;
    }
  }

  /**
   * A request to `/services/apexrest<path>` as the user (`userId`, else the default user): the
   * @RestResource class whose urlMapping matches runs its method for the HTTP method in one
   * transaction (src/platform/rest.ts). No match is 404 NOT_FOUND, no method for the HTTP method 405
   * METHOD_NOT_ALLOWED (no Apex runs); an uncaught Apex exception is 500 APEX_ERROR with the
   * transaction rolled back (records, queued jobs, after-commit events). What the platform's answer
   * would be is not documented for some requests (XML, a body the parameters cannot take …): those
   * throw UnsupportedApexFeature, also after rolling back. Apex class access is not checked.
   */
  callRest(request: RestCall, options: { userId?: ApexId } = {}): RestAnswer {
    const route = routeRest(this.rt, request);
    if ('answer' in route) return route.answer;
    let answer: RestAnswer | undefined;
    try {
      this.transaction(() => {
        answer = runRestMethod(this.rt, request, route);
      }, options.userId);
    } catch (error) {
      if (error instanceof ApexThrow) return apexErrorAnswer(this.rt, error);
      throw error;
    }
    return answer as RestAnswer;
  }

  /**
   * DML as a user. `apex` is one transaction (triggers in chunks of 200 sharing its limits); `bulk`
   * is a Bulk API load, one transaction per 200-record chunk. Returns per-record results and the
   * counters of every transaction. `userMode` enforces the user's object and field permissions, as
   * the APIs do. `allOrNone` (default: true for `apex`, false for `bulk`) rolls the whole call back
   * when a record fails; the records that did not fail then report ALL_OR_NONE_OPERATION_ROLLED_BACK
   * (SOAP API Developer Guide, "AllOrNoneHeader"). An `apex` call may mix objects: like an API call
   * it runs them in chunks of consecutive records of one object (REST API Developer Guide, "Create
   * Records Using sObject Collections").
   */
  dml(
    operation: 'insert' | 'update' | 'delete',
    records: SObjectValue[],
    options: { mode?: 'apex' | 'bulk'; userId?: ApexId; userMode?: boolean; allOrNone?: boolean } = {},
  ): { results: RecordResult[]; transactions: TransactionCounters[] } {
    const bulk = options.mode === 'bulk';
    const allOrNone = options.allOrNone ?? !bulk;
    const chunks = bulk ? chunk(records, 200) : [records];
    const results: RecordResult[] = [];
    const transactions: TransactionCounters[] = [];
    for (const part of chunks) {
      this.transaction(() => {
        results.push(...this.dmlCall(operation, part, allOrNone, options.userMode === true));
      }, options.userId);
      transactions.push(this.lastTransaction());
    }
    return { results, transactions };
  }

  /** One DML call over runs of consecutive records of one object; all-or-none across the runs. */
  private dmlCall(
    operation: 'insert' | 'update' | 'delete',
    records: SObjectValue[],
    allOrNone: boolean,
    userMode: boolean,
  ): RecordResult[] {
    const runs = runsByObject(records);
    // One run rolls itself back; several need the state from before the first.
    const before =
      allOrNone && runs.length > 1
        ? { store: this.rt.org.store.snapshot(), marks: this.rt.transactionMarks() }
        : undefined;
    const results: RecordResult[] = [];
    for (const run of runs) {
      const list = new ApexList({ name: run[0]?.object.name ?? 'SObject', args: [] }, run);
      results.push(...this.rt.dml.execute(operation, list, allOrNone, userMode));
      if (allOrNone && results.some((r) => !r.success)) break;
    }
    if (!allOrNone || results.every((r) => r.success)) return results;
    if (before) {
      this.rt.org.store.restore(before.store);
      this.rt.rollBackTo(before.marks);
    }
    return records.map((record, i) => {
      const result = results[i];
      if (result && !result.success) return result;
      const id = operation === 'insert' ? null : record.fields.get('id');
      return { id: id instanceof ApexId ? id : null, success: false, errors: [rolledBack()] };
    });
  }

  /**
   * A SOQL query as the REST and SOAP APIs run it for `userId`: text without binds, no Apex governor
   * charges, and only what the user may see (an object or field hidden from them does not exist:
   * security.ts, enforceApiVisibility). `allRows` is `queryAll`: deleted records too. Throws the
   * platform's QueryException as an ApexThrow.
   */
  apiQuery(
    soql: string,
    options: { userId?: ApexId; allRows?: boolean } = {},
  ): { query: SoqlQuery; result: SoqlResult } {
    const previous = this.rt.userId;
    if (options.userId) this.rt.userId = options.userId;
    try {
      const query = parseDynamicSoql(
        soql,
        () => {
          throw new PlatformError('System.QueryException', 'Bind variables only allowed in Apex code');
        },
        'API query',
        1,
      );
      if (options.allRows) query.allRows = true;
      enforceApiVisibility(this.rt, query);
      const result = executeSoql(query, {
        schema: this.rt.schema,
        store: this.rt.org.store,
        bind: () => null,
        now: this.rt.now(),
        timeZone: this.rt.timeZone,
      });
      return { query, result };
    } catch (error) {
      throw error instanceof PlatformError ? this.rt.interp.toApexThrow(error) : error;
    } finally {
      this.rt.userId = previous;
    }
  }

  /** Builds an SObject from plain field values (Ids as strings). */
  record(objectName: string, fields: Record<string, string | number | boolean | null>): SObjectValue {
    const object = this.rt.schema.getObject(objectName);
    if (!object) throw new Error(`Unknown object ${objectName}`);
    const record = this.rt.newSObject(object);
    for (const [name, value] of Object.entries(fields)) {
      const converted: Value = typeof value === 'number' ? this.rt.decimal(value) : value;
      this.rt.setField(record, name, converted);
    }
    return record;
  }

  /**
   * Calls `listener` after every async job transaction from now on; returns a function that stops it.
   * `drain` still throws a job's first unhandled exception after running the rest: catch it to go on.
   */
  onAsyncRun(listener: (run: AsyncRun) => void): () => void {
    const previous = this.rt.async.onTransaction;
    this.rt.async.onTransaction = (t) => {
      previous?.(t);
      const target = t.job.target?.cls.displayName ?? t.job.future?.cls ?? '';
      const error = t.failure === undefined ? undefined : describeFailure(t.failure);
      listener({
        className: target,
        kind: t.job.kind,
        phase: t.phase,
        error,
        used: t.used,
        statements: t.statements,
        heapPeak: t.heapPeak,
      });
    };
    return () => {
      this.rt.async.onTransaction = previous;
    };
  }

  /** Runs due async jobs and platform events until nothing due is left (delayed jobs wait for the clock). */
  drain(): void {
    this.rt.async.fireDueSchedules();
    while (this.rt.events.deliver() + this.rt.async.drain() > 0) {
      // Jobs and events may queue more work; run until nothing due is left.
    }
  }

  /** Moves the fake clock on and runs whatever became due (scheduled jobs, delayed Queueables). */
  advanceClock(ms: number): void {
    this.rt.advanceClock(ms);
    this.drain();
  }

  /** The next `times` FOR UPDATE queries on the object time out, as under another transaction's lock. */
  contendLocks(objectName: string, times = 1): void {
    this.rt.lockContention.set(objectName.toLowerCase(), times);
  }

  routeCallouts(router: CalloutRouter): void {
    this.rt.calloutRouter = router;
  }

  lastTransaction(): TransactionCounters {
    return this.last ?? { used: this.rt.limits.snapshot(), statements: this.rt.limits.statements, triggers: [] };
  }

  /** One transaction; an uncaught exception rolls back its records, queued jobs and after-commit events. */
  private transaction(body: () => void, userId?: ApexId): void {
    this.rt.beginTransaction();
    const undo = this.rt.org.store.snapshot();
    const mailed = this.rt.sentMessages.length;
    const previous = this.rt.userId;
    if (userId) this.rt.userId = userId;
    const triggers: TriggerRun[] = [];
    this.rt.dml.onTriggerRun = (run) => triggers.push(run);
    try {
      body();
    } catch (error) {
      this.rt.org.store.restore(undo);
      // Apex Developer Guide, "Outbound Email": no email is sent until the transaction commits.
      this.rt.sentMessages.length = mailed;
      this.rt.async.discardTransactionJobs();
      this.rt.events.discardSince(0);
      throw error instanceof PlatformError ? this.rt.interp.toApexThrow(error) : error;
    } finally {
      this.rt.dml.onTriggerRun = undefined;
      this.last = { used: this.rt.limits.snapshot(), statements: this.rt.limits.statements, triggers };
      this.rt.userId = previous;
    }
  }
}

function describeFailure(failure: unknown): string {
  if (failure instanceof ApexThrow)
    return `${failure.exception.cls.displayName}: ${String(failure.exception.fields.get('message') ?? '')}`;
  return failure instanceof Error ? failure.message : String(failure);
}

/** The error of a record that was valid but rolled back with the rest of an all-or-none call. */
export function rolledBack(): RecordResult['errors'][number] {
  return {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: [],
  };
}

/** Consecutive records of one object: {a1, a2, c1, a3} is {a1, a2}, {c1}, {a3}. */
function runsByObject(records: SObjectValue[]): SObjectValue[][] {
  const runs: SObjectValue[][] = [];
  for (const record of records) {
    const last = runs.at(-1);
    if (last && last[0]?.object === record.object) last.push(record);
    else runs.push([record]);
  }
  return runs;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
