// Platform events (EventBus.publish, publish-immediately vs publish-after-commit, delivery to event
// triggers as the Automated Process user at Test.stopTest or Test.getEventBus().deliver()) and
// savepoints (an open savepoint is pending work before a callout; rolling back to one withdraws the
// emails sent since).
import type { SchemaObject } from '../../../../scripts/lib/schema.ts';
import { PlatformError } from '../language/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { PlatformContext } from './context.ts';
import type { StoredRecord } from './store.ts';
import { ApexId, ApexList, NativeObject, SObjectValue, type Value } from '../language/values.ts';

/** Platform event triggers receive at most this many events per execution (Platform Events Developer Guide). */
const EVENT_BATCH = 2000;

export class EventBus {
  private readonly rt: PlatformContext;
  /** Published, not yet delivered; after-commit events are dropped if their transaction rolls back. */
  readonly pending: { event: SObjectValue; afterCommit: boolean }[] = [];

  constructor(rt: PlatformContext) {
    this.rt = rt;
  }

  publish(interp: Interpreter, target: Value): Value {
    const events = this.rt.records(target);
    const results = events.map((event) => {
      const object = event.object;
      if (object.kind !== 'platformEvent')
        interp.raise('System.TypeException', `${object.name} is not a platform event`);
      const immediate = object.publishBehavior === 'PublishImmediately';
      if (immediate) this.rt.limits.spend('publishImmediate');
      else this.rt.pendingWork = true;
      this.pending.push({ event: this.rt.cloneSObject(event, false), afterCommit: !immediate });
      return new NativeObject('Database.SaveResult', { result: { id: null, success: true, errors: [] } });
    });
    // Apex Reference, EventBus.publish: DML limits apply and each call counts as one DML statement
    // (publish-immediately events count against their own limit instead).
    if (events.some((event) => event.object.publishBehavior !== 'PublishImmediately')) {
      this.rt.limits.spend('dmlStatements');
    }
    const list = new ApexList({ name: 'Database.SaveResult', args: [] }, results);
    return target instanceof SObjectValue ? (list.items[0] ?? null) : list;
  }

  /** The transaction rolled back: only publish-immediately events survive. */
  discardAfterCommit(): void {
    const keep = this.pending.filter((p) => !p.afterCommit);
    this.pending.length = 0;
    this.pending.push(...keep);
  }

  /** After-commit events published since `mark` are dropped with their rolled-back work. */
  discardSince(mark: number): void {
    const kept = this.pending.splice(mark).filter((p) => !p.afterCommit);
    this.pending.push(...kept);
  }

  /** Delivers every pending event to its triggers, in batches, as the Automated Process user. */
  deliver(): number {
    let delivered = 0;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.pending.length);
      delivered += batch.length;
      const byObject = new Map<SchemaObject, SObjectValue[]>();
      for (const { event } of batch) byObject.set(event.object, [...(byObject.get(event.object) ?? []), event]);
      for (const [object, events] of byObject) {
        for (let i = 0; i < events.length; i += EVENT_BATCH)
          this.deliverBatch(object, events.slice(i, i + EVENT_BATCH));
      }
    }
    return delivered;
  }

  private deliverBatch(object: SchemaObject, events: SObjectValue[]): void {
    const rt = this.rt;
    const stamped = events.map((event) => {
      const copy = rt.cloneSObject(event, false);
      copy.fields.set('replayid', String(++this.replay));
      copy.fields.set('createddate', rt.now());
      copy.fields.set('createdbyid', rt.userId);
      return copy;
    });
    const outer = rt.enterAsyncTransaction('platformEvent', this.automatedProcessUser());
    const undo = rt.org.store.snapshot();
    try {
      rt.dml.fireEventTriggers(object, stamped);
    } catch (error) {
      rt.org.store.restore(undo);
      throw error instanceof PlatformError ? rt.interp.toApexThrow(error) : error;
    } finally {
      rt.leaveAsyncTransaction(outer.context, outer.user, outer);
    }
  }

  private replay = 0;

  /** The last ReplayId given, for the local org's saved state. */
  replayCounter(): number {
    return this.replay;
  }

  setReplayCounter(value: number): void {
    this.replay = value;
  }

  /** The user platform event triggers run as. */
  automatedProcessUser(): ApexId {
    const store = this.rt.org.store;
    const existing = [...store.records('User')].find((u) => u.fields.get('alias') === 'autoproc');
    if (existing) return existing.id;
    const object = this.rt.schema.getObject('User') as SchemaObject;
    const id = this.rt.org.newId(object);
    const fields = new Map<string, Value>([
      ['id', id],
      ['name', 'Automated Process'],
      ['lastname', 'Automated Process'],
      ['alias', 'autoproc'],
      ['username', 'autoproc@clevertap-import.local'],
      ['timezonesidkey', 'America/Los_Angeles'],
      ['usertype', 'AutomatedProcess'],
    ]);
    store.put({ id, object, fields, deleted: false });
    return id;
  }
}

/**
 * Apex Reference, Database.rollback(databaseSavepoint): "Any emails submitted since the last savepoint
 * are also rolled back and not sent." What becomes of a custom notification sent since is not
 * documented, so such a rollback is refused loudly.
 */
function withdrawMessages(rt: PlatformContext, mark: number): void {
  const since = rt.sentMessages.slice(mark);
  if (since.some((message) => message.kind !== 'email'))
    rt.interp.unsupported('Database.rollback to a savepoint set before a custom notification was sent');
  rt.sentMessages.length = Math.min(mark, rt.sentMessages.length);
}

/** Database.setSavepoint / rollback / releaseSavepoint. */
export function registerSavepoints(rt: PlatformContext): void {
  const open = new Set<NativeObject>();
  rt.natives.register('Database', {
    setsavepoint: () => {
      rt.limits.spend('dmlStatements');
      const savepoint = new NativeObject('System.Savepoint', {
        snapshot: rt.org.store.snapshot(),
        mailed: rt.sentMessages.length,
      });
      open.add(savepoint);
      rt.pendingWork = true;
      return savepoint;
    },
    rollback: (i, [savepoint]) => {
      if (!(savepoint instanceof NativeObject) || !open.has(savepoint))
        return i.raise('System.TypeException', 'Invalid savepoint');
      rt.limits.spend('dmlStatements');
      withdrawMessages(rt, savepoint.state.mailed as number);
      rt.org.store.restore(savepoint.state.snapshot as StoredRecord[]);
      return null;
    },
    releasesavepoint: (_i, [savepoint]) => {
      if (savepoint instanceof NativeObject) open.delete(savepoint);
      return null;
    },
  });
  rt.natives.register('EventBus', { publish: (i, [events]) => rt.events.publish(i, events ?? null) });
  rt.natives.register('Test', { geteventbus: () => new NativeObject('EventBus.TestBroker', {}) });
  rt.natives.registerType('EventBus.TestBroker', {
    deliver: () => {
      rt.events.deliver();
      return null;
    },
  });
}
