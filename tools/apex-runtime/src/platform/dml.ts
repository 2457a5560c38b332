// DML on the in-memory store: Ids and audit fields, defaults, required-field and length checks,
// triggers in 200-record chunks (before, save, after), governor counts, and per-record results for
// `Database.insert(records, false)`.
import type { SchemaField, SchemaObject } from '../../../../scripts/lib/schema.ts';
import type * as A from '../language/ast.ts';
import { emptyClass } from '../language/classes.ts';
import { PlatformError, UnsupportedApexFeature } from '../language/errors.ts';
import { ApexThrow, type Frame } from '../interpreter/interpreter.ts';
import type { LimitName } from './limits.ts';
import { numericKind, toDecimal, toNumber } from '../interpreter/operators.ts';
import type { PlatformContext } from './context.ts';
import { relationsTo } from './delete-rules.ts';
import { dmlDenial } from './security.ts';
import { autoNumberField, isStandardEmail, standardDefault, standardLength, validEmail } from './standard-fields.ts';
import type { StoredRecord } from './store.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexId,
  ApexList,
  ApexMap,
  SObjectValue,
  type Value,
} from '../language/values.ts';
import { keyOf } from '../interpreter/operators.ts';

/** List custom settings are named by a String; an Id argument names the row by its text. */
function settingName(value: Value | undefined): Value {
  return value instanceof ApexId ? value.value : (value ?? null);
}

/** Standard fields the platform requires on insert (the generated schema does not know them). */
const STANDARD_REQUIRED: Record<string, string[]> = {
  account: ['Name'],
  contact: ['LastName'],
  lead: ['LastName', 'Company'],
  opportunity: ['Name', 'StageName', 'CloseDate'],
  campaign: ['Name'],
  contract: ['AccountId'],
  product2: ['Name'],
  pricebook2: ['Name'],
  asset: ['Name'],
  // Object Reference for Salesforce and Lightning Platform: fields marked "Create" without "Nillable".
  permissionsetassignment: ['AssigneeId', 'PermissionSetId'],
  campaignmember: ['CampaignId'],
  quote: ['Name', 'OpportunityId'],
  order: ['AccountId', 'EffectiveDate', 'Status'],
  opportunitylineitem: ['OpportunityId'],
  pricebookentry: ['Pricebook2Id', 'Product2Id', 'UnitPrice'],
  serviceappointment: ['ParentRecordId'],
  user: [
    'LastName',
    'Username',
    'Email',
    'Alias',
    'TimeZoneSidKey',
    'LocaleSidKey',
    'EmailEncodingKey',
    'LanguageLocaleKey',
    'ProfileId',
  ],
};

const MAX_TRIGGER_DEPTH = 16;

/** An exception a trigger did not handle, on its way to fail the DML's records. */
class TriggerFailure extends Error {
  readonly trigger: string;
  readonly event: string;
  readonly thrown: ApexThrow;

  constructor(trigger: string, event: string, thrown: ApexThrow) {
    super(thrown.message);
    this.trigger = trigger;
    this.event = event;
    this.thrown = thrown;
  }

  recordError(): RecordError {
    const when = this.event.replace(/(^|\s)(\w)/g, (_, _s: string, c: string) => c.toUpperCase());
    const type = this.thrown.exception.cls.displayName;
    return new RecordError(
      'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
      `${this.trigger}: execution of ${when}\n\ncaused by: ${type}: ${this.thrown.message}`,
      [],
    );
  }
}

/** Objects whose `after undelete` trigger fires (Apex Developer Guide, "Triggers and Recovered Records"). */
const UNDELETE_TRIGGER_OBJECTS = new Set([
  'account',
  'asset',
  'campaign',
  'case',
  'contact',
  'contract',
  'event',
  'lead',
  'opportunity',
  'product2',
  'task',
]);

const CHUNK = 200;

export type DmlOp = 'insert' | 'update' | 'delete' | 'undelete';

export interface TriggerContext {
  event: string;
  operation: DmlOp;
  isBefore: boolean;
  newList: ApexList | null;
  oldList: ApexList | null;
  newMap: ApexMap | null;
  oldMap: ApexMap | null;
  size: number;
}

/** Outcome of one record of a DML call. */
export interface RecordResult {
  id: ApexId | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

class RecordError extends Error {
  readonly statusCode: string;
  readonly fields: string[];

  constructor(statusCode: string, message: string, fields: string[] = []) {
    super(message);
    this.statusCode = statusCode;
    this.fields = fields;
  }
}

/** What one run of an object's triggers (one event, one chunk) spent, nested DML and its triggers included. */
export interface TriggerRun {
  object: string;
  event: string;
  size: number;
  used: Record<LimitName, number>;
  statements: number;
}

export class DmlEngine {
  private readonly rt: PlatformContext;
  readonly triggerStack: TriggerContext[] = [];
  /** Told what each trigger run spent (the local org's per-chunk counters); unset, nothing is measured. */
  onTriggerRun?: (run: TriggerRun) => void;
  /** `record.addError(…)` in a trigger: the record fails with a custom validation error (on a field if named). */
  readonly addedErrors = new WeakMap<SObjectValue, { message: string; fields: string[] }>();

