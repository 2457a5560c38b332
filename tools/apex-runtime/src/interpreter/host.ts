// What the interpreter and the standard library ask of the org they run in. The interpreter only
// evaluates Apex; records, queries, DML, async work, the clock and the running user belong to the
// platform above it. The org layer's Runtime implements this interface and hands itself to the
// Interpreter it builds, so no import runs from here upward.
import type { Schema, SchemaObject } from '../../../../scripts/lib/schema.ts';
import type * as A from '../language/ast.ts';
import type { ClassInfo } from '../language/classes.ts';
import type { ApexDate, ApexDatetime, SObjectValue, Value } from '../language/values.ts';
import type { Natives } from './natives.ts';

/** The kind of transaction running: `System.isBatch()` and friends read it. */
export type ExecutionContext = 'sync' | 'queueable' | 'batch' | 'future' | 'scheduled' | 'finalizer' | 'platformEvent';

/** An inline query as the parser left it: reading its SOQL or SOSL structure is the platform's job. */
export interface InlineQuery {
  query: unknown;
  line: number;
}

/** `SObject.addError`: the message, and the field it is marked on (none for the whole record). */
export interface AddedError {
  message: string;
  fields: string[];
}

export interface Host {
  /** The project's classes and the platform's exception classes, by lower-case qualified name. */
  readonly classes: Map<string, ClassInfo>;
  readonly schema: Schema;
  /** Native classes: the standard library's and the ones the platform registers. */
  readonly natives: Natives;

  // ---- running code: statements (governor and coverage), heap, the class a method runs in ----
  countStatement(file: string, line: number): void;
  /** Weighs the live heap now and checks it against the transaction's limit; returns the bytes. */
  measureHeap(): number;
  enterMethod(cls: ClassInfo, decl: A.MethodDecl): void;
  exitMethod(): void;
  currentClass(): ClassInfo;

  // ---- the transaction: context, running user's time zone, clock, debug log, System.runAs ----
  readonly context: ExecutionContext;
  readonly timeZone: string;
  now(): ApexDatetime;
  today(): ApexDate;
  debug(message: string): void;
  runAs(user: Value, body: () => unknown): undefined;

  // ---- statements the platform carries out ----
  dmlStatement(
    operation: A.DmlOperation,
    target: Value,
    access: 'system' | 'user' | undefined,
    externalId?: string,
  ): void;
  inlineSoql(expr: InlineQuery, bind: (e: A.Expr) => Value): Value;
  inlineSosl(expr: InlineQuery, bind: (e: A.Expr) => Value): Value;
  /** Queues a call of an `@future` method (may throw a PlatformError: limits, context). */
  future(classKey: string, method: string, args: Value[]): void;

  // ---- SObjects: fields as the schema allows them, SObject types, addError ----
  newSObject(object: SchemaObject): SObjectValue;
  getField(record: SObjectValue, name: string): Value;
  setField(record: SObjectValue, name: string, value: Value): void;
  cloneSObject(record: SObjectValue, preserveId: boolean): SObjectValue;
  addError(record: SObjectValue, error: AddedError): void;
  keyPrefix(object: SchemaObject): string;
  /** The `Schema.SObjectType` of a key prefix, or null. */
  sobjectTypeToken(prefix: string): Value;
  /** `Account.SObjectType`, `Account.Name`: a member of an SObject type used as a value. */
  sobjectTypeMember(object: SchemaObject, name: string): Value;
  /** `MySetting__c.getInstance()`, `MyType__mdt.getAll()`: a call on an SObject type. */
  sobjectTypeCall(object: SchemaObject, name: string, args: Value[]): Value;
}
