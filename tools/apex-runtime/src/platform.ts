// Platform classes backed by the runtime's state: Schema describes, Database DML, Test, Limits,
// UserInfo and the Trigger context variables.
import type { SchemaField, SchemaObject } from '../../../scripts/lib/schema.ts';
import type { RecordResult } from './dml.ts';
import type { Interpreter } from './interpreter.ts';
import type { LimitName } from './limits.ts';
import { PlatformError } from './errors.ts';
import { keyOf } from './operators.ts';
import type { Runtime } from './runtime.ts';
import { ApexId, ApexList, ApexMap, NativeObject, SObjectValue, type Value } from './values.ts';

const T = (name: string): { name: string; args: [] } => ({ name, args: [] });

export function registerPlatformClasses(rt: Runtime): void {
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

function registerAsync(rt: Runtime): void {
  rt.natives.register('System', {
    enqueuejob: (i, [job, option]) => guarded(i, () => rt.async.enqueue(job ?? null, option ?? null)),
    abortjob: (i, [id]) => guarded(i, () => (rt.async.abort(id ?? null), null)),
    attachfinalizer: (i, [finalizer]) => guarded(i, () => (rt.async.attachFinalizer(finalizer ?? null), null)),
    schedule: (i, [name, cron, job]) => guarded(i, () => rt.async.schedule(String(name), String(cron), job ?? null)),
  });
  rt.natives.register('Database', {
    executebatch: (i, [job, scope]) =>
      guarded(i, () => rt.async.executeBatch(job ?? null, typeof scope === 'number' ? scope : 200)),
  });
  const jobId = (_i: Interpreter, _a: Value[], self: Value): Value => (self as NativeObject).state.jobId as Value;
  rt.natives.registerType('AsyncOptions', {}, () => new NativeObject('AsyncOptions', {}));
  rt.natives.register('QueueableDuplicateSignature', {
    builder: () => new NativeObject('QueueableDuplicateSignature.Builder', { parts: [] as string[] }),
  });
  const addPart = (_i: Interpreter, [v]: Value[], self: Value): Value => {
    ((self as NativeObject).state.parts as string[]).push(v instanceof ApexId ? v.value : String(v));
    return self;
  };
  rt.natives.registerType('QueueableDuplicateSignature.Builder', {
    addstring: addPart,
    addid: addPart,
    addinteger: addPart,
    build: (_i, _a, self) =>
      new NativeObject('QueueableDuplicateSignature', {
        key: ((self as NativeObject).state.parts as string[]).join('\u0000'),
      }),
  });
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

function describeObject(object: SchemaObject): NativeObject {
  return new NativeObject('Schema.DescribeSObjectResult', { object });
}

function registerSchema(rt: Runtime): void {
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
    newsobject: (_i, _a, self) => rt.newSObject((self as NativeObject).state.object as SchemaObject),
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
    gettype: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).type.toUpperCase(),
    getlength: (_i, _a, self) => ((self as NativeObject).state.field as SchemaField).length ?? 0,
    isnillable: (_i, _a, self) => !((self as NativeObject).state.field as SchemaField).required,
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

function saveResults(results: RecordResult[]): ApexList {
  return new ApexList(
    T('Database.SaveResult'),
    results.map((r) => new NativeObject('Database.SaveResult', { result: r })),
  );
}

function registerDatabase(rt: Runtime): void {
  const dml =
    (operation: 'insert' | 'update' | 'delete' | 'undelete') =>
    (i: Interpreter, [records, allOrNone]: Value[]) => {
      const strict = allOrNone === undefined || allOrNone === true;
      if (strict) {
        rt.dml.statement(operation, records ?? null);
        const list = rt
          .records(records ?? null)
          .map((r) => ({ id: r.fields.get('id') as ApexId, success: true, errors: [] }));
        return records instanceof SObjectValue ? (saveResults(list).items[0] ?? null) : saveResults(list);
      }
      void i;
      const results = saveResults(rt.dml.execute(operation, records ?? null, false));
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
  for (const type of ['Database.SaveResult', 'Database.DeleteResult', 'Database.UndeleteResult'])
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
  dmlstatements: 'dmlStatements',
  dmlrows: 'dmlRows',
  callouts: 'callouts',
  queueablejobs: 'queueableJobs',
  futurecalls: 'futureCalls',
  publishimmediatedml: 'publishImmediate',
  emailinvocations: 'emailInvocations',
};

function registerTestAndLimits(rt: Runtime): void {
  const limits: Record<string, (i: Interpreter) => Value> = {};
  for (const [suffix, name] of Object.entries(LIMIT_METHODS)) {
    limits[`get${suffix}`] = () => rt.limits.used[name];
    limits[`getlimit${suffix}`] = () => rt.limits.limit(name);
  }
  rt.natives.register('Limits', limits);
  rt.natives.register('Test', {
    starttest: (i) => rt.startTest(i),
    stoptest: (i) => rt.stopTest(i),
    isrunningtest: () => true,
    getstandardpricebookid: () => standardPricebookId(rt),
  });
  rt.natives.register('UserInfo', {
    getuserid: () => rt.userId,
    gettimezone: () => new NativeObject('TimeZone', { id: rt.timeZone }),
    getorganizationid: () => rt.dml.orgId(),
    getprofileid: () => rt.org.store.byId(rt.userId)?.fields.get('profileid') ?? null,
    getname: () => rt.org.store.byId(rt.userId)?.fields.get('name') ?? null,
    getusername: () => rt.org.store.byId(rt.userId)?.fields.get('username') ?? null,
  });
  rt.natives.registerType('TimeZone', { getid: (_i, _a, self) => String((self as NativeObject).state.id) });
}

/** The org's standard price book: always present, visible to tests through Test.getStandardPricebookId(). */
function standardPricebookId(rt: Runtime): Value {
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

function registerTrigger(rt: Runtime): void {
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
    operationtype: (i) => top(i).event.replace(' ', '_').toUpperCase(),
  });
}
