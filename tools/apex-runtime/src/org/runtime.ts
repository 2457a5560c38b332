// One loaded project: the org, the interpreter, the running user and clock, governor counters,
// coverage, and the platform services. It implements what the interpreter asks of its host
// (interpreter/host.ts) and what the services ask of their context (platform/context.ts), and wires
// them together at construction.
import type { Schema, SchemaField, SchemaObject } from '../../../../scripts/lib/schema.ts';
import { loadStandardTypes } from '../../../../scripts/lib/standard-types.ts';
import type * as A from '../language/ast.ts';
import { SoqlCompileError, type SoqlQuery } from '../language/soql/query.ts';
import { checkSoql } from '../platform/soql/execute.ts';
import { findNodes } from '../language/walk.ts';
import { checkAnonymous, checkProject, type CheckEnv } from '../language/check/checker.ts';
import { buildClassRegistry, type ClassInfo } from '../language/classes.ts';
import { ApexCompileError, PlatformError, type CompileDiagnostic } from '../language/errors.ts';
import { ApexConverter, type SoqlConverter } from '../language/parse.ts';
import type { SoslQuery } from '../language/soql/sosl.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexId,
  ApexList,
  ApexMap,
  NativeObject,
  SObjectValue,
  type Value,
} from '../language/values.ts';
import { heapSize } from '../interpreter/heap.ts';
import type { AddedError, ExecutionContext, InlineQuery } from '../interpreter/host.ts';
import { Interpreter, type Frame } from '../interpreter/interpreter.ts';
import { registerStandardLibrary } from '../interpreter/library/library.ts';
import { Natives } from '../interpreter/natives.ts';
import { keyOf } from '../interpreter/operators.ts';
import { AsyncEngine } from '../platform/async.ts';
import type { PlatformContext, SavedTransaction, TransactionMarks } from '../platform/context.ts';
import { DmlEngine } from '../platform/dml.ts';
import { EventBus } from '../platform/events.ts';
import type { CalloutRouter } from '../platform/http.ts';
import { GovernorLimits } from '../platform/limits.ts';
import type { SentMessage } from '../platform/messaging.ts';
import { registerPlatformClasses } from '../platform/register.ts';
import { inlineSoql } from '../platform/soql/bridge.ts';
import { runSosl } from '../platform/soql/search.ts';
import { AccessModel } from '../platform/users.ts';
import { Org } from './org.ts';

/**
 * Statements between two heap estimates: twenty times the values the last one visited (at least
 * 5 000), so estimating stays a small share of running; and always on Limits.getHeapSize().
 */
const heapSampleInterval = (visits: number): number => Math.max(5000, 20 * visits);

export interface RuntimeOptions {
  soql?: SoqlConverter;
  /** IANA time zone of the running user. */
  timeZone?: string;
  /** Fixed start of the fake clock (epoch ms). */
  clockStart?: number;
  /**
   * Longest chain of Queueables (a job enqueued by a running job adds one). Developer Edition and
   * trial orgs stop at 5 (Apex Reference, "AsyncOptions Class"); production orgs have no limit.
   */
  maxQueueableStackDepth?: number;
}

export class Runtime implements PlatformContext {
  readonly org: Org;
  readonly schema: Schema;
  readonly classes: Map<string, ClassInfo>;
  readonly natives = new Natives();
  readonly interp: Interpreter;
  readonly dml: DmlEngine;
  readonly async: AsyncEngine;
  readonly events: EventBus;
  /** Test context: callouts need a mock, chaining is refused, batches run one execute. */
  inTest = false;
  /** DML, enqueues or an open savepoint since the transaction (or Test.startTest) began: a callout now fails. */
  pendingWork = false;
  calloutMock: Value = null;
  /** Test.setFixedSearchResults: the Ids SOSL finds in this test method (none until set). */
  fixedSearchResults: ApexId[] | null = null;
  calloutRouter?: CalloutRouter;
  limits = new GovernorLimits('sync');
  context: ExecutionContext = 'sync';
  userId: ApexId;
  readonly access: AccessModel;
  private readonly defaultTimeZone: string;
  private clock: number;
  /** file → executed lines. */
  readonly covered = new Map<string, Set<number>>();
  readonly debugLog: string[] = [];
  /** Emails and custom notifications the code "sent". */
  readonly sentMessages: SentMessage[] = [];
  private readonly classStack: ClassInfo[] = [];

