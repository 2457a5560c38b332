// The org's state as plain JSON, for the local org's persistent store: records, Id counters, the
// clock, queued async jobs, scheduled jobs, undelivered platform events and async execution times.
// Taken between transactions only. A value the codec cannot represent fails loudly (never dropped).
// Custom metadata records are not saved: they are reloaded from the project's source on every start.
import { ApexId, type ApexObject, type SObjectValue } from '../language/values.ts';
import { Decoder, Encoder, StateError } from '../platform/codec.ts';
import type { StoredRecord } from '../platform/store.ts';
import type { Runtime } from './runtime.ts';

export const STATE_VERSION = 1;

export interface OrgState {
  version: number;
  clock: number;
  counters: [string, number][];
  records: EncodedRecord[];
  jobs: unknown[];
  schedules: { triggerId: string; cron: string; user: string; target: unknown }[];
  events: { event: unknown; afterCommit: boolean }[];
  replay: number;
  executions: number[];
}

interface EncodedRecord {
  object: string;
  id: string;
  deleted: boolean;
  emptied?: boolean;
  deletedWith?: string;
  cleared?: { id: string; field: string }[];
  fields: [string, unknown][];
}

export function exportState(rt: Runtime): OrgState {
  const codec = new Encoder();
  const records: EncodedRecord[] = [];
  for (const record of rt.org.store.all()) {
    if (record.object.kind === 'customMetadata') continue;
    records.push({
      object: record.object.name,
      id: record.id.value,
      deleted: record.deleted,
      emptied: record.emptied,
      deletedWith: record.deletedWith,
      cleared: record.cleared,
      fields: [...record.fields].map(([name, value]) => [name, codec.value(value, `${record.id.value}.${name}`)]),
    });
  }
  return {
    version: STATE_VERSION,
    clock: rt.now().epochMs,
    counters: rt.org.idCounters(),
    records,
    jobs: rt.async.queue.map((job) => codec.job(job)),
    schedules: rt.async.scheduledJobs().map(({ triggerId, cron, user, target }) => ({
      triggerId,
      cron,
      user: user.value,
      target: codec.value(target, `schedule ${triggerId}`),
    })),
    events: rt.events.pending.map((p) => ({
      event: codec.value(p.event, 'platform event'),
      afterCommit: p.afterCommit,
    })),
    replay: rt.events.replayCounter(),
    executions: [...rt.async.executions],
  };
}

/** Loads a saved state into a runtime freshly built from the same project (its seeded rows are replaced). */
export function importState(rt: Runtime, state: OrgState): void {
  if (state.version !== STATE_VERSION)
    throw new StateError(`Saved state version ${state.version} is not ${STATE_VERSION}`);
  const decoder = new Decoder(rt);
  const metadata = rt.org.store.all().filter((r) => r.object.kind === 'customMetadata');
  const records: StoredRecord[] = state.records.map((r) => ({
    id: new ApexId(r.id),
    object: decoder.object(r.object),
    deleted: r.deleted,
    emptied: r.emptied,
    deletedWith: r.deletedWith,
    cleared: r.cleared,
    fields: new Map(r.fields.map(([name, value]) => [name, decoder.value(value)])),
  }));
  rt.org.store.restore([...metadata, ...records]);
  const metadataPrefixes = new Set(metadata.map((r) => r.id.value.slice(0, 3)));
  rt.org.setIdCounters(state.counters.filter(([prefix]) => !metadataPrefixes.has(prefix)));
  rt.advanceClock(state.clock - rt.now().epochMs);
  rt.async.queue.length = 0;
  rt.async.queue.push(...state.jobs.map((job) => decoder.job(job)));
  rt.async.restoreSchedules(
    state.schedules.map((s) => ({
      triggerId: s.triggerId,
      cron: s.cron,
      user: new ApexId(s.user),
      target: decoder.value(s.target) as ApexObject,
    })),
  );
  rt.events.pending.length = 0;
  rt.events.pending.push(
    ...state.events.map((e) => ({ event: decoder.value(e.event) as SObjectValue, afterCommit: e.afterCommit })),
  );
  rt.events.setReplayCounter(state.replay);
  rt.async.executions.length = 0;
  rt.async.executions.push(...state.executions);
}