  /** Reverts the saves of the DML call in progress, for an all-or-none call that fails late. */
  private undo: (() => void)[] = [];
  /** SOQL engine hook, set once the SOQL module is wired. */
  soql?: (query: unknown, bind: (e: A.Expr) => Value) => Value;

  constructor(rt: PlatformContext) {
    this.rt = rt;
  }

  /** The running user (and its profile and org) every transaction starts as. */
  seedUser(timeZone: string): ApexId {
    const schema = this.rt.schema;
    const org = this.rt.org;
    const profile = schema.getObject('Profile');
    const user = schema.getObject('User');
    if (!profile || !user) throw new Error('The standard schema has no User or Profile');
    const profileId = org.newId(profile);
    org.store.put({
      id: profileId,
      object: profile,
      deleted: false,
      fields: new Map<string, Value>([
        ['id', profileId],
        ['name', 'System Administrator'],
      ]),
    });
    const userId = org.newId(user);
    const fields = new Map<string, Value>([
      ['id', userId],
      ['username', 'admin@clevertap-import.local'],
      ['firstname', 'Local'],
      ['lastname', 'Admin'],
      ['name', 'Local Admin'],
      ['email', 'admin@clevertap-import.local'],
      ['alias', 'admin'],
      ['timezonesidkey', timeZone],
      ['profileid', profileId],
      ['isactive', true],
    ]);
    org.store.put({ id: userId, object: user, deleted: false, fields });
    return userId;
  }

