// `npm run bench:governor`: the package's real Apex on the local runtime, measured against the
// governor floors of DESIGN.md §7 (invariants 6 and 7) and the Historical Sync rule. It prints the
// counters of every scenario and exits 1 unless every floor holds. Wall time and peak RSS are printed
// for information only: the machines are shared, so time is never asserted.
//
// Attribution: the runtime measures every trigger run (one object, event and chunk of ≤ 200 records)
// apart from the DML that fired it. The package's share of a customer transaction is what its Lead
// trigger runs spent; the customer's share is the rest (their own insert or update). A baseline
// with every sync inactive shows what the trigger costs when nothing matches.
import path from 'node:path';
import { LocalOrg, type AsyncRun, type TransactionCounters } from '../src/org/api.ts';
import type { TriggerRun } from '../src/platform/dml.ts';
import type { HttpMessage } from '../src/platform/http.ts';
import type { LimitName } from '../src/platform/limits.ts';

const PROJECT = path.resolve(import.meta.dirname, '..', '..', '..');
const UPLOAD = /^https:\/\/([a-z0-9]+\.)?api\.clevertap\.com\/1\/upload$/;
const SEND_SIZE = 1_000;
const IDENTITY_PREFIX = 'SF_Lead_';
const HISTORICAL = { records: 5_000, scope: 1_000 };
const DRAINER_ROUNDS = 8;
const DRAINER_STEP_MS = 15 * 60_000;

const failures: string[] = [];
const started = performance.now();

// ---- output ----

