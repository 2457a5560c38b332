// Platform classes backed by the runtime's state: Schema describes, Database DML, Test, Limits,
// UserInfo and the Trigger context variables.
import type { SchemaField, SchemaObject } from '../../../../scripts/lib/schema.ts';
import type { RecordResult } from './dml.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { LimitName } from './limits.ts';
import { PlatformError } from '../language/errors.ts';
import { keyOf, stringOf } from '../interpreter/operators.ts';
import { standardLength } from './standard-fields.ts';
import type { PlatformContext } from './context.ts';
import { isLongText, kindOf } from './soql/compare.ts';
import {
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  EnumValue,
  NativeObject,
  SObjectValue,
  type Value,
} from '../language/values.ts';

const T = (name: string): { name: string; args: [] } => ({ name, args: [] });

export function registerSystemClasses(rt: PlatformContext): void {
  registerAsync(rt);
  registerSchema(rt);
  registerDatabase(rt);
  registerTestAndLimits(rt);
  registerTrigger(rt);
}

/** Runs a native that may raise a platform error, as an Apex exception. */
function guarded<T>(i: Interpreter, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw error instanceof PlatformError ? i.toApexThrow(error) : error;
  }
}

function registerAsync(rt: PlatformContext): void {
  rt.natives.register('System', {
    enqueuejob: (i, [job, option]) => guarded(i, () => rt.async.enqueue(job ?? null, option ?? null)),
    // Apex Reference, "System Class": abortJob(String jobId) takes the Id as a String too.
    abortjob: (i, [id]) =>
      guarded(i, () => (rt.async.abort(typeof id === 'string' ? new ApexId(id) : (id ?? null)), null)),
    attachfinalizer: (i, [finalizer]) => guarded(i, () => (rt.async.attachFinalizer(finalizer ?? null), null)),
    schedule: (i, [name, cron, job]) => guarded(i, () => rt.async.schedule(String(name), String(cron), job ?? null)),
  });
  rt.natives.register('Database', {
    executebatch: (i, [job, scope]) =>
      guarded(i, () => rt.async.executeBatch(job ?? null, typeof scope === 'number' ? scope : 200)),
  });
  const jobId = (_i: Interpreter, _a: Value[], self: Value): Value => (self as NativeObject).state.jobId as Value;
  rt.natives.registerType('AsyncOptions', {}, () => new NativeObject('AsyncOptions', {}));
  // Apex Reference, "ParentJobResult Enum": SUCCESS, UNHANDLED_EXCEPTION.
  rt.natives.registerProperties('ParentJobResult', {
    success: () => new EnumValue('System.ParentJobResult', 'SUCCESS', 0),
    unhandled_exception: () => new EnumValue('System.ParentJobResult', 'UNHANDLED_EXCEPTION', 1),
  });
  // Apex Reference, "Iterator Interface": hasNext() and next(); next() past the end throws NoSuchElementException.
  const state = (self: Value) => (self as NativeObject).state as { items: Value[]; next: number };
  rt.natives.registerType('System.ListIterator', {
    hasnext: (_i, _a, self) => state(self).next < state(self).items.length,
    next: (i, _a, self) => {
      const it = state(self);
      if (it.next >= it.items.length) return i.raise('System.NoSuchElementException', 'Iterator has no more elements.');
      return it.items[it.next++] ?? null;
    },
  });
  // Apex Reference, "Decimal Class", Rounding Mode: System.RoundingMode in its documented order.
  const modes = ['CEILING', 'DOWN', 'FLOOR', 'HALF_DOWN', 'HALF_EVEN', 'HALF_UP', 'UNNECESSARY', 'UP'];
  const roundingModes = Object.fromEntries(
    modes.map((name, i) => [name.toLowerCase(), () => new EnumValue('System.RoundingMode', name, i)]),
  );
  rt.natives.registerProperties('RoundingMode', roundingModes);
  rt.natives.registerProperties('System.RoundingMode', roundingModes);
  // Apex Reference, "LoggingLevel Enum", in its documented order.
  const levels = ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST'];
  rt.natives.registerProperties(
    'LoggingLevel',
    Object.fromEntries(
      levels.map((name, i) => [name.toLowerCase(), () => new EnumValue('System.LoggingLevel', name, i)]),
    ),
  );
  rt.natives.register('QueueableDuplicateSignature', {
    builder: () => new NativeObject('QueueableDuplicateSignature.Builder', { parts: [] as string[] }),
  });
  const addPart = (_i: Interpreter, [v]: Value[], self: Value): Value => {
    ((self as NativeObject).state.parts as string[]).push(v instanceof ApexId ? v.value : String(v));
    return self;
  };
  rt.natives.registerType(
    'QueueableDuplicateSignature.Builder',
    {
      addstring: addPart,
      addid: addPart,
      addinteger: addPart,
      build: (_i, _a, self) =>
        new NativeObject('QueueableDuplicateSignature', {
          key: ((self as NativeObject).state.parts as string[]).join('\u0000'),
        }),
    },
    // Apex Reference, "QueueableDuplicateSignature.Builder Class": `new QueueableDuplicateSignature.Builder()`.
    () => new NativeObject('QueueableDuplicateSignature.Builder', { parts: [] as string[] }),
  );
  rt.natives.registerType('System.QueueableContext', { getjobid: jobId });
  rt.natives.registerType('System.SchedulableContext', { gettriggerid: jobId });
  rt.natives.registerType('Database.BatchableContext', { getjobid: jobId });
  rt.natives.registerType('System.FinalizerContext', {
    getasyncapexjobid: jobId,
    getresult: (_i, _a, self) => (self as NativeObject).state.result as Value,
    getexception: (_i, _a, self) => (self as NativeObject).state.exception as Value,
  });
  rt.natives.register('Test', {
    setmock: (_i, [, mock]) => {
      rt.calloutMock = mock ?? null;
      return null;
    },
  });
}