  private readonly soqlConverter: SoqlConverter | undefined;

  readonly maxQueueableStackDepth: number | undefined;

  constructor(root: string, options: RuntimeOptions = {}) {
    this.soqlConverter = options.soql ?? inlineSoql;
    this.org = new Org(root, this.soqlConverter);
    this.schema = this.org.schema;
    this.classes = this.compile();
    this.interp = new Interpreter(this);
    this.dml = new DmlEngine(this);
    this.async = new AsyncEngine(this);
    this.events = new EventBus(this);
    this.defaultTimeZone = options.timeZone ?? 'America/Los_Angeles';
    this.clock = options.clockStart ?? Date.UTC(2026, 0, 15, 12, 0, 0);
    this.maxQueueableStackDepth = options.maxQueueableStackDepth;
    this.userId = this.dml.seedUser(this.defaultTimeZone);
    this.access = new AccessModel(this);
    this.access.load(root);
    this.async.seedApexClasses(this.org.classDecls.map((decl) => decl.name));
    // The interpreter's native table: the standard library, then the platform's classes.
    registerStandardLibrary(this.natives, this);
    registerPlatformClasses(this);
  }

  /** What the compile phase resolves names against (also used to type anonymous Apex). */
  private checkEnv!: CheckEnv;

  /**
   * Builds the class registry and runs the compile phase over every class and trigger before any
   * code runs: a project with compile errors does not load (ApexCompileError lists them all).
   */
  private compile(): Map<string, ClassInfo> {
    const errors: CompileDiagnostic[] = [];
    const registry = buildClassRegistry(this.org.classDecls, errors);
    this.checkEnv = { registry, schema: this.schema, standard: loadStandardTypes() };
    const triggers = [...this.org.triggers.values()].flat();
    errors.push(...checkProject(this.checkEnv, triggers));
    errors.push(...this.checkInlineSoql([...this.org.classDecls, ...triggers]));
    if (errors.length > 0) throw new ApexCompileError(errors);
    return registry;
  }

  /**
   * Static SOQL is compiled with its class ("SOQL and SOSL Queries": an unknown object or field, a
   * field that cannot be filtered or grouped … fails the deploy), so it is checked at load, not only
   * when a test reaches it (checkSoql: binds unknown, unsupported constructs left to execution).
   */
  private checkInlineSoql(units: (A.ClassDecl | A.TriggerDecl)[]): CompileDiagnostic[] {
    const found: CompileDiagnostic[] = [];
    for (const query of inlineQueries(units))
      try {
        checkSoql(query, this.schema);
      } catch (error) {
        if (!(error instanceof SoqlCompileError)) throw error;
        found.push({ file: error.file, line: error.line, message: error.problem });
      }
    return found;
  }

  /** The running user's time zone: async jobs run as their enqueuer, so local-time methods follow them. */
  get timeZone(): string {
    const zone = this.org.store.byId(this.userId)?.fields.get('timezonesidkey');
    return typeof zone === 'string' && zone ? zone : this.defaultTimeZone;
  }

  // ---- clock, user, logging ----

  now(): ApexDatetime {
    return new ApexDatetime(this.clock);
  }

  advanceClock(ms: number): void {
    this.clock += ms;
  }