function table(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c] ?? 0) : v.padStart(widths[c] ?? 0)));
  for (const [i, r] of cells.entries()) {
    console.log('  ' + line(r).join('  '));
    if (i === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function floor(scenario: string, label: string, ok: boolean, detail: string): void {
  console.log(`  floor ${ok ? 'ok  ' : 'FAIL'}  ${label}: ${detail}`);
  if (!ok) failures.push(`${scenario}: ${label} (${detail})`);
}

function heading(title: string): void {
  console.log(`\n== ${title}`);
}

const range = (values: number[]): string => {
  if (values.length === 0) return '-';
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}–${high}`;
};
const sum = (values: number[]): number => values.reduce((n, v) => n + v, 0);
const perRecord = (total: number, records: number): string => (total / records).toFixed(total < records ? 4 : 2);

// ---- counters ----

/** The counters the floors speak of; `enqueues` are Queueable jobs added (System.enqueueJob). */
interface Figures {
  soql: number;
  queryRows: number;
  dmlStatements: number;
  dmlRows: number;
  enqueues: number;
  callouts: number;
  statements: number;
}
const METRICS: [keyof Figures, string][] = [
  ['soql', 'SOQL queries'],
  ['queryRows', 'query rows'],
  ['dmlStatements', 'DML statements'],
  ['dmlRows', 'DML rows'],
  ['enqueues', 'enqueues'],
  ['callouts', 'callouts'],
  ['statements', 'Apex statements'],
];

function figures(used: Record<LimitName, number>, statements: number): Figures {
  return {
    soql: used.queries,
    queryRows: used.queryRows,
    dmlStatements: used.dmlStatements,
    dmlRows: used.dmlRows,
    enqueues: used.queueableJobs,
    callouts: used.callouts,
    statements,
  };
}

/** What the package's Lead trigger runs of one transaction spent (nested DML and triggers included). */
function packageRuns(t: TransactionCounters): TriggerRun[] {
  return t.triggers.filter((run) => run.object === 'Lead' && run.event.startsWith('after'));
}

function packageShare(t: TransactionCounters): Figures {
  const runs = packageRuns(t).map((r) => figures(r.used, r.statements));
  return Object.fromEntries(METRICS.map(([k]) => [k, sum(runs.map((f) => f[k]))])) as unknown as Figures;
}

function minus(a: Figures, b: Figures): Figures {
  return Object.fromEntries(METRICS.map(([k]) => [k, a[k] - b[k]])) as unknown as Figures;
}

/** The async heap limit (12 MB) holds for every one of these jobs, by the runtime's heap estimate. */
function heapFloor(scenario: string, jobs: Observed[]): void {
  const peak = Math.max(0, ...jobs.map((o) => o.run.heapPeak));
  floor(scenario, 'peak heap < 12 000 000 (async limit)', jobs.length > 0 && peak < 12_000_000, `${peak}`);
}

// ---- the org ----

// A Developer Edition org, the strictest shape: a Queueable chain stops at 5 jobs, so a dispatch
// longer than that must finish through the drainer (a refused chain leaves its rows claimable).
const MAX_CHAIN = 5;
const org = measure(
  'load the project into the local runtime',
  () => new LocalOrg(PROJECT, { maxQueueableStackDepth: MAX_CHAIN }),
);

function measure<T>(label: string, body: () => T): T {
  const t0 = performance.now();
  const result = body();
  console.log(`  (${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s)`);
  return result;
}

function apex(source: string): string[] {
  return org.runAnonymous(source);
}

const [profileSyncId, eventSyncId] = apex(`
  insert new CleverTap_Settings__c(SetupOwnerId = UserInfo.getOrganizationId(), Send_Batch_Size__c = ${SEND_SIZE});
  CleverTap_Connection__c c = new CleverTap_Connection__c(Name = 'Bench', Connection_Key__c = 'bench', Region__c = 'in1',
    Account_Id__c = 'BENCH-ACC-001', Active__c = true, Delivery_Mode__c = 'Immediate');
  insert c;
  CleverTapCredentials.setPasscode(c.Id, 'bench-passcode');
  CleverTap_Sync__c profile = new CleverTap_Sync__c(Name = 'Lead profiles', Connection__c = c.Id, Source_Object__c = 'Lead',
    Target_Entity__c = 'Profile', Customer_Id_Template__c = '${IDENTITY_PREFIX}{{Lead.Id}}', Trigger_Events__c = 'Create;Update', Active__c = false);
  CleverTap_Sync__c event = new CleverTap_Sync__c(Name = 'Lead updated', Connection__c = c.Id, Source_Object__c = 'Lead',
    Target_Entity__c = 'Event', Customer_Id_Template__c = '${IDENTITY_PREFIX}{{Lead.Id}}', Event_Name_Template__c = 'Lead Updated',
    Trigger_Events__c = 'Create;Update', Active__c = false);
  insert new List<CleverTap_Sync__c>{ profile, event };
  insert new List<CleverTap_Field_Mapping__c>{
    new CleverTap_Field_Mapping__c(Sync__c = profile.Id, Target_Field__c = 'Email', Source_Field__c = 'Email', Data_Type__c = 'String'),
    new CleverTap_Field_Mapping__c(Sync__c = profile.Id, Target_Field__c = 'Company', Source_Field__c = 'Company', Data_Type__c = 'String'),
    new CleverTap_Field_Mapping__c(Sync__c = profile.Id, Target_Field__c = 'Title', Source_Field__c = 'Title', Data_Type__c = 'String'),
    new CleverTap_Field_Mapping__c(Sync__c = event.Id, Target_Field__c = 'Title', Source_Field__c = 'Title', Data_Type__c = 'String')
  };
  System.debug(profile.Id); System.debug(event.Id);
`) as [string, string];
const base = org.rt.org.store.snapshot();

/** Back to the configured org with no records, no queued work; then the syncs as asked. */
function reset(active: { profile: boolean; event: boolean }): void {
  org.rt.org.store.restore(base);
  org.rt.isolate();
  apex(`update new List<CleverTap_Sync__c>{
    new CleverTap_Sync__c(Id = '${profileSyncId}', Active__c = ${active.profile}),
    new CleverTap_Sync__c(Id = '${eventSyncId}', Active__c = ${active.event}) };`);
}

function leads(count: number, company: string) {
  return Array.from({ length: count }, (_, i) =>
    org.record('Lead', { LastName: `Lead ${i}`, Company: company, Email: `lead${i}@example.com` }),
  );
}

function bulkInsert(count: number, company = 'Acme'): { ids: string[]; transactions: TransactionCounters[] } {
  const { results, transactions } = org.dml('insert', leads(count, company), { mode: 'bulk' });
  const failed = results.filter((r) => !r.success);
  if (failed.length > 0) throw new Error(`${failed.length} Leads failed to insert: ${JSON.stringify(failed[0])}`);
  return { ids: results.map((r) => r.id?.value ?? ''), transactions };
}

function outboxSummary(): string {
  const [rows, records] = apex(
    "System.debug([SELECT COUNT() FROM CleverTap_Outbox__c]); System.debug([SELECT SUM(Record_Count__c) n FROM CleverTap_Outbox__c][0].get('n'));",
  );
  return `${rows} outbox rows holding ${records === 'null' ? 0 : records} record Ids`;
}

// ---- callouts: CleverTap's success answer, every record counted ----

interface Request {
  records: number;
  /** Record Id (15 characters) of each `d` entry, from its identity. */
  ids: string[];
}
let requests: Request[] = [];
let unrouted = 0;

function answer(request: HttpMessage): HttpMessage {
  const headers = new Map([['content-type', 'application/json']]);
  if (!UPLOAD.test(request.endpoint ?? '') || request.method !== 'POST') {
    unrouted++;
    return { statusCode: 404, status: 'Not Found', body: '{"status":"fail","error":"not routed"}', headers };
  }
  const entries = (JSON.parse(request.body) as { d?: { identity?: string }[] }).d ?? [];
  const ids = entries.map((e) => String(e.identity ?? '').slice(IDENTITY_PREFIX.length, IDENTITY_PREFIX.length + 15));
  requests.push({ records: entries.length, ids });
  const body = JSON.stringify({ status: 'success', processed: entries.length, unprocessed: [] });
  return { statusCode: 200, status: 'OK', body, headers };
}
org.routeCallouts(answer);

/** Async runs with the requests each made (jobs run one at a time, so a request belongs to the run that ends next). */
interface Observed {
  run: AsyncRun;
  requests: Request[];
}

function observeAsync(body: () => void): Observed[] {
  const observed: Observed[] = [];
  let taken = requests.length;
  const stop = org.onAsyncRun((run) => {
    observed.push({ run, requests: requests.slice(taken) });
    taken = requests.length;
  });
  try {
    body();
  } finally {
    stop();
  }
  return observed;
}

function drainCatching(errors: string[]): void {
  try {
    org.drain();
  } catch (error) {
    errors.push(`drain: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function deliveryCheck(expected: string[], sent: Request[]): { missing: number; twice: number; unexpected: number } {
  const counts = new Map<string, number>();
  for (const r of sent) for (const id of r.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const wanted = new Set(expected.map((id) => id.slice(0, 15)));
  let missing = 0;
  let twice = 0;
  for (const id of wanted) {
    const n = counts.get(id) ?? 0;
    if (n === 0) missing++;
    if (n > 1) twice++;
  }
  const unexpected = [...counts.keys()].filter((id) => !wanted.has(id)).length;
  return { missing, twice, unexpected };
}

// ---- scenario 1: Bulk API load ----

function captureFloors(scenario: string, runs: TriggerRun[], matchingSyncs: number, configSoqlTotal: number): void {
  const f = runs.map((r) => figures(r.used, r.statements));
  floor(
    scenario,
    'SOQL per chunk ≤ 1',
    f.every((x) => x.soql <= 1),
    `per chunk ${range(f.map((x) => x.soql))}`,
  );
  floor(
    scenario,
    'SOQL for config in the transaction ≤ 1',
    configSoqlTotal <= 1,
    `${configSoqlTotal} in the transaction`,
  );
  floor(
    scenario,
    'DML statements by the package per chunk = 1',
    f.every((x) => x.dmlStatements === 1),
    `per chunk ${range(f.map((x) => x.dmlStatements))}, ${runs.length} chunks, total ${sum(f.map((x) => x.dmlStatements))}`,
  );
  floor(
    scenario,
    `DML rows by the package per chunk = matching syncs (${matchingSyncs})`,
    f.every((x) => x.dmlRows === matchingSyncs),
    `per chunk ${range(f.map((x) => x.dmlRows))}, total ${sum(f.map((x) => x.dmlRows))}`,
  );
  floor(
    scenario,
    'enqueues per chunk ≤ 1',
    f.every((x) => x.enqueues <= 1),
    `per chunk ${range(f.map((x) => x.enqueues))}`,
  );
  floor(
    scenario,
    'callouts in capture = 0',
    f.every((x) => x.callouts === 0),
    `total ${sum(f.map((x) => x.callouts))}`,
  );
}

function scenarioBulk(): void {
  const scenario = 'capture, Bulk API';
  heading(`1. ${scenario}: 10 000 Leads as 50 transactions of 200, one active profile sync (Immediate)`);
  reset({ profile: false, event: false });
  const baseline = measure('baseline load, every sync inactive', () => bulkInsert(10_000).transactions);
  reset({ profile: true, event: false });
  const load = measure('load with the profile sync active', () => bulkInsert(10_000).transactions);
  const byTx = (list: TransactionCounters[], pick: (t: TransactionCounters) => Figures) => list.map(pick);
  const total = byTx(load, (t) => figures(t.used, t.statements));
  const pkg = byTx(load, packageShare);
  const customer = load.map((t, i) => minus(total[i] as Figures, pkg[i] as Figures));
  const idle = byTx(baseline, packageShare);
  const baseTotal = byTx(baseline, (t) => figures(t.used, t.statements));
  console.log("  Per transaction (= one chunk of 200), min–max over the 50. package = what the package's Lead trigger");
  console.log(
    '  runs spent, measured per trigger run by the runtime (nested DML included); customer = transaction − package;',
  );
  console.log('  baseline = the same load with every sync inactive.');
  table(
    [
      'counter',
      'transaction',
      'customer (rest)',
      'package/chunk',
      'package total',
      'package/record',
      'baseline tx',
      'baseline pkg',
    ],
    METRICS.map(([k, label]) => [
      label,
      range(total.map((f) => f[k])),
      range(customer.map((f) => f[k])),
      range(pkg.map((f) => f[k])),
      sum(pkg.map((f) => f[k])),
      perRecord(sum(pkg.map((f) => f[k])), 10_000),
      range(baseTotal.map((f) => f[k])),
      range(idle.map((f) => f[k])),
    ]),
  );
  console.log(
    `  cross-check: transaction − baseline transaction, DML rows ${range(total.map((f, i) => f.dmlRows - (baseTotal[i]?.dmlRows ?? 0)))}, DML statements ${range(total.map((f, i) => f.dmlStatements - (baseTotal[i]?.dmlStatements ?? 0)))}`,
  );
  console.log(`  after the load: ${outboxSummary()}`);
  const runsPerTx = load.map((t) => packageRuns(t).length);
  floor(
    scenario,
    '50 transactions, one chunk each',
    load.length === 50 && runsPerTx.every((n) => n === 1),
    `${load.length} transactions, Lead after-insert runs per transaction ${range(runsPerTx)}`,
  );
  captureFloors(scenario, load.flatMap(packageRuns), 1, Math.max(...pkg.map((f) => f.soql)));
}

// ---- scenario 2: one Apex transaction of 4 000 updates ----

function scenarioApexUpdate(): void {
  const scenario = 'capture, one Apex transaction';
  heading(`2. ${scenario}: anonymous Apex updates 4 000 Leads (20 chunks), profile + event sync active`);
  // The Leads are inserted while every sync is inactive, so only the update is captured.
  reset({ profile: false, event: false });
  bulkInsert(4_000, 'Acme Update');
  apex(`update new List<CleverTap_Sync__c>{ new CleverTap_Sync__c(Id = '${profileSyncId}', Active__c = true),
    new CleverTap_Sync__c(Id = '${eventSyncId}', Active__c = true) };`);
  measure('the update transaction', () =>
    apex(`List<Lead> leads = [SELECT Id, Title FROM Lead WHERE Company = 'Acme Update' LIMIT 4000];
      for (Lead l : leads) { l.Title = 'VP Sales'; }
      update leads;`),
  );
  const t = org.lastTransaction();
  const runs = packageRuns(t);
  const chunks = runs.map((r) => figures(r.used, r.statements));
  const pkg = packageShare(t);
  const total = figures(t.used, t.statements);
  table(
    ['chunk', 'records', ...METRICS.map(([, label]) => label)],
    [
      ...runs.map((r, i) => [`#${i + 1}`, r.size, ...METRICS.map(([k]) => (chunks[i] as Figures)[k])]),
      ['package total', sum(runs.map((r) => r.size)), ...METRICS.map(([k]) => pkg[k])],
      ['package/record', '', ...METRICS.map(([k]) => perRecord(pkg[k], 4_000))],
      ['customer (rest)', '', ...METRICS.map(([k]) => total[k] - pkg[k])],
      ['transaction', '', ...METRICS.map(([k]) => total[k])],
    ],
  );
  console.log(`  after the update: ${outboxSummary()}`);
  floor(scenario, '20 chunks of 200 in one transaction', runs.length === 20, `${runs.length} Lead after-update runs`);
  captureFloors(scenario, runs, 2, pkg.soql);
}

// ---- scenario 3: dispatch ----

const hasDispatch = (): boolean => ['clevertapclaimjob', 'clevertapsendjob'].every((name) => org.rt.classes.has(name));

const outboxEmpty = (): boolean => apex('System.debug([SELECT COUNT() FROM CleverTap_Outbox__c]);')[0] === '0';

/**
 * Runs what capture queued; while rows are left, moves the fake clock on (delayed and scheduled jobs
 * run) and, if rows are still left, runs the drainer's body as its schedule would.
 */
function driveDispatch(errors: string[]): { clockSteps: number; drainerCalls: number } {
  drainCatching(errors);
  let clockSteps = 0;
  let drainerCalls = 0;
  while (clockSteps < DRAINER_ROUNDS && !outboxEmpty()) {
    clockSteps++;
    org.rt.advanceClock(DRAINER_STEP_MS);
    drainCatching(errors);
    if (outboxEmpty()) break;
    drainerCalls++;
    try {
      apex('CleverTapDispatcher.drain();');
    } catch (error) {
      errors.push(`CleverTapDispatcher.drain(): ${error instanceof Error ? error.message : String(error)}`);
    }
    drainCatching(errors);
  }
  return { clockSteps, drainerCalls };
}

function scenarioDispatch(records: number, lockTimeouts = 0): void {
  const scenario = `dispatch of ${records}` + (lockTimeouts ? `, ${lockTimeouts} claim timing out on a lock` : '');
  heading(
    `3. ${scenario}: queued records sent (Immediate, one profile sync, Developer Edition chain limit ${MAX_CHAIN}; router answers CleverTap's success shape)`,
  );
  reset({ profile: true, event: false });
  const { ids } = bulkInsert(records);
  // Another transaction holds the outbox rows: the claim's FOR UPDATE times out and must back off.
  if (lockTimeouts > 0) org.contendLocks('CleverTap_Outbox__c', lockTimeouts);
  requests = [];
  unrouted = 0;
  const errors: string[] = [];
  const observed = observeAsync(() => {
    const { clockSteps, drainerCalls } = measure('dispatch', () => driveDispatch(errors));
    console.log(
      `  after capture's own dispatch request: clock steps of 15 min ${clockSteps}, drainer calls (CleverTapDispatcher.drain()) ${drainerCalls}; ${outboxSummary()} left`,
    );
  });
  for (const o of observed) if (o.run.error) errors.push(`${o.run.className} (${o.run.phase}): ${o.run.error}`);
  const claims = observed.filter((o) => o.run.className === 'CleverTapClaimJob' && o.run.phase === 'queueable');
  const sends = observed.filter((o) => o.run.className === 'CleverTapSendJob' && o.run.phase === 'queueable');
  const sent = observed.flatMap((o) => o.requests);
  const splits = sends.reduce(
    (n, s) => n + s.requests.filter((r, i) => r.records < SEND_SIZE && i < s.requests.length - 1).length,
    0,
  );
  const sizes = sent.map((r) => r.records);
  const jobs = [...new Set(observed.map((o) => `${o.run.className} ${o.run.phase}`))];
  table(
    ['async transactions', 'runs', ...METRICS.map(([, label]) => `${label} (max)`), 'peak heap (max)'],
    jobs.map((job) => {
      const of = observed.filter((o) => `${o.run.className} ${o.run.phase}` === job);
      const runs = of.map((o) => figures(o.run.used, o.run.statements));
      return [
        job,
        runs.length,
        ...METRICS.map(([k]) => Math.max(...runs.map((f) => f[k]))),
        Math.max(...of.map((o) => o.run.heapPeak)),
      ];
    }),
  );
  heapFloor(scenario, sends);
  const check = deliveryCheck(ids, sent);
  console.log(
    `  per send job (one claim each): records ${sends.map((s) => sum(s.requests.map((r) => r.records))).join('/')}, callouts ${sends.map((s) => s.requests.length).join('/')}`,
  );
  console.log(
    `  claim jobs ${claims.length}, send jobs ${sends.length}, callouts ${sent.length} (+${unrouted} not to /1/upload), records per callout ${range(sizes)} (avg ${sent.length ? (sum(sizes) / sent.length).toFixed(0) : '-'}), size splits ${splits}`,
  );
  console.log(
    `  records reached the router: ${sum(sizes)} of ${records}; missing ${check.missing}, sent twice ${check.twice}, not captured ${check.unexpected}`,
  );
  for (const e of errors.slice(0, 5)) console.log(`  error: ${e}`);
  if (!hasDispatch())
    console.log('  CleverTapClaimJob / CleverTapSendJob are not in the project yet: dispatch cannot run.');
  const allowed = Math.ceil(records / SEND_SIZE) + splits;
  floor(
    scenario,
    'dispatch made callouts',
    sent.length > 0,
    sent.length > 0 ? `${sent.length}` : '0 callouts (dispatch not in yet?)',
  );
  floor(
    scenario,
    `callouts ≤ ceil(${records}/${SEND_SIZE}) + size splits = ${allowed}`,
    sent.length > 0 && sent.length <= allowed,
    `${sent.length}`,
  );
  floor(
    scenario,
    'every captured record sent exactly once',
    check.missing === 0 && check.twice === 0,
    `missing ${check.missing}, twice ${check.twice}`,
  );
  floor(scenario, 'no async job failed', errors.length === 0, `${errors.length} errors`);
}

// ---- scenario 4: Historical Sync ----

function scenarioHistorical(): void {
  const { records, scope } = HISTORICAL;
  const scenario = `historical sync of ${records}`;
  heading(`4. ${scenario} Leads (scope ${scope}): CleverTapHistoricalRuns.start(syncId) → CleverTapHistoricalSync`);
  const present = ['clevertaphistoricalruns', 'clevertaphistoricalsync'].every((name) => org.rt.classes.has(name));
  if (!present) {
    console.log('  NOT RUN: CleverTapHistoricalRuns / CleverTapHistoricalSync are not in the project yet.');
    failures.push(`${scenario}: not run (classes missing)`);
    return;
  }
  reset({ profile: false, event: false });
  const { ids } = bulkInsert(records);
  apex(`update new CleverTap_Sync__c(Id = '${profileSyncId}', Active__c = true);`);
  requests = [];
  unrouted = 0;
  const errors: string[] = [];
  const observed = observeAsync(() =>
    measure('historical run', () => {
      try {
        apex(`CleverTapHistoricalRuns.start('${profileSyncId}');`);
      } catch (error) {
        errors.push(`start: ${error instanceof Error ? error.message : String(error)}`);
      }
      drainCatching(errors);
    }),
  );
  for (const o of observed) if (o.run.error) errors.push(`${o.run.className} (${o.run.phase}): ${o.run.error}`);
  const executes = observed.filter(
    (o) => o.run.className === 'CleverTapHistoricalSync' && o.run.phase === 'batch execute',
  );
  const sent = observed.flatMap((o) => o.requests);
  const runs = executes.map((o) => figures(o.run.used, o.run.statements));
  const heaps = executes.map((o) => o.run.heapPeak);
  table(
    ['per execute', ...METRICS.map(([, label]) => label), 'peak heap'],
    [
      ['min–max', ...METRICS.map(([k]) => range(runs.map((f) => f[k]))), range(heaps)],
      ['total', ...METRICS.map(([k]) => sum(runs.map((f) => f[k]))), '-'],
    ],
  );
  heapFloor(scenario, executes);
  const check = deliveryCheck(ids, sent);
  console.log(
    `  executes ${executes.length}, callouts ${sent.length} (+${unrouted} not to /1/upload), records per callout ${range(sent.map((r) => r.records))}`,
  );
  console.log(
    `  records reached the router: missing ${check.missing}, sent twice ${check.twice} (information, not a floor)`,
  );
  for (const e of errors.slice(0, 5)) console.log(`  error: ${e}`);
  const expected = Math.ceil(records / scope);
  floor(
    scenario,
    `executes = ceil(${records}/${scope}) = ${expected}`,
    executes.length === expected,
    `${executes.length}`,
  );
  floor(scenario, 'callouts = executes', sent.length === executes.length && sent.length === expected, `${sent.length}`);
  floor(scenario, 'no async job failed', errors.length === 0, `${errors.length} errors`);
}

// ---- scenario 5: wide records ----

const WIDE = { fields: 50, length: 255, records: 1_000 };
const wideField = (n: number): string => `Wide_${String(n).padStart(2, '0')}__c`;

/** A Lead with 50 Text(255) fields, as orgs with a wide layout have: added to the runtime's schema. */
function addWideFields(): void {
  for (let n = 1; n <= WIDE.fields; n++) {
    if (org.rt.schema.getField('Lead', wideField(n))) continue;
    org.rt.schema.addField('Lead', {
      name: wideField(n),
      type: 'string',
      length: WIDE.length,
      required: false,
      custom: true,
      referenceTo: [],
    });
  }
}

/** A profile sync mapping every wide field; Leads whose 50 values are all different and full. */
function wideSetup(): { syncId: string; ids: string[] } {
  addWideFields();
  reset({ profile: false, event: false });
  const mappings = Array.from(
    { length: WIDE.fields },
    (_, i) =>
      `new CleverTap_Field_Mapping__c(Sync__c = s.Id, Target_Field__c = 'Wide ${i + 1}', Source_Field__c = '${wideField(i + 1)}', Data_Type__c = 'String')`,
  );
  const [syncId] = apex(`
    CleverTap_Connection__c c = [SELECT Id FROM CleverTap_Connection__c LIMIT 1];
    CleverTap_Sync__c s = new CleverTap_Sync__c(Name = 'Wide profiles', Connection__c = c.Id, Source_Object__c = 'Lead',
      Target_Entity__c = 'Profile', Customer_Id_Template__c = '${IDENTITY_PREFIX}{{Lead.Id}}', Trigger_Events__c = 'Create;Update', Active__c = true);
    insert s;
    insert new List<CleverTap_Field_Mapping__c>{ ${mappings.join(',\n')} };
    System.debug(s.Id);`);
  const records = Array.from({ length: WIDE.records }, (_, r) => {
    const fields: Record<string, string> = { LastName: `Wide ${r}`, Company: 'Acme', Email: `wide${r}@example.com` };
    for (let n = 1; n <= WIDE.fields; n++) fields[wideField(n)] = `${r}-${n}-`.padEnd(WIDE.length, 'w');
    return org.record('Lead', fields);
  });
  const { results } = org.dml('insert', records, { mode: 'bulk' });
  return { syncId: syncId ?? '', ids: results.map((r) => r.id?.value ?? '') };
}

function heapTable(observed: Observed[]): void {
  const jobs = [...new Set(observed.map((o) => `${o.run.className} ${o.run.phase}`))];
  table(
    ['async transactions', 'runs', 'query rows (max)', 'callouts (max)', 'peak heap (max)'],
    jobs.map((job) => {
      const of = observed.filter((o) => `${o.run.className} ${o.run.phase}` === job);
      return [
        job,
        of.length,
        Math.max(...of.map((o) => o.run.used.queryRows)),
        Math.max(...of.map((o) => o.run.used.callouts)),
        Math.max(...of.map((o) => o.run.heapPeak)),
      ];
    }),
  );
}

function scenarioWide(): void {
  const scenario = `wide records (${WIDE.records} Leads × ${WIDE.fields} mapped fields of ${WIDE.length} characters)`;
  heading(`5. ${scenario}: the send jobs, then a Historical Sync of them`);
  const { syncId, ids } = wideSetup();
  const errors: string[] = [];
  requests = [];
  const sent = observeAsync(() => measure('wide dispatch', () => driveDispatch(errors)));
  heapTable(sent);
  const sends = sent.filter((o) => o.run.className === 'CleverTapSendJob' && o.run.phase === 'queueable');
  const delivered = deliveryCheck(
    ids,
    sent.flatMap((o) => o.requests),
  );
  console.log(`  records reached the router: missing ${delivered.missing}, sent twice ${delivered.twice}`);
  heapFloor(`${scenario}, send`, sends);
  const backfill = observeAsync(() =>
    measure('wide historical run', () => {
      apex(`CleverTapHistoricalRuns.start('${syncId}');`);
      drainCatching(errors);
    }),
  );
  heapTable(backfill);
  heapFloor(
    `${scenario}, Historical Sync`,
    backfill.filter((o) => o.run.className === 'CleverTapHistoricalSync' && o.run.phase === 'batch execute'),
  );
  for (const o of [...sent, ...backfill])
    if (o.run.error) errors.push(`${o.run.className} (${o.run.phase}): ${o.run.error}`);
  for (const e of errors.slice(0, 5)) console.log(`  error: ${e}`);
  floor(scenario, 'no async job failed', errors.length === 0, `${errors.length} errors`);
  floor(scenario, 'every record delivered', delivered.missing === 0, `${delivered.missing} missing`);
}

// ---- run ----

function guarded(name: string, body: () => void): void {
  try {
    body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  CRASHED: ${message}`);
    failures.push(`${name}: crashed (${message.split('\n')[0]})`);
  }
}

guarded('capture, Bulk API', scenarioBulk);
guarded('capture, one Apex transaction', scenarioApexUpdate);
guarded('dispatch of 1000', () => scenarioDispatch(1_000));
guarded('dispatch of 1000, lock timeout', () => scenarioDispatch(1_000, 1));
guarded('dispatch of 10000', () => scenarioDispatch(10_000));
guarded('dispatch of 20000', () => scenarioDispatch(20_000));
guarded('historical sync', scenarioHistorical);
guarded('wide records', scenarioWide);

const rss = process.resourceUsage().maxRSS / 1024;
console.log(
  `\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${rss.toFixed(0)} MB (information only)`,
);
console.log(failures.length === 0 ? 'bench:governor: PASS' : `bench:governor: FAIL (${failures.join('; ')})`);
process.exitCode = failures.length === 0 ? 0 : 1;