const objectOf = (self: Value): SchemaObject => (self as NativeObject).state.object as SchemaObject;
const fieldOf = (self: Value): SchemaField => (self as NativeObject).state.field as SchemaField;

/** An AccessLevel argument (Database methods take one after their other arguments). */
export const isAccessLevel = (value: Value): boolean =>
  value instanceof NativeObject && value.typeName === 'AccessLevel';
export const isUserMode = (value: Value): boolean =>
  isAccessLevel(value) && (value as NativeObject).state.name === 'USER_MODE';

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'encryptedstring', 'picklist']);

/**
 * Apex Reference, "DescribeFieldResult Class" getLength: a text field's maximum size in characters,
 * 0 for other types. Project fields carry their length; standard fields take the Object Reference's
 * (standard-fields.ts); Ids and lookups are 18. A documented assumption: another standard text field
 * (apex-ls's schema does not tell a picklist such as Industry from a text field, nor its length)
 * answers 255, the size of a standard picklist and of most standard text fields.
 */
export function fieldLength(object: SchemaObject, field: SchemaField): number {
  const known = field.length ?? standardLength(object.name, field.name);
  if (known !== undefined) return known;
  if (field.type === 'id' || field.type === 'reference') return 18;
  return TEXT_TYPES.has(field.type) ? 255 : 0;
}

function describeObject(object: SchemaObject): NativeObject {
  return new NativeObject('Schema.DescribeSObjectResult', { object });
}