  /** Today in the running user's time zone. */
  today(): ApexDate {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(this.clock));
    const [y, m, d] = parts.split('-').map(Number);
    return new ApexDate(y as number, m as number, d as number);
  }

  debug(message: string): void {
    this.debugLog.push(message);
  }

  runAs(user: Value, body: () => unknown): undefined {
    const previous = this.userId;
    const record = user instanceof SObjectValue ? user : null;
    const id = record?.fields.get('id');
    if (!(id instanceof ApexId)) this.interp.raise('System.NullPointerException', 'System.runAs requires a saved User');
    this.userId = id as ApexId;
    this.access.resetMixedDml();
    try {
      const completion = body();
      if (completion !== undefined) this.interp.unsupported('return or break out of System.runAs');
    } finally {
      this.userId = previous;
      this.access.resetMixedDml();
    }
    return undefined;
  }

  // ---- anonymous Apex (local org, benchmarks, conformance tests) ----

  /** Runs anonymous Apex in a new transaction; Apex exceptions propagate as ApexThrow. */
  runAnonymous(source: string, options: { newTransaction?: boolean; isolated?: boolean } = {}): void {
    // Compiled before anything runs: a block that does not compile starts no transaction.
    const block = new ApexConverter('anonymous', this.soqlConverter).anonymous(source);
    const problems = checkAnonymous(this.checkEnv, block);
    if (problems.length > 0) throw new ApexCompileError(problems);
    if (options.newTransaction !== false) this.beginTransaction();
    if (options.isolated !== false) this.isolate();
    const cls: ClassInfo = {
      ...(this.classes.get('exception') as ClassInfo),
      name: 'anonymous',
      key: 'anonymous',
      displayName: 'AnonymousBlock',
      isException: false,
      decl: undefined,
    };
    const frame: Frame = { scopes: [new Map()], cls, file: 'anonymous' };
    try {
      this.interp.execBlock(block, frame);
    } catch (error) {
      throw error instanceof PlatformError ? this.interp.toApexThrow(error) : error;
    }
  }

  // ---- Test.startTest / stopTest ----

  private outerLimits: GovernorLimits | undefined;

  /** Fresh governor limits for the code under test, as the platform gives. */
  startTest(interp: Interpreter): Value {
    if (this.outerLimits) interp.raise('System.FinalException', 'Test.startTest() already called');
    this.outerLimits = this.limits;
    this.limits = new GovernorLimits(this.limits.context);
    // DML made before startTest does not block a mock callout after it (platform-review R1).
    this.pendingWork = false;
    return null;
  }

  /** Runs the work queued since startTest, then restores the limits counted before it. */
  stopTest(interp: Interpreter): Value {
    if (!this.outerLimits) interp.raise('System.FinalException', 'Test.stopTest() called without Test.startTest()');
    const outer = this.outerLimits;
    try {
      while (this.events.pending.length > 0 || this.async.queue.length > 0) {
        this.events.deliver();
        this.async.drain();
      }
    } finally {
      outer.statements += this.limits.statements;
      this.limits = outer;
      this.outerLimits = undefined;
    }
    return null;
  }

  /** A new transaction: fresh limits and statics, nothing pending. Queued async work survives (it runs after commit). */
  beginTransaction(): void {
    this.limits = new GovernorLimits('sync');
    this.outerLimits = undefined;
    this.context = 'sync';
    this.pendingWork = false;
    this.calloutMock = null;
    this.interp.statics = new Map();
    this.dml.triggerStack.length = 0;
    this.async.enqueuedThisTransaction = [];
    this.access.resetMixedDml();
  }

  /** A test method starts with no queued jobs or undelivered events from an earlier one. */
  isolate(): void {
    this.fixedSearchResults = null;
    this.async.queue.length = 0;
    this.events.pending.length = 0;
  }

  /**
   * An async job's transaction: async limits (1 enqueue), the enqueuing user, nothing pending. Outside
   * tests it also starts with fresh statics, as every transaction does; in a test the job runs inside
   * the test's own transaction (at Test.stopTest) and sees its statics.
   */
  enterAsyncTransaction(context: ExecutionContext, user: ApexId): SavedTransaction {
    const statics = this.inTest ? undefined : this.interp.statics;
    const saved = { limits: this.limits, pending: this.pendingWork, user: this.userId, context: this.context, statics };
    this.limits = new GovernorLimits(context === 'scheduled' ? 'sync' : 'async');
    this.context = context;
    this.userId = user;
    this.pendingWork = false;
    if (statics) this.interp.statics = new Map();
    return saved;
  }

  leaveAsyncTransaction(context: ExecutionContext, user: ApexId, saved: SavedTransaction): void {
    saved.limits.statements += this.limits.statements;
    this.limits = saved.limits;
    this.pendingWork = saved.pending;
    if (saved.statics) this.interp.statics = saved.statics;
    this.context = context;
    this.userId = user;
  }

  /** Where the transaction's queued jobs and after-commit events stand, to roll back to. */
  transactionMarks(): TransactionMarks {
    return { jobs: this.async.enqueuedThisTransaction.length, events: this.events.pending.length };
  }

  /** Discards jobs and after-commit events added since the marks (their DML attempt rolled back). */
  rollBackTo(marks: TransactionMarks): void {
    this.async.discardSince(marks.jobs);
    this.events.discardSince(marks.events);
  }

  /** A callout releases the transaction's FOR UPDATE locks (platform-review R10). */
  releaseLocks(): void {
    this.lockedIds.clear();
  }

  readonly lockedIds = new Set<string>();

  /**
   * Simulated contention (there are no concurrent transactions here): the next `n` FOR UPDATE queries
   * on an object (lower-case name) time out as if another transaction held the rows for 10 s.
   */
  readonly lockContention = new Map<string, number>();

  /** Rows of a batch's start(): a QueryLocator's records or an Iterable list. */
  batchRows(start: Value): Value[] {
    if (start instanceof NativeObject && start.typeName === 'Database.QueryLocator')
      return (start.state.rows as ApexList).items;
    if (start instanceof ApexList) return start.items;
    return this.interp.unsupported('batch start() returning a custom Iterable');
  }

  // ---- statements, coverage, stack ----

  countStatement(file: string, line: number): void {
    if (++this.limits.statements >= this.limits.nextHeapSample) this.measureHeap();
    let lines = this.covered.get(file);
    if (!lines) this.covered.set(file, (lines = new Set()));
    lines.add(line);
  }

  /** The live heap now (heap.ts), recorded as the transaction's peak and checked against its limit. */
  measureHeap(): number {
    try {
      const { bytes, visits } = heapSize(this.interp.statics.values(), this.interp.liveFrames);
      this.limits.nextHeapSample = this.limits.statements + heapSampleInterval(visits);
      this.limits.lastHeap = { bytes, visits, at: this.limits.statements };
      return this.limits.heap(bytes);
    } catch (error) {
      throw error instanceof PlatformError ? this.interp.toApexThrow(error) : error;
    }
  }

  /**
   * Limits.getHeapSize(): a fresh estimate once at least as many statements ran as the last one
   * visited values (code that checks its headroom per record would otherwise walk the heap per
   * record); the last estimate before that.
   */
  heapNow(): number {
    const last = this.limits.lastHeap;
    if (this.limits.statements - last.at < Math.max(100, last.visits)) return last.bytes;
    return this.measureHeap();
  }

  enterMethod(cls: ClassInfo, _decl: A.MethodDecl): void {
    this.classStack.push(cls);
  }

  exitMethod(): void {
    this.classStack.pop();
  }

  currentClass(): ClassInfo {
    return this.classStack[this.classStack.length - 1] ?? (this.classes.get('exception') as ClassInfo);
  }

  // ---- SObjects ----

  newSObject(object: SchemaObject): SObjectValue {
    return new SObjectValue(object);
  }

  field(object: SchemaObject, name: string): SchemaField | undefined {
    return this.schema.getField(object.name, name);
  }

  getField(record: SObjectValue, name: string): Value {
    const key = name.toLowerCase();
    if (record.fields.has(key)) return record.fields.get(key) as Value;
    const field = this.field(record.object, name);
    const relationship = field ? undefined : this.schema.getRelationship(record.object.name, name);
    const child = field || relationship ? undefined : this.schema.getChildRelationship(record.object.name, name);
    if (!field && !relationship && !child)
      this.interp.raise('System.SObjectException', `Invalid field ${name} for ${record.object.name}`);
    if (record.strict) {
      this.interp.raise(
        'System.SObjectException',
        `SObject row was retrieved via SOQL without querying the requested field: ${record.object.name}.${field?.name ?? name}`,
      );
    }
    return null;
  }

  setField(record: SObjectValue, name: string, value: Value): void {
    // "Context Variable Considerations": trigger.old is read-only, and so is trigger.new after the save.
    if (record.readOnly) this.interp.raise('System.FinalException', 'Record is read-only');
    const field = this.field(record.object, name);
    const key = name.toLowerCase();
    if (!field) {
      const relationship = this.schema.getRelationship(record.object.name, name);
      if (relationship && (value === null || value instanceof SObjectValue)) {
        record.fields.set(key, value);
        return;
      }
      this.interp.raise('System.SObjectException', `Invalid field ${name} for ${record.object.name}`);
    }
    record.fields.set(key, this.dml.convertForField(field as SchemaField, value));
    record.populated.add(key);
  }

  addError(record: SObjectValue, error: AddedError): void {
    this.dml.addedErrors.set(record, error);
  }

  keyPrefix(object: SchemaObject): string {
    return this.org.keyPrefix(object);
  }

  cloneSObject(record: SObjectValue, preserveId: boolean): SObjectValue {
    const copy = new SObjectValue(record.object);
    for (const [k, v] of record.fields) if (preserveId || k !== 'id') copy.fields.set(k, v);
    for (const k of record.populated) if (preserveId || k !== 'id') copy.populated.add(k);
    return copy;
  }

  // ---- SObject types: tokens, custom metadata and custom settings accessors ----

  sobjectTypeToken(prefix: string): Value {
    const object = this.org.objectForPrefix(prefix);
    return object ? new NativeObject('Schema.SObjectType', { object }) : null;
  }

  sobjectTypeMember(object: SchemaObject, name: string): Value {
    if (name.toLowerCase() === 'sobjecttype') return new NativeObject('Schema.SObjectType', { object });
    const field = this.field(object, name);
    if (field) return new NativeObject('Schema.SObjectField', { object, field });
    return this.interp.unsupported(`${object.name}.${name}`);
  }

  sobjectTypeCall(object: SchemaObject, name: string, args: Value[]): Value {
    const method = name.toLowerCase();
    if (object.kind === 'customMetadata') return this.customMetadataCall(object, method, args);
    if (object.kind === 'customSetting') return this.dml.customSettingCall(object, method, args);
    return this.interp.unsupported(`${object.name}.${name}()`);
  }

  private customMetadataCall(object: SchemaObject, method: string, args: Value[]): Value {
    const records = [...this.org.store.records(object.name)].map((r) => {
      const row = new SObjectValue(object);
      for (const [k, v] of r.fields) {
        row.fields.set(k, v);
        row.populated.add(k);
      }
      return row;
    });
    const byName = (name: Value): SObjectValue | null =>
      records.find((r) => String(r.fields.get('developername')).toLowerCase() === String(name).toLowerCase()) ?? null;
    switch (method) {
      case 'getall': {
        const map = new ApexMap({ name: 'String', args: [] }, { name: object.name, args: [] });
        for (const r of records) {
          const key = r.fields.get('developername') as string;
          map.entries.set(keyOf(key), [key, r]);
        }
        return map;
      }
      case 'getinstance':
        return byName(args[0] ?? null);
      default:
        return this.interp.unsupported(`${object.name}.${method}()`);
    }
  }

  // ---- DML and SOQL entry points ----

  dmlStatement(
    operation: A.DmlOperation,
    target: Value,
    access: 'system' | 'user' | undefined,
    externalId?: string,
  ): void {
    this.dml.statement(operation, target, externalId, access === 'user');
  }

  inlineSoql(expr: InlineQuery, bind: (e: A.Expr) => Value): Value {
    return this.dml.query(expr.query, bind);
  }

  inlineSosl(expr: InlineQuery, bind: (e: A.Expr) => Value): Value {
    try {
      return runSosl(this, expr.query as SoslQuery, bind);
    } catch (error) {
      throw error instanceof PlatformError ? this.interp.toApexThrow(error) : error;
    }
  }

  future(classKey: string, method: string, args: Value[]): void {
    this.async.future(classKey, method, args);
  }

  records(list: Value): SObjectValue[] {
    if (list instanceof SObjectValue) return [list];
    if (list instanceof ApexList) return list.items.filter((r): r is SObjectValue => r instanceof SObjectValue);
    return [];
  }

  decimal(n: number): ApexDecimal {
    return ApexDecimal.fromNumber(n);
  }
}

/** Every parsed inline SOQL query of the units (SOSL and unparsed queries are left out). */
function inlineQueries(units: (A.ClassDecl | A.TriggerDecl)[]): SoqlQuery[] {
  return findNodes(units, (node) => (node.kind === 'soql' && isSoqlQuery(node.query) ? node.query : undefined));
}

function isSoqlQuery(query: unknown): query is SoqlQuery {
  return typeof query === 'object' && query !== null && 'select' in query && 'from' in query;
}