  /** Converts an assigned value to the field's storage type (Number fields hold Decimals, Ids are Ids). */
  convertForField(field: SchemaField, value: Value): Value {
    if (value === null) return null;
    switch (field.type) {
      case 'id':
      case 'reference':
        if (typeof value === 'string') {
          if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value))
            throw this.rt.interp.toApexThrow(new PlatformError('System.StringException', `Invalid id: ${value}`));
          return new ApexId(value);
        }
        return value;
      case 'double':
      case 'currency':
      case 'percent':
        return numericKind(value) ? toDecimal(value) : this.typeError(field, value);
      case 'int':
        return numericKind(value) ? Math.trunc(toNumber(value)) : this.typeError(field, value);
      case 'boolean':
        return typeof value === 'boolean' ? value : this.typeError(field, value);
      case 'date':
        return value instanceof ApexDate ? value : this.typeError(field, value);
      case 'datetime':
        return value instanceof ApexDatetime ? value : this.typeError(field, value);
      default:
        return value instanceof ApexId ? value.value : value;
    }
  }

  private typeError(field: SchemaField, value: Value): never {
    throw this.rt.interp.toApexThrow(
      new PlatformError(
        'System.SObjectException',
        `Illegal assignment to ${field.name} of type ${field.type}: ${String(value)}`,
      ),
    );
  }

  // ---- DML ----

  /** A DML statement: all-or-none, a failure raises DmlException naming the first failing row. */
  statement(operation: A.DmlOperation, target: Value, externalId?: string, userMode = false): void {
    if (operation === 'upsert' || operation === 'merge') this.rt.interp.unsupported(`${operation} DML`);
    if (externalId) this.rt.interp.unsupported('upsert with an external Id');
    const results = this.execute(operation as DmlOp, target, true, userMode);
    const failure = results.findIndex((r) => !r.success);
    if (failure >= 0) {
      const error = (results[failure] as RecordResult).errors[0];
      const verb = operation.charAt(0).toUpperCase() + operation.slice(1);
      this.rt.interp.raise(
        'System.DmlException',
        `${verb} failed. First exception on row ${failure}; first error: ${error?.statusCode}, ${error?.message}: [${error?.fields.join(', ')}]`,
      );
    }
  }

  /**
   * Runs one DML call; with `allOrNone` a failing record fails the whole call (nothing saved). In
   * user mode a record the running user may not write fails like any invalid record.
   */
  execute(operation: DmlOp, target: Value, allOrNone: boolean, userMode = false): RecordResult[] {
    if (target === null) this.rt.interp.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    const records = this.rt.records(target);
    this.rt.limits.spend('dmlStatements');
    this.rt.limits.spend('dmlRows', records.length);
    this.rt.pendingWork = true;
    if (records.length === 0) return [];
    const object = (records[0] as SObjectValue).object;
    this.rt.access.checkMixedDml(object, operation, records as SObjectValue[]);
    const results: RecordResult[] = records.map((record) =>
      this.attempt(() => {
        const denial = userMode ? dmlDenial(this.rt, operation, record) : undefined;
        if (denial) throw new RecordError(denial.statusCode, denial.message, denial.fields);
        this.validate(operation, record);
      }, record),
    );
    if (allOrNone && results.some((r) => !r.success)) return results;
    let attemptRecords = records.filter((_, i) => (results[i] as RecordResult).success);
    const original = new Map(records.map((r) => [r, new Map(r.fields)]));
    const limitsAtStart = this.rt.limits.snapshot();
    // Bulk DML exception handling: a partial save that fails some records is rolled back and retried
    // with the records that succeeded, triggers firing again, up to three attempts; statics are kept.
    for (let attemptNo = 1; ; attemptNo++) {
      const marks = this.rt.transactionMarks();
      const { failures, undo } = this.saveAttempt(operation, object, attemptRecords);
      if (failures.length === 0) {
        this.undo.push(...undo);
        break;
      }
      for (const step of undo.reverse()) step();
      this.rt.rollBackTo(marks);
      for (const [record, error] of failures) results[records.indexOf(record)] = this.failure(record, error);
      if (allOrNone) break;
      this.rt.limits.restore(limitsAtStart);
      attemptRecords = attemptRecords.filter((r) => !failures.some(([failed]) => failed === r));
      for (const record of attemptRecords) this.reset(record, original.get(record) as Map<string, Value>);
      if (attemptNo === 3) {
        for (const record of attemptRecords)
          results[records.indexOf(record)] = this.failure(
            record,
            new RecordError(
              'UNKNOWN_EXCEPTION',
              'Too many batch retries in the presence of Apex triggers and partial failures.',
              [],
            ),
          );
        break;
      }
    }
    const rolledBack = allOrNone && results.some((r) => !r.success);
    records.forEach((record, i) => {
      const result = results[i] as RecordResult;
      if (result.success && !rolledBack) result.id = record.fields.get('id') as ApexId;
      else if (operation === 'insert') this.reset(record, original.get(record) as Map<string, Value>);
    });
    return results;
  }

  /** One attempt of a DML call over its trigger chunks; trigger DML joins the attempt's undo log. */
  private saveAttempt(
    operation: DmlOp,
    object: SchemaObject,
    records: SObjectValue[],
  ): { failures: [SObjectValue, RecordError][]; undo: (() => void)[] } {
    const outer = this.undo;
    this.undo = [];
    const failures: [SObjectValue, RecordError][] = [];
    try {
      for (let start = 0; start < records.length; start += CHUNK)
        failures.push(...this.chunk(operation, object, records.slice(start, start + CHUNK)));
      return { failures, undo: this.undo };
    } catch (error) {
      for (const step of this.undo.reverse()) step();
      throw error;
    } finally {
      this.undo = outer;
    }
  }

  /** Puts a record back as the caller built it (a retry or a rolled-back insert starts from there). */
  private reset(record: SObjectValue, fields: Map<string, Value>): void {
    this.addedErrors.delete(record);
    record.fields.clear();
    for (const [k, v] of fields) record.fields.set(k, v);
  }

  private attempt(check: () => void, record: SObjectValue): RecordResult {
    try {
      check();
      return { id: null, success: true, errors: [] };
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      return this.failure(record, error);
    }
  }

  private failure(record: SObjectValue, error: RecordError): RecordResult {
    const id = record.fields.get('id');
    return {
      id: id instanceof ApexId ? id : null,
      success: false,
      errors: [{ statusCode: error.statusCode, message: error.message, fields: error.fields }],
    };
  }

  private validate(operation: DmlOp, record: SObjectValue): void {
    const id = record.fields.get('id');
    if (operation === 'insert') {
      if (id) throw new RecordError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
      return;
    }
    if (!(id instanceof ApexId))
      throw new RecordError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
    const stored = this.rt.org.store.byId(id);
    if (!stored) throw new RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
    if (operation === 'undelete' && (!stored.deleted || stored.emptied))
      throw new RecordError('UNDELETE_FAILED', 'Entity is not in the recycle bin', []);
    if ((operation === 'update' || operation === 'delete') && stored.deleted)
      throw new RecordError('ENTITY_IS_DELETED', 'entity is deleted', []);
  }

  /** One trigger chunk: before triggers, system validation, save, after triggers. Returns the records that failed validation. */
  private chunk(operation: DmlOp, object: SchemaObject, chunkRecords: SObjectValue[]): [SObjectValue, RecordError][] {
    const store = this.rt.org.store;
    const oldOf = (r: SObjectValue): SObjectValue =>
      this.triggerView(store.byId(r.fields.get('id') as ApexId) as StoredRecord);
    const tooDeep = this.triggerDepthExceeded(object, operation);
    if (tooDeep) return chunkRecords.map((record) => [record, tooDeep]);
    const beforeOlds = operation === 'insert' ? null : chunkRecords.map(oldOf);
    if (operation !== 'undelete') {
      const failed = this.fireOrFail(
        object,
        `before ${operation}`,
        operation,
        operation === 'delete' ? null : chunkRecords,
        beforeOlds,
      );
      if (failed) return chunkRecords.map((record) => [record, failed]);
    }
    const failures: [SObjectValue, RecordError][] = [];
    const validated = chunkRecords.filter((record, i) => {
      // A before delete trigger refuses a delete with addError on its Trigger.old copy.
      const old = operation === 'delete' ? beforeOlds?.[i] : undefined;
      const added = this.addedErrors.get(record) ?? (old && this.addedErrors.get(old));
      if (added) {
        failures.push([record, new RecordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', added.message, added.fields)]);
        return false;
      }
      if (operation !== 'insert' && operation !== 'update') return true;
      const fields = operation === 'insert' ? this.withDefaults(record) : this.merged(record);
      try {
        this.checkFields(record, fields);
        return true;
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        failures.push([record, error]);
        return false;
      }
    });
    // What the delete does to the records pointing at these (after before triggers, as the platform checks it).
    const plan = operation === 'delete' ? this.planDelete(validated) : undefined;
    const records = validated.filter((record) => {
      const refusal = plan?.refusals.get((record.fields.get('id') as ApexId).value);
      if (refusal) failures.push([record, refusal]);
      return !refusal;
    });
    const olds = beforeOlds && beforeOlds.filter((_, i) => records.includes(chunkRecords[i] as SObjectValue));
    for (const record of records) this.save(operation, object, record);
    const ids = records.map((r) => r.fields.get('id') as ApexId);
    if (plan) this.applyDelete(plan, new Set(ids.map((id) => id.value)));
    if (operation === 'undelete') this.restoreWith(object, ids);
    const afterNew = operation === 'delete' ? null : records.map((r) => this.readOnlyCopy(r));
    const fireAfter =
      operation !== 'undelete' || UNDELETE_TRIGGER_OBJECTS.has(object.name.toLowerCase()) || object.kind === 'custom';
    if (fireAfter && records.length > 0) {
      const failed = this.fireOrFail(object, `after ${operation}`, operation, afterNew, olds);
      if (failed) return [...failures, ...records.map((record): [SObjectValue, RecordError] => [record, failed])];
    }
    (afterNew ?? (operation === 'delete' ? olds : null) ?? []).forEach((copy, i) => {
      const added = this.addedErrors.get(copy);
      if (added)
        failures.push([
          records[i] as SObjectValue,
          new RecordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', added.message, added.fields),
        ]);
    });
    return failures;
  }

  /** Writes one validated record: Id and audit fields on insert, field merge on update, the deleted flag otherwise. */
  private save(operation: DmlOp, object: SchemaObject, record: SObjectValue): void {
    const store = this.rt.org.store;
    const now = this.rt.now();
    const user = this.rt.userId;
    if (operation === 'insert') {
      record.fields.set('id', this.rt.org.newId(object));
      record.fields.set('createddate', now);
      record.fields.set('createdbyid', user);
      record.fields.set('isdeleted', false);
      // A new record is owned by the user who creates it unless the code sets an owner.
      if (object.fields['OwnerId'] && !record.fields.get('ownerid')) record.fields.set('ownerid', user);
    }
    record.fields.set('lastmodifieddate', now);
    record.fields.set('lastmodifiedbyid', user);
    record.fields.set('systemmodstamp', now);
    const id = record.fields.get('id') as ApexId;
    const stored = store.byId(id);
    if (operation === 'insert' || !stored) {
      const fields = this.withDefaults(record);
      composePersonName(object, fields);
      this.fillAutoNumber(object, fields);
      store.put({ id, object, fields, deleted: false });
      this.undo.push(() => store.remove(id));
      return;
    }
    const previous = { fields: new Map(stored.fields), deleted: stored.deleted };
    this.undo.push(() => {
      stored.fields.clear();
      for (const [k, v] of previous.fields) stored.fields.set(k, v);
      stored.deleted = previous.deleted;
    });
    if (operation === 'update') {
      for (const [k, v] of this.storable(record)) stored.fields.set(k, v);
      composePersonName(object, stored.fields);
    } else {
      stored.deleted = operation === 'delete';
      stored.fields.set('isdeleted', stored.deleted);
    }
  }

  /**
   * What deleting these records does to the records whose lookups point at them, and theirs in turn
   * (`delete-rules.ts`): children that go with them, lookups to clear, and the records a restricting
   * child keeps from being deleted (DELETE_FAILED). A relationship the runtime does not model, used by
   * a live record, is refused loudly. No trigger fires for the children: Apex Developer Guide, "Triggers
   * and Order of Execution" → "Operations That Don't Invoke Triggers" (cascading deletes; "records that
   * did not initiate a delete don't cause trigger evaluation").
   */
  private planDelete(records: SObjectValue[]): DeletePlan {
    const store = this.rt.org.store;
    const plan: DeletePlan = { refusals: new Map(), cascades: [], clears: [] };
    const objects = this.rt.schema.listObjects();
    // Records being deleted, by Id: the stored record and the record of the DML call it goes with.
    let frontier = new Map<string, { stored: StoredRecord; root: string }>();
    for (const record of records) {
      const stored = store.byId(record.fields.get('id') as ApexId) as StoredRecord;
      frontier.set(stored.id.value, { stored, root: stored.id.value });
    }
    const going = new Set(frontier.keys());
    while (frontier.size > 0) {
      const next = new Map<string, { stored: StoredRecord; root: string }>();
      const parents = new Set([...frontier.values()].map(({ stored }) => stored.object));
      for (const parentObject of parents) {
        for (const relation of relationsTo(objects, parentObject)) {
          if (relation.ignored) continue;
          for (const child of store.records(relation.object.name)) {
            const pointer = child.fields.get(relation.field);
            if (child.deleted || !(pointer instanceof ApexId)) continue;
            const parent = frontier.get(pointer.value);
            if (!parent || parent.stored.object !== parentObject) continue;
            const decision = relation.decide(child, this.rt.userId);
            if (decision.effect === 'unsupported')
              this.rt.interp.unsupported(
                `delete of a ${parentObject.name} that a live ${relation.object.name} points at through ${relation.label} (${decision.why})`,
              );
            if (decision.effect === 'clear')
              plan.clears.push({ child, field: relation.field, parent: parent.stored, root: parent.root });
            else if (decision.effect === 'cascade' && !going.has(child.id.value)) {
              going.add(child.id.value);
              next.set(child.id.value, { stored: child, root: parent.root });
              plan.cascades.push({ child, parent: parent.stored, root: parent.root });
            } else if (decision.effect === 'restrict' && !going.has(child.id.value) && !plan.refusals.has(parent.root))
              plan.refusals.set(parent.root, restrictedDelete(parent.stored, child));
          }
        }
      }
      frontier = next;
    }
    return plan;
  }

  /** Applies a delete plan to the records whose delete went through (`roots`); the undo log can take it back. */
  private applyDelete(plan: DeletePlan, roots: Set<string>): void {
    for (const { child, parent, root } of plan.cascades) {
      if (!roots.has(root)) continue;
      const before = { deleted: child.deleted, deletedWith: child.deletedWith, flag: child.fields.get('isdeleted') };
      this.undo.push(() => {
        child.deleted = before.deleted;
        child.deletedWith = before.deletedWith;
        child.fields.set('isdeleted', before.flag ?? false);
      });
      child.deleted = true;
      child.deletedWith = parent.id.value;
      child.fields.set('isdeleted', true);
    }
    for (const { child, field, parent, root } of plan.clears) {
      if (!roots.has(root)) continue;
      const value = child.fields.get(field) ?? null;
      const cleared = parent.cleared;
      this.undo.push(() => {
        child.fields.set(field, value);
        parent.cleared = cleared;
      });
      child.fields.set(field, null);
      parent.cleared = [...(cleared ?? []), { id: child.id.value, field }];
    }
  }

  /**
   * Undeleting records restores what their delete took with them (and theirs in turn) and the lookups
   * it cleared, where nothing replaced them: SOAP API Developer Guide, "undelete()"; Apex Developer
   * Guide, "Referential Integrity When Deleting and Restoring Records"; Salesforce Help, "Considerations
   * for Relationships" (undeleting a master restores its details).
   */
  private restoreWith(object: SchemaObject, ids: ApexId[]): void {
    const store = this.rt.org.store;
    const parents = new Set(ids.map((id) => id.value));
    for (const id of ids) {
      const parent = store.byId(id);
      const cleared = parent?.cleared;
      if (!parent || !cleared) continue;
      this.undo.push(() => {
        parent.cleared = cleared;
      });
      parent.cleared = undefined;
      for (const { id: childId, field } of cleared) {
        const child = store.byId(new ApexId(childId));
        if (!child || (child.fields.get(field) ?? null) !== null) continue;
        this.undo.push(() => child.fields.set(field, null));
        child.fields.set(field, id);
      }
    }
    const byObject = new Map<SchemaObject, ApexId[]>();
    for (const relation of relationsTo(this.rt.schema.listObjects(), object)) {
      if (relation.ignored) continue;
      for (const child of store.records(relation.object.name)) {
        const pointer = child.fields.get(relation.field);
        if (!child.deleted || child.emptied || !(pointer instanceof ApexId)) continue;
        if (child.deletedWith !== pointer.value || !parents.has(pointer.value)) continue;
        const before = { deletedWith: child.deletedWith, flag: child.fields.get('isdeleted') };
        this.undo.push(() => {
          child.deleted = true;
          child.deletedWith = before.deletedWith;
          child.fields.set('isdeleted', before.flag ?? true);
        });
        child.deleted = false;
        child.deletedWith = undefined;
        child.fields.set('isdeleted', false);
        byObject.set(relation.object, [...(byObject.get(relation.object) ?? []), child.id]);
      }
    }
    for (const [childObject, childIds] of byObject) this.restoreWith(childObject, childIds);
  }

  /** The stored record with this update's changes applied, for validation. */
  private merged(record: SObjectValue): Map<string, Value> {
    const stored = this.rt.org.store.byId(record.fields.get('id') as ApexId);
    return new Map([...(stored?.fields ?? []), ...this.storable(record)]);
  }

  /** What the store keeps: set fields only, relationship objects dropped. */
  private storable(record: SObjectValue): Map<string, Value> {
    const fields = new Map<string, Value>();
    for (const [k, v] of record.fields) if (!(v instanceof SObjectValue) && !(v instanceof ApexList)) fields.set(k, v);
    return fields;
  }

  private snapshotOf(stored: StoredRecord): SObjectValue {
    const copy = new SObjectValue(stored.object);
    for (const [k, v] of stored.fields) {
      copy.fields.set(k, v);
      copy.populated.add(k);
    }
    return copy;
  }

  private readOnlyCopy(record: SObjectValue): SObjectValue {
    const stored = this.rt.org.store.byId(record.fields.get('id') as ApexId);
    return stored ? this.triggerView(stored) : record;
  }

  /**
   * A stored record as a trigger sees it in Trigger.old or an after trigger's Trigger.new: read-only
   * (Apex Developer Guide, "Context Variable Considerations").
   */
  private triggerView(stored: StoredRecord): SObjectValue {
    const copy = this.snapshotOf(stored);
    copy.readOnly = true;
    return copy;
  }

  /** The stored form of a new record: field defaults fill what the insert left unset (the caller's variable is not refreshed). */
  withDefaults(record: SObjectValue): Map<string, Value> {
    const fields = this.storable(record);
    for (const field of Object.values(record.object.fields)) {
      const key = field.name.toLowerCase();
      if (fields.has(key)) continue;
      const standard = field.custom ? undefined : standardDefault(record.object.name, field.name);
      if (standard !== undefined) fields.set(key, standard);
      else if (field.type === 'boolean') fields.set(key, field.defaultValue === 'true');
      else if (field.defaultValue !== undefined) fields.set(key, this.defaultValue(field));
    }
    return fields;
  }

  private defaultValue(field: SchemaField): Value {
    const raw = field.defaultValue as string;
    // Integer fields hold Integers, the other number types Decimals (casts check the runtime type).
    if (field.type === 'int') return Math.trunc(Number(raw));
    if (['double', 'currency', 'percent'].includes(field.type)) return ApexDecimal.parse(raw);
    return raw.replace(/^"(.*)"$/, '$1');
  }

  /** Last auto-number given per object (seeded from the store: numbers are never reused, even after a rollback). */
  private readonly autoNumbers = new Map<string, number>();

  private fillAutoNumber(object: SchemaObject, fields: Map<string, Value>): void {
    const auto = autoNumberField(object.name) ?? projectAutoNumber(object);
    if (!auto) return;
    const key = auto.field.toLowerCase();
    let last = this.autoNumbers.get(object.name);
    if (last === undefined) {
      last = 0;
      for (const r of this.rt.org.store.records(object.name))
        last = Math.max(last, Number(String(r.fields.get(key) ?? '').replace(/\D/g, '')) || 0);
    }
    this.autoNumbers.set(object.name, last + 1);
    fields.set(key, auto.format(last + 1));
  }

  /** Required fields, text lengths, email addresses and lookup targets, checked after before triggers as the platform does. */
  private checkFields(record: SObjectValue, stored: Map<string, Value>): void {
    const required = [
      ...Object.values(record.object.fields)
        .filter((f) => f.required && f.fromProject && f.type !== 'boolean')
        .map((f) => f.name),
      ...(STANDARD_REQUIRED[record.object.name.toLowerCase()] ?? []),
    ];
    const missing = required.filter((name) => {
      const v = stored.get(name.toLowerCase());
      return v === null || v === undefined || v === '';
    });
    if (missing.length > 0)
      throw new RecordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    for (const field of Object.values(record.object.fields)) {
      const v = stored.get(field.name.toLowerCase());
      const length = field.length || (field.custom ? undefined : standardLength(record.object.name, field.name));
      if (typeof v === 'string' && length && v.length > length) {
        throw new RecordError(
          'STRING_TOO_LONG',
          `${field.name}: data value too large: ${v.slice(0, 40)} (max length=${length})`,
          [field.name],
        );
      }
      const email = field.type === 'email' || isStandardEmail(record.object.name, field.name);
      if (email && typeof v === 'string' && v !== '' && !validEmail(v))
        throw new RecordError('INVALID_EMAIL_ADDRESS', `${field.name}: invalid email address: ${v}`, [field.name]);
      if (field.type === 'reference' && v instanceof ApexId) this.checkLookup(field, v);
    }
  }

  /** A lookup must point at one of its parent objects (FIELD_INTEGRITY_EXCEPTION), whatever record it names. */
  private checkLookup(field: SchemaField, id: ApexId): void {
    const target = this.rt.org.objectForPrefix(id.prefix);
    if (!target || field.referenceTo.length === 0) return;
    if (!field.referenceTo.some((name) => name.toLowerCase() === target.name.toLowerCase()))
      throw new RecordError('FIELD_INTEGRITY_EXCEPTION', `${field.name}: id value of incorrect type: ${id.value}`, [
        field.name,
      ]);
  }

  // ---- triggers ----

  /**
   * Runs the triggers; an exception one of them leaves unhandled fails every record of the chunk, as
   * the platform reports it ("<Trigger>: execution of AfterInsert caused by: <exception>").
   */
  private fireOrFail(
    object: SchemaObject,
    event: string,
    operation: DmlOp,
    records: SObjectValue[] | null,
    olds: SObjectValue[] | null,
  ): RecordError | undefined {
    try {
      this.fire(object, event, operation, records, olds);
      return undefined;
    } catch (error) {
      if (!(error instanceof TriggerFailure)) throw error;
      return error.recordError();
    }
  }

  /**
   * Triggers that would run 17 levels deep refuse the DML (Apex Developer Guide, "Execution Governors
   * and Limits": maximum trigger depth 16), failing its records as the platform reports it.
   */
  private triggerDepthExceeded(object: SchemaObject, operation: DmlOp): RecordError | undefined {
    if (this.triggerStack.length < MAX_TRIGGER_DEPTH) return undefined;
    const trigger = (this.rt.org.triggers.get(object.name.toLowerCase()) ?? []).find((t) =>
      t.events.some((e) => e.endsWith(operation)),
    );
    return (
      trigger &&
      new RecordError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `${trigger.name}: maximum trigger depth exceeded`, [])
    );
  }

  private fire(
    object: SchemaObject,
    event: string,
    operation: DmlOp,
    records: SObjectValue[] | null,
    olds: SObjectValue[] | null,
  ): void {
    const triggers = (this.rt.org.triggers.get(object.name.toLowerCase()) ?? []).filter((t) =>
      t.events.includes(event),
    );
    if (triggers.length === 0) return;
    const type = { name: object.name, args: [] };
    const byId = (list: SObjectValue[] | null): ApexMap | null => {
      if (!list || (operation === 'insert' && event.startsWith('before'))) return null;
      const map = new ApexMap({ name: 'Id', args: [] }, type);
      for (const r of list) map.entries.set(keyOf(r.fields.get('id') ?? null), [r.fields.get('id') ?? null, r]);
      return map;
    };
    const context: TriggerContext = {
      event,
      operation,
      isBefore: event.startsWith('before'),
      newList: records ? new ApexList(type, records) : null,
      oldList: olds ? new ApexList(type, olds) : null,
      newMap: byId(records),
      oldMap: byId(olds),
      size: (records ?? olds ?? []).length,
    };
    const limits = this.rt.limits;
    const usedBefore = limits.snapshot();
    const statementsBefore = limits.statements;
    this.triggerStack.push(context);
    try {
      for (const trigger of triggers) {
        const cls = emptyClass(trigger.name, `trigger.${trigger.name.toLowerCase()}`, trigger.name);
        const frame: Frame = { scopes: [new Map()], cls, file: trigger.file };
        try {
          this.rt.interp.inFrame(`Trigger.${trigger.name}`, () => this.rt.interp.execBlock(trigger.body, frame));
        } catch (error) {
          const thrown = error instanceof PlatformError ? this.rt.interp.toApexThrow(error) : error;
          if (thrown instanceof ApexThrow && !thrown.uncatchable) throw new TriggerFailure(trigger.name, event, thrown);
          throw thrown;
        }
      }
    } finally {
      this.triggerStack.pop();
      if (this.onTriggerRun && this.rt.limits === limits) {
        const used = limits.snapshot();
        for (const name of Object.keys(used) as LimitName[]) used[name] -= usedBefore[name];
        this.onTriggerRun({
          object: object.name,
          event,
          size: context.size,
          used,
          statements: limits.statements - statementsBefore,
        });
      }
    }
  }

  /** Delivers platform events to their `after insert` triggers. */
  fireEventTriggers(object: SchemaObject, events: SObjectValue[]): void {
    this.fire(object, 'after insert', 'insert', events, null);
  }

  // ---- queries and custom settings ----

  query(parsed: unknown, bind: (e: A.Expr) => Value): Value {
    if (!this.soql) return this.rt.interp.unsupported('SOQL');
    return this.soql(parsed, bind);
  }

  /** Custom settings are invisible to tests unless inserted, so only stored rows are returned. */
  customSettingCall(object: SchemaObject, method: string, args: Value[]): Value {
    const rows = [...this.rt.org.store.records(object.name)].filter((r) => !r.deleted).map((r) => this.snapshotOf(r));
    const owner = (id: Value): SObjectValue | null =>
      rows.find((r) => keyOf(r.fields.get('setupownerid') ?? null) === keyOf(id)) ?? null;
    switch (method) {
      case 'getorgdefaults':
        return owner(this.orgId()) ?? this.unsavedSetting(object);
      case 'getinstance': {
        if (object.customSettingsType === 'List')
          return rows.find((r) => r.fields.get('name') === settingName(args[0])) ?? null;
        const user = this.rt.org.store.byId((args[0] as ApexId | undefined) ?? this.rt.userId);
        return (
          owner(this.rt.userId) ??
          owner(user?.fields.get('profileid') ?? null) ??
          owner(this.orgId()) ??
          this.unsavedSetting(object)
        );
      }
      case 'getvalues':
        return object.customSettingsType === 'List'
          ? (rows.find((r) => r.fields.get('name') === settingName(args[0])) ?? null)
          : owner(args[0] ?? null);
      case 'getall': {
        const map = new ApexMap({ name: 'String', args: [] }, { name: object.name, args: [] });
        for (const r of rows) map.entries.set(keyOf(r.fields.get('name') ?? null), [r.fields.get('name') ?? null, r]);
        return map;
      }
      default:
        return this.rt.interp.unsupported(`${object.name}.${method}()`);
    }
  }

  /** What a hierarchy setting returns when no row applies: a new, unsaved row holding the field defaults. */
  private unsavedSetting(object: SchemaObject): SObjectValue {
    const row = new SObjectValue(object);
    for (const [k, v] of this.withDefaults(row)) {
      row.fields.set(k, v);
      row.populated.add(k);
    }
    return row;
  }

  orgId(): ApexId {
    const object = this.rt.schema.getObject('Organization') as SchemaObject;
    const existing = [...this.rt.org.store.records('Organization')][0];
    if (existing) return existing.id;
    const id = this.rt.org.newId(object);
    this.rt.org.store.put({
      id,
      object,
      deleted: false,
      fields: new Map<string, Value>([
        ['id', id],
        ['name', 'CleverTap Import Local Org'],
      ]),
    });
    return id;
  }
}