function registerSchema(rt: PlatformContext): void {
  const natives = rt.natives;
  natives.registerProperties('AccessLevel', {
    system_mode: () => new NativeObject('AccessLevel', { name: 'SYSTEM_MODE' }),
    user_mode: () => new NativeObject('AccessLevel', { name: 'USER_MODE' }),
  });
  natives.registerProperties('SObjectDescribeOptions', {
    deferred: () => new NativeObject('SObjectDescribeOptions', { name: 'DEFERRED' }),
    full: () => new NativeObject('SObjectDescribeOptions', { name: 'FULL' }),
    default: () => new NativeObject('SObjectDescribeOptions', { name: 'DEFAULT' }),
  });
  natives.register('Schema', {
    describesobjects: (i: Interpreter, [names]) => {
      const list = names instanceof ApexList ? names.items : [];
      return new ApexList(
        T('Schema.DescribeSObjectResult'),
        list.map((name) => {
          const object = rt.schema.getObject(String(name));
          if (!object)
            i.raise(
              'System.InvalidParameterValueException',
              `In describeSObjects(), invalid SObject type: ${String(name)}`,
            );
          return describeObject(object as SchemaObject);
        }),
      );
    },
    getglobaldescribe: () => {
      const map = new ApexMap(T('String'), T('Schema.SObjectType'));
      map.ignoreCase = true;
      for (const object of rt.schema.listObjects()) {
        const name = object.name.toLowerCase();
        map.entries.set(keyOf(name), [name, new NativeObject('Schema.SObjectType', { object })]);
      }
      return map;
    },
  });
  natives.registerType('Schema.SObjectType', {
    getdescribe: (_i, _a, self) => describeObject((self as NativeObject).state.object as SchemaObject),
    newsobject: (i, [recordTypeId, loadDefaults], self) =>
      newSObject(
        rt,
        i,
        (self as NativeObject).state.object as SchemaObject,
        recordTypeId ?? null,
        loadDefaults === true,
      ),
    tostring: (_i, _a, self) => ((self as NativeObject).state.object as SchemaObject).name,
  });
  natives.registerType('Schema.DescribeSObjectResult', {
    getname: (_i, _a, self) => ((self as NativeObject).state.object as SchemaObject).name,
    getlabel: (_i, _a, self) =>
      ((self as NativeObject).state.object as SchemaObject).label ??
      ((self as NativeObject).state.object as SchemaObject).name,
    getsobjecttype: (_i, _a, self) =>
      new NativeObject('Schema.SObjectType', { object: (self as NativeObject).state.object }),
    iscustom: (_i, _a, self) => ((self as NativeObject).state.object as SchemaObject).kind !== 'standard',
    // Apex Reference, "DescribeSObjectResult Class": the running user's object permissions (security.ts).
    isaccessible: (_i, _a, self) => rt.access.objectRights(objectOf(self)).read,
    iscreateable: (_i, _a, self) => rt.access.objectRights(objectOf(self)).create,
    isupdateable: (_i, _a, self) => rt.access.objectRights(objectOf(self)).edit,
    isdeletable: (_i, _a, self) => rt.access.objectRights(objectOf(self)).delete,
    getkeyprefix: (_i, _a, self) => rt.org.keyPrefix((self as NativeObject).state.object as SchemaObject),
    getfields: (_i, _a, self) =>
      new NativeObject('Schema.SObjectTypeFields', { object: (self as NativeObject).state.object }),
  });
  natives.registerType('Schema.SObjectTypeFields', {
    getmap: (_i, _a, self) => {
      const object = (self as NativeObject).state.object as SchemaObject;
      const map = new ApexMap(T('String'), T('Schema.SObjectField'));
      map.ignoreCase = true;
      for (const field of Object.values(object.fields)) {
        const name = field.name.toLowerCase();
        map.entries.set(keyOf(name), [name, new NativeObject('Schema.SObjectField', { object, field })]);
      }
      return map;
    },
  });
  natives.registerType('Schema.SObjectField', {
    getdescribe: (_i, _a, self) => new NativeObject('Schema.DescribeFieldResult', { ...(self as NativeObject).state }),
  });
  natives.registerType('Schema.DescribeFieldResult', {
    getname: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).name,
    // Apex Reference, "DescribeFieldResult Class" getLabel: the project's label; a standard field's
    // label is derived from its name (`LastName` → "Last Name", `AccountId` → "Account ID"), which is
    // what the Object Reference shows for the fields the package maps.
    getlabel: (_i, _a, self) => fieldLabel((self as NativeObject).state.field as SchemaField),
    // Schema.DisplayType names (Apex Reference, "DisplayType Enum"): the describe's `int` is INTEGER.
    gettype: (_i, _a, self) => displayType((self as NativeObject).state.field as SchemaField),
    getlength: (_i, _a, self) => fieldLength(objectOf(self), fieldOf(self)),
    // Apex Reference, "DescribeFieldResult Class": the field-level help text, null when none is set.
    getinlinehelptext: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).inlineHelpText ?? null,
    isnillable: (_i, _a, self) => !((self as NativeObject).state.field as SchemaField).required,
    // Apex Reference, "DescribeFieldResult Class": isExternalId / isAutoNumber as the field's metadata says.
    isexternalid: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).externalId === true,
    isautonumber: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).autoNumber === true,
    // Apex Reference, "DescribeFieldResult Class": isCustom for a field the org (or the package) added;
    // isCalculated "if the field is a custom formula field" (and roll-up summaries, computed likewise).
    // The runtime's standard-object schema carries no formula flags, so a standard field is refused.
    iscustom: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).custom === true,
    iscalculated: (i, _a, self) => {
      const field = (self as NativeObject).state.field as SchemaField;
      if (!field.custom) return i.unsupported(`isCalculated of the standard field ${field.name}`);
      return field.calculated === true && field.autoNumber !== true;
    },
    // Apex Reference, "DescribeFieldResult Class": the running user's field-level security; creatable
    // and updateable also need the object's create / edit permission.
    isaccessible: (_i, _a, self) => rt.access.fieldRights(objectOf(self), fieldOf(self)).read,
    iscreateable: (_i, _a, self) =>
      rt.access.fieldRights(objectOf(self), fieldOf(self)).edit && rt.access.objectRights(objectOf(self)).create,
    isupdateable: (_i, _a, self) =>
      rt.access.fieldRights(objectOf(self), fieldOf(self)).edit && rt.access.objectRights(objectOf(self)).edit,
    // Apex Reference, "DescribeFieldResult Class": whether the field can be used in a WHERE clause.
    isfilterable: (_i, _a, self) => isFilterable((self as NativeObject).state.field as SchemaField),
    getrelationshipname: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).relationshipName ?? null,
    getreferenceto: (_i, _a, self) =>
      new ApexList(
        T('Schema.SObjectType'),
        ((self as NativeObject).state.field as SchemaField).referenceTo
          .map((name) => rt.schema.getObject(name))
          .filter((o): o is SchemaObject => o !== undefined)
          .map((object) => new NativeObject('Schema.SObjectType', { object })),
      ),
  });
}

