// The org's saved state (the local org's persistent store): what one org saves, a fresh org built
// from the same project loads, and it goes on as if it had never stopped.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LocalOrg, type AsyncRun } from '../src/org/api.ts';
import { exportState, importState } from '../src/org/persist.ts';
import { StateError } from '../src/platform/codec.ts';
import { ApexList, NativeObject } from '../src/language/values.ts';

const root = path.join(import.meta.dirname, 'fixture');

/** Saves `org` through JSON text, as the store writes it, and loads it into a fresh org. */
function reload(org: LocalOrg): LocalOrg {
  const text = JSON.stringify(exportState(org.rt));
  const fresh = new LocalOrg(root, { clockStart: Date.UTC(2020, 0, 1) });
  importState(fresh.rt, JSON.parse(text));
  return fresh;
}

const debugOf = (org: LocalOrg, source: string): string[] => org.runAnonymous(source);

describe('saved org state', () => {
  it('keeps records with every value type, deleted rows and the Id sequence', () => {
    const org = new LocalOrg(root);
    debugOf(
      org,
      `insert new List<Widget__c>{ new Widget__c(Name = 'ünï 名', Code__c = 'a'), new Widget__c(Name = 'gone', Code__c = 'b') };
       delete [SELECT Id FROM Widget__c WHERE Name = 'gone'];`,
    );
    const loaded = reload(org);
    const [line] = debugOf(
      loaded,
      `System.debug([SELECT Name, Code__c, CreatedDate FROM Widget__c].size() + ' ' + [SELECT Name FROM Widget__c][0].Name
         + ' ' + [SELECT COUNT() FROM Widget__c WHERE IsDeleted = true ALL ROWS]
         + ' ' + ([SELECT CreatedDate FROM Widget__c][0].CreatedDate == Datetime.newInstanceGmt(2026, 1, 15, 12, 0, 0)));`,
    );
    assert.equal(line, '1 ünï 名 1 true');
    const before = new Set(org.rt.org.store.all().map((r) => r.id.value));
    debugOf(loaded, `insert new Widget__c(Name = 'after', Code__c = 'c');`);
    const created = loaded.rt.org.store.all().filter((r) => r.object.name === 'Widget__c' && !before.has(r.id.value));
    assert.equal(created.length, 1, 'a record inserted after loading gets a new Id, not one already used');
  });

  it('keeps the clock, a delayed Queueable with its fields, and a scheduled job on its cron', () => {
    const org = new LocalOrg(root);
    debugOf(
      org,
      `System.enqueueJob(new CountingJob('fail'), 5);
       System.schedule('hourly', '0 0 * * * ?', new CountingSchedule());`,
    );
    org.drain();
    const loaded = reload(org);
    assert.equal(loaded.rt.now().epochMs, org.rt.now().epochMs);
    const runs: AsyncRun[] = [];
    loaded.onAsyncRun((run) => runs.push(run));
    loaded.drain();
    assert.equal(runs.length, 0, 'nothing is due before the delay');
    try {
      loaded.advanceClock(60 * 60_000);
    } catch {
      // The job's own exception is expected: it proves its field `mode` survived.
    }
    const summary = runs.map((r) => `${r.className}/${r.phase}/${r.error ?? ''}`);
    assert.ok(summary.includes('CountingJob/queueable/ValidationException: job failed'), summary.join());
    assert.ok(summary.includes('CountingSchedule/scheduled/'), summary.join());
    assert.ok(summary.includes('CountingJob/finalizer/'), summary.join());
  });

  it('keeps a value shared by two holders as one value', () => {
    const org = new LocalOrg(root);
    debugOf(org, `System.enqueueJob(new CountingJob('plain'), 1);`);
    const target = org.rt.async.queue[0]?.target;
    const shared = new ApexList({ name: 'String', args: [] }, ['a']);
    target?.fields.set('first', shared);
    target?.fields.set('second', shared);
    const fresh = new LocalOrg(root);
    importState(fresh.rt, JSON.parse(JSON.stringify(exportState(org.rt))));
    const loaded = fresh.rt.async.queue[0]?.target;
    assert.equal(loaded?.cls.displayName, 'CountingJob');
    assert.deepEqual((loaded?.fields.get('first') as ApexList).items, ['a']);
    assert.equal(loaded?.fields.get('first'), loaded?.fields.get('second'), 'one list, not two copies');
  });

  it('refuses loudly to save a platform object it cannot represent', () => {
    const org = new LocalOrg(root);
    debugOf(org, `System.enqueueJob(new CountingJob('plain'), 1);`);
    org.rt.async.queue[0]?.target?.fields.set('mode', new NativeObject('Http', { send: () => undefined }));
    assert.throws(() => exportState(org.rt), StateError);
  });
});