/** What one delete chunk does beyond its own records (see `planDelete`). */
interface DeletePlan {
  /** Records of the call that a restricting child keeps from being deleted, by Id. */
  refusals: Map<string, RecordError>;
  cascades: { child: StoredRecord; parent: StoredRecord; root: string }[];
  clears: { child: StoredRecord; field: string; parent: StoredRecord; root: string }[];
}

/**
 * DELETE_FAILED for a record a restricting lookup points at. The status code is the platform's; the
 * message is worded here (the platform's text is not documented).
 */
function restrictedDelete(parent: StoredRecord, child: StoredRecord): RecordError {
  const name = (record: StoredRecord): string => {
    const value = record.fields.get('name') ?? record.fields.get('casenumber');
    return typeof value === 'string' && value !== '' ? value : record.id.value;
  };
  return new RecordError(
    'DELETE_FAILED',
    `Your attempt to delete ${name(parent)} could not be completed because it is associated with the following ${child.object.name} records: ${name(child)}`,
  );
}

/** Objects whose read-only Name the platform composes from the person-name fields. */
const PERSON_NAME_OBJECTS = new Set(['lead', 'contact', 'user']);

/**
 * Object Reference, Lead and Contact: `Name` is the concatenation of FirstName, MiddleName, LastName
 * and Suffix (read only). The fields an object does not have are skipped.
 */