export function fieldLabel(field: SchemaField): string {
  if (field.label) return field.label;
  const words = field.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return words.replace(/ Id$/, ' ID');
}

function displayType(field: SchemaField): string {
  return field.type === 'int' ? 'INTEGER' : field.type.toUpperCase();
}

/** Long text, compound (address, location), binary and classic encrypted fields cannot be filtered. */
export function isFilterable(field: SchemaField): boolean {
  return kindOf(field) !== undefined && !isLongText(field) && field.type !== 'encryptedstring';
}

function saveResults(results: RecordResult[]): ApexList {
  return new ApexList(
    T('Database.SaveResult'),
    results.map((r) => new NativeObject('Database.SaveResult', { result: r })),
  );
}

/**
 * Database.delete and Database.undelete also take an Id or a list of Ids (Apex Reference, "Database
 * Class"): each becomes a record of the object its key prefix names.
 */
function byIds(rt: PlatformContext, i: Interpreter, target: Value): Value {
  const toRecord = (id: Value): Value => {
    if (!(id instanceof ApexId)) return id;
    const object = rt.org.store.byId(id)?.object ?? rt.org.objectForPrefix(id.value.slice(0, 3));
    if (!object) return i.raise('System.StringException', `Invalid id: ${id.value}`);
    const record = rt.newSObject(object);
    record.fields.set('id', id);
    return record;
  };
  if (target instanceof ApexId) return toRecord(target);
  if (!(target instanceof ApexList) || !target.items.some((item) => item instanceof ApexId)) return target;
  return new ApexList(T('SObject'), target.items.map(toRecord));
}

function registerDatabase(rt: PlatformContext): void {
  const dml =
    (operation: 'insert' | 'update' | 'delete' | 'undelete') =>
    (i: Interpreter, [target, second, third]: Value[]) => {
      const records = operation === 'delete' || operation === 'undelete' ? byIds(rt, i, target ?? null) : target;
      // Database.insert(records, AccessLevel) keeps allOrNone's default (true).
      const level = isAccessLevel(second ?? null) ? second : third;
      const allOrNone = isAccessLevel(second ?? null) ? undefined : second;
      const userMode = isUserMode(level ?? null);
      const strict = allOrNone === undefined || allOrNone === true;
      if (strict) {
        rt.dml.statement(operation, records ?? null, undefined, userMode);
        const list = rt
          .records(records ?? null)
          .map((r) => ({ id: r.fields.get('id') as ApexId, success: true, errors: [] }));
        return records instanceof SObjectValue ? (saveResults(list).items[0] ?? null) : saveResults(list);
      }
      void i;
      const results = saveResults(rt.dml.execute(operation, records ?? null, false, userMode));
      return records instanceof SObjectValue ? (results.items[0] ?? null) : results;
    };
  rt.natives.register('Database', {
    insert: dml('insert'),
    update: dml('update'),
    delete: dml('delete'),
    undelete: dml('undelete'),
  });
  const result = (self: Value): RecordResult => (self as NativeObject).state.result as RecordResult;
  const resultMethods = {
    issuccess: (_i: Interpreter, _a: Value[], self: Value) => result(self).success,
    getid: (_i: Interpreter, _a: Value[], self: Value) => result(self).id,
    geterrors: (_i: Interpreter, _a: Value[], self: Value) =>
      new ApexList(
        T('Database.Error'),
        result(self).errors.map((e) => new NativeObject('Database.Error', { error: e })),
      ),
  };
  rt.natives.register('Database', {
    emptyrecyclebin: (i, [target]) => guarded(i, () => emptyRecycleBin(rt, i, target ?? null)),
  });
  for (const type of [
    'Database.SaveResult',
    'Database.DeleteResult',
    'Database.UndeleteResult',
    'Database.EmptyRecycleBinResult',
  ])
    rt.natives.registerType(type, resultMethods);
  const error = (self: Value): RecordResult['errors'][number] =>
    (self as NativeObject).state.error as RecordResult['errors'][number];
  rt.natives.registerType('Database.Error', {
    getmessage: (_i, _a, self) => error(self).message,
    getstatuscode: (_i, _a, self) => error(self).statusCode,
    getfields: (_i, _a, self) => new ApexList(T('String'), error(self).fields),
  });
}

const LIMIT_METHODS: Record<string, LimitName> = {
  queries: 'queries',
  queryrows: 'queryRows',
  soslqueries: 'soslQueries',
  dmlstatements: 'dmlStatements',
  dmlrows: 'dmlRows',
  callouts: 'callouts',
  queueablejobs: 'queueableJobs',
  futurecalls: 'futureCalls',
  publishimmediatedml: 'publishImmediate',
  emailinvocations: 'emailInvocations',
};