function composePersonName(object: SchemaObject, fields: Map<string, Value>): void {
  if (!PERSON_NAME_OBJECTS.has(object.name.toLowerCase())) return;
  const parts = ['firstname', 'middlename', 'lastname', 'suffix'].map((name) => fields.get(name));
  const name = parts.filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
  fields.set('name', name === '' ? null : name);
}

/**
 * The project's own auto-number field (Name or a custom one) with a Display Format of literal text
 * and one `{000…}` number block (Salesforce Help, "Custom Field Attributes": Display Format); date
 * blocks such as {YYYY} are refused loudly rather than printed.
 */
function projectAutoNumber(object: SchemaObject): { field: string; format(n: number): string } | undefined {
  const field = Object.values(object.fields).find((f) => f.autoNumber && f.displayFormat);
  if (!field?.displayFormat) return undefined;
  const displayFormat = field.displayFormat;
  const block = /\{(0+)\}/.exec(displayFormat);
  if (!block || /\{(?!0+\})[^}]*\}/.test(displayFormat))
    throw new UnsupportedApexFeature(
      `auto-number Display Format ${displayFormat}`,
      `${object.name}.${field.name} (metadata)`,
      0,
    );
  const width = (block[1] as string).length;
  return { field: field.name, format: (n) => displayFormat.replace(block[0], String(n).padStart(width, '0')) };
}