function registerTestAndLimits(rt: PlatformContext): void {
  const limits: Record<string, (i: Interpreter) => Value> = {};
  for (const [suffix, name] of Object.entries(LIMIT_METHODS)) {
    limits[`get${suffix}`] = () => rt.limits.used[name];
    limits[`getlimit${suffix}`] = () => rt.limits.limit(name);
  }
  // Heap and CPU are not modelled (the statement count stands in): the "used" figures read 0 so code
  // that checks its headroom takes its normal path, and the limits are the documented ones.
  const asyncLimits = () => rt.limits.context === 'async';
  limits.getheapsize = () => rt.heapNow();
  limits.getlimitheapsize = () => (asyncLimits() ? 12_000_000 : 6_000_000);
  limits.getcputime = () => 0;
  limits.getlimitcputime = () => (asyncLimits() ? 60_000 : 10_000);
  rt.natives.register('Limits', limits);
  rt.natives.register('Test', {
    starttest: (i) => rt.startTest(i),
    stoptest: (i) => rt.stopTest(i),
    // Apex Reference, Test class: true only for code called from a test method (the local org is not one).
    isrunningtest: () => rt.inTest,
    // Apex Developer Guide, "Adding SOSL Queries to Unit Tests": later SOSL in the test finds only
    // these Ids (with the query's WHERE and LIMIT applied); no list means no results.
    setfixedsearchresults: (_i, [ids]) => {
      rt.fixedSearchResults =
        ids instanceof ApexList ? ids.items.map((id) => (id instanceof ApexId ? id : new ApexId(String(id)))) : [];
      return null;
    },
    getstandardpricebookid: () => standardPricebookId(rt),
    setcreateddate: (i, [id, created]) => setCreatedDate(rt, i, id ?? null, created ?? null),
    testinstall: (i, [handler, version, isPush]) =>
      testInstall(rt, i, handler ?? null, version ?? null, isPush === true),
  });
  registerInstallTypes(rt);
  rt.natives.register('UserInfo', {
    getuserid: () => rt.userId,
    gettimezone: () => new NativeObject('TimeZone', { id: rt.timeZone }),
    getorganizationid: () => rt.dml.orgId(),
    getprofileid: () => rt.org.store.byId(rt.userId)?.fields.get('profileid') ?? null,
    getname: () => rt.org.store.byId(rt.userId)?.fields.get('name') ?? null,
    getusername: () => rt.org.store.byId(rt.userId)?.fields.get('username') ?? null,
    // Apex Reference, UserInfo.getUserType(): Standard for internal users, AutomatedProcess for the
    // user platform event triggers run as.
    getusertype: () => rt.org.store.byId(rt.userId)?.fields.get('usertype') ?? 'Standard',
  });
  rt.natives.registerType('TimeZone', { getid: (_i, _a, self) => String((self as NativeObject).state.id) });
  registerOrgLimits(rt);
}

/** The org-wide limits the runtime can count; any other name is absent from the map (README). */
const DAILY_ASYNC_LIMIT = 250_000;

/**
 * Apex Reference, "OrgLimits Class" and "OrgLimit Class": getMap() by limit name, getAll() as a
 * list; each OrgLimit has getName(), getValue() (used) and getLimit(). Only
 * DailyAsyncApexExecutions is modelled (250 000, the floor for orgs with few licences): every
 * Queueable, future and scheduled run, and batch start and execute, in the last 24 hours.
 */
function registerOrgLimits(rt: PlatformContext): void {
  const limits = (): NativeObject[] => [
    new NativeObject('System.OrgLimit', {
      name: 'DailyAsyncApexExecutions',
      value: rt.async.executionsInLastDay(),
      limit: DAILY_ASYNC_LIMIT,
    }),
  ];
  const type = { name: 'System.OrgLimit', args: [] };
  rt.natives.register('OrgLimits', {
    getmap: () => {
      const map = new ApexMap({ name: 'String', args: [] }, type);
      for (const limit of limits()) map.entries.set(keyOf(String(limit.state.name)), [String(limit.state.name), limit]);
      return map;
    },
    getall: () => new ApexList(type, limits()),
  });
  rt.natives.registerType('System.OrgLimit', {
    getname: (_i, _a, self) => String((self as NativeObject).state.name),
    getvalue: (_i, _a, self) => Number((self as NativeObject).state.value),
    getlimit: (_i, _a, self) => Number((self as NativeObject).state.limit),
  });
}

/** The org's standard price book: always present, visible to tests through Test.getStandardPricebookId(). */
function standardPricebookId(rt: PlatformContext): Value {
  const existing = [...rt.org.store.records('Pricebook2')].find((r) => r.fields.get('isstandard') === true);
  if (existing) return existing.id;
  const object = rt.schema.getObject('Pricebook2') as SchemaObject;
  const id = rt.org.newId(object);
  const fields = new Map<string, Value>([
    ['id', id],
    ['name', 'Standard Price Book'],
    ['isstandard', true],
    ['isactive', true],
    ['isdeleted', false],
  ]);
  rt.org.store.put({ id, object, fields, deleted: false });
  return id;
}

function registerTrigger(rt: PlatformContext): void {
  const top = (i: Interpreter) => {
    const context = rt.dml.triggerStack[rt.dml.triggerStack.length - 1];
    if (!context) return i.unsupported('Trigger context variable outside a trigger');
    return context;
  };
  rt.natives.registerProperties('Trigger', {
    new: (i) => top(i).newList,
    old: (i) => top(i).oldList,
    newmap: (i) => top(i).newMap,
    oldmap: (i) => top(i).oldMap,
    size: (i) => top(i).size,
    isbefore: (i) => top(i).isBefore,
    isafter: (i) => !top(i).isBefore,
    isinsert: (i) => top(i).operation === 'insert',
    isupdate: (i) => top(i).operation === 'update',
    isdelete: (i) => top(i).operation === 'delete',
    isundelete: (i) => top(i).operation === 'undelete',
    isexecuting: () => rt.dml.triggerStack.length > 0,
    // A System.TriggerOperation value, not its name as text (Apex Reference, "Trigger Class").
    operationtype: (i) => triggerOperation(top(i).event.replace(' ', '_').toUpperCase()),
  });
  const operations = Object.fromEntries(
    TRIGGER_OPERATIONS.map((name) => [name.toLowerCase(), () => triggerOperation(name)]),
  );
  const values = (): Value =>
    new ApexList({ name: 'System.TriggerOperation', args: [] }, TRIGGER_OPERATIONS.map(triggerOperation));
  for (const name of ['TriggerOperation', 'System.TriggerOperation']) {
    rt.natives.registerProperties(name, operations);
    rt.natives.register(name, { values });
  }
}

/** Apex Reference, "TriggerOperation Enum": its values by ordinal. */
const TRIGGER_OPERATIONS = [
  'BEFORE_INSERT',
  'AFTER_INSERT',
  'BEFORE_UPDATE',
  'AFTER_UPDATE',
  'BEFORE_DELETE',
  'AFTER_DELETE',
  'AFTER_UNDELETE',
];

function triggerOperation(name: string): EnumValue {
  return new EnumValue('System.TriggerOperation', name, TRIGGER_OPERATIONS.indexOf(name));
}

/**
 * Schema.SObjectType.newSObject(recordTypeId, loadDefaults): with loadDefaults the custom fields get
 * their default values (Apex Reference, "SObjectType Class"). Record types are not modelled.
 */
function newSObject(
  rt: PlatformContext,
  i: Interpreter,
  object: SchemaObject,
  recordTypeId: Value,
  loadDefaults: boolean,
): Value {
  if (recordTypeId !== null) return i.unsupported('newSObject with a record type Id');
  const record = rt.newSObject(object);
  if (!loadDefaults) return record;
  for (const [key, value] of rt.dml.withDefaults(record)) {
    record.fields.set(key, value);
    record.populated.add(key);
  }
  return record;
}

/**
 * Database.emptyRecycleBin(SObject | List<SObject> | List<Id>): one DML statement, one DML row per
 * record (Apex Developer Guide, "Execution Governors and Limits"), a Database.EmptyRecycleBinResult per
 * record (Apex Reference, "EmptyRecycleBinResult Class"). Emptied records can no longer be undeleted;
 * the SOAP API guide ("emptyRecycleBin()") says queryAll still returns them for a while, so ALL ROWS
 * keeps seeing them here. What the platform does with a record that is not in the Recycle Bin is not
 * documented, so the runtime refuses it instead of guessing.
 */
function emptyRecycleBin(rt: PlatformContext, i: Interpreter, target: Value): Value {
  if (target === null) return i.raise('System.NullPointerException', 'Argument cannot be null');
  const items = target instanceof ApexList ? target.items : [target];
  const ids = items.map((item) => (item instanceof SObjectValue ? item.fields.get('id') : item));
  rt.limits.spend('dmlStatements');
  rt.limits.spend('dmlRows', ids.length);
  rt.pendingWork = true;
  const stored = ids.map((id) => {
    const record = id instanceof ApexId ? rt.org.store.byId(id) : undefined;
    if (!record || !record.deleted || record.emptied)
      return i.unsupported(`Database.emptyRecycleBin of ${stringOf(id ?? null)}, which is not in the Recycle Bin`);
    return record;
  });
  for (const record of stored) record.emptied = true;
  return new ApexList(
    T('Database.EmptyRecycleBinResult'),
    stored.map(
      (record) =>
        new NativeObject('Database.EmptyRecycleBinResult', {
          result: { id: record.id, success: true, errors: [] } satisfies RecordResult,
        }),
    ),
  );
}

/**
 * Test.setCreatedDate(recordId, createdDatetime) (Apex Reference, "Test Class"): for records the test
 * inserted; neither argument may be null (what the platform throws then is not documented).
 */
function setCreatedDate(rt: PlatformContext, i: Interpreter, id: Value, created: Value): Value {
  const record = id instanceof ApexId ? rt.org.store.byId(id) : undefined;
  if (!record || created === null)
    return i.unsupported('Test.setCreatedDate with a null argument or an unknown record');
  record.fields.set('createddate', created);
  return null;
}

/**
 * Test.testInstall(installImplementation, version[, isPush]) runs InstallHandler.onInstall at once, as
 * the running user; a null version is a first install, any other an upgrade from it (Apex Reference,
 * "Test Class" and "InstallHandler Interface"; ISVforce Guide, "Example of a Post Install Script").
 */
function testInstall(rt: PlatformContext, i: Interpreter, handler: Value, version: Value, isPush: boolean): Value {
  if (!(handler instanceof ApexObject)) return i.raise('System.NullPointerException', 'Argument cannot be null');
  const context = new NativeObject('System.InstallContext', {
    organizationId: rt.dml.orgId(),
    installerId: rt.userId,
    previousVersion: version,
    isUpgrade: version !== null,
    isPush,
  });
  i.invokeMethod(handler.cls, handler, 'onInstall', [context], 0, true);
  return null;
}

/** InstallContext (Apex Reference, "InstallContext Interface") and Version (Apex Reference, "Version Class"). */
function registerInstallTypes(rt: PlatformContext): void {
  const state = (self: Value): Record<string, unknown> => (self as NativeObject).state;
  rt.natives.registerType('System.InstallContext', {
    organizationid: (_i, _a, self) => state(self).organizationId as Value,
    installerid: (_i, _a, self) => state(self).installerId as Value,
    previousversion: (_i, _a, self) => state(self).previousVersion as Value,
    isupgrade: (_i, _a, self) => state(self).isUpgrade as Value,
    ispush: (_i, _a, self) => state(self).isPush as Value,
  });
  rt.natives.registerType(
    'Version',
    {
      major: (_i, _a, self) => state(self).major as Value,
      minor: (_i, _a, self) => state(self).minor as Value,
      patch: (_i, _a, self) => state(self).patch as Value,
    },
    (i, [major, minor, patch]) => {
      if (typeof major !== 'number' || typeof minor !== 'number')
        return i.raise('System.NullPointerException', 'Argument cannot be null');
      return new NativeObject('Version', { major, minor, patch: typeof patch === 'number' ? patch : null });
    },
  );
}
