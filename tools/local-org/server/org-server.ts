/**
 * The local org's HTTP server: one long-lived LocalOrg built from the project's metadata, its
 * callouts routed to the CleverTap emulator. Each request is one transaction as the user named by
 * `X-Local-User` (the default admin when absent) for the page's `/api/…`, or as the session's user
 * for the REST API under `/services/…` (rest-api.ts); the org is saved before the answer leaves; async
 * work queued by the request runs after it, in the background; a ticker moves the org's clock with the
 * real one (times `clockSpeed`) and fires scheduled jobs and delayed Queueables when they are due.
 * At start it opens an admin session for REST clients (`session`, also written to the store's folder).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalOrg, type AsyncRun } from '../../apex-runtime/src/org/api.ts';
import { ApexThrow } from '../../apex-runtime/src/interpreter/interpreter.ts';
import { ApexCompileError } from '../../apex-runtime/src/language/errors.ts';
import { exportState, importState } from '../../apex-runtime/src/org/persist.ts';
import { ApexDatetime, ApexId } from '../../apex-runtime/src/language/values.ts';
import type { Emulator } from '../emulator/emulator.ts';
import { callApex, type BridgeRequest } from './aura-bridge.ts';
import { cleverTapRouter } from './callout-router.ts';
import { removeLocalSession, writeLocalSession, type LocalSession } from '../session.ts';
import { FileStore } from './file-store.ts';
import { fail, ok, RecordsApi, type Answer } from './records.ts';
import { RestApi } from './rest-api.ts';
import type { RestAnswer } from './rest-json.ts';
import { generateRecords, SAMPLE_PLAN, type Refs } from './sample-data.ts';
import { customPermissionsOf, listUsers, seedUsers } from './users.ts';

export interface OrgServer {
  url: string;
  org: LocalOrg;
  /** The admin's REST session (`instanceUrl` is `url`), also in `<dataDir>/session.json` while it runs. */
  session: LocalSession;
  rest: RestApi;
  /** Every async transaction's outcome, newest last (the Apex Jobs page reads `GET /api/jobs`). */
  jobs: JobRecord[];
  /** Settles once the async work queued so far has run. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface JobRecord extends AsyncRun {
  finishedAt: string;
}

export interface OrgServerOptions {
  root: string;
  emulator: Pick<Emulator, 'answer'> & { url?: string };
  port?: number;
  /** Folder of the persistent store; without it the org lives in memory only. */
  dataDir?: string;
  /** Start from an empty org (the store is cleared first). */
  reset?: boolean;
  /** Seed the sample records on a new org (default true with a store, false without). */
  seed?: boolean;
  /** Org-clock milliseconds per real millisecond (default 1). */
  clockSpeed?: number;
  /** How often the clock ticks, in real milliseconds (default 1 000; 0 turns the ticker off). */
  tickMs?: number;
  /** Serves the page's files; answers true when it handled the request. */
  serveStatic?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Jobs kept for the Apex Jobs page (oldest dropped first). */
const KEPT_JOBS = 2000;

export async function startOrgServer(options: OrgServerOptions): Promise<OrgServer> {
  const store = options.dataDir === undefined ? undefined : new FileStore(options.dataDir);
  // Before anything else: `--reset` must never clear the store of an org that is running.
  store?.assertFree();
  if (options.reset) store?.clear();
  const saved = store?.load();
  const org = new LocalOrg(options.root, { clockStart: Date.now() });
  const jobs: JobRecord[] = saved?.jobs ?? [];
  if (saved) {
    importState(org.rt, saved.org);
    // The org's clock kept running while the process was stopped, as a real org's does.
    org.rt.advanceClock(Math.max(0, Date.now() - saved.savedAt));
  } else {
    seedUsers(org);
    if (options.seed ?? store !== undefined) seedSampleData(org);
  }
  org.routeCallouts(cleverTapRouter(options.emulator));
  org.onAsyncRun((run) => {
    jobs.push({ ...run, finishedAt: new Date(org.rt.now().epochMs).toISOString() });
    if (jobs.length > KEPT_JOBS) jobs.splice(0, jobs.length - KEPT_JOBS);
  });
  const adminId = org.rt.userId;
  const persist = (): void =>
    store?.save({ org: exportState(org.rt), jobs: jobs.slice(-KEPT_JOBS), savedAt: Date.now() });
  persist();

  let background = Promise.resolve();
  const drainLater = (): void => {
    background = background.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            runDue(org);
            persist();
            resolve();
          }),
        ),
    );
  };

  const speed = options.clockSpeed ?? 1;
  let lastTick = Date.now();
  const tickMs = options.tickMs ?? 1000;
  const ticker =
    tickMs > 0
      ? setInterval(() => {
          const now = Date.now();
          org.rt.advanceClock((now - lastTick) * speed);
          lastTick = now;
          if (hasDueWork(org)) drainLater();
        }, tickMs)
      : undefined;

  const records = new RecordsApi(org);
  const emulatorUrl = options.emulator.url ?? '';
  const route = (req: IncomingMessage, url: URL, input: unknown, userId: ApexId): Answer => {
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'POST' && url.pathname === '/api/apex') {
      if (input === undefined || input === null) return fail(400, 'The body is not JSON.');
      return callApex(org, input as BridgeRequest, userId);
    }
    if (method === 'POST' && url.pathname === '/api/anonymous') return executeAnonymous(org, input, userId, adminId);
    if (method === 'GET' && url.pathname === '/api/jobs') return ok([...jobs].reverse());
    if (method === 'GET' && url.pathname === '/api/scheduled') return ok(scheduledJobs(org));
    if (method === 'GET' && url.pathname === '/api/users') return ok(listUsers(org));
    if (method === 'GET' && url.pathname === '/api/app') {
      const user = listUsers(org).find((u) => u.id === userId.value);
      return ok({
        emulatorUrl,
        currentUser: user && { id: user.id, name: user.name },
        customPermissions: customPermissionsOf(org, userId),
        clock: { now: new Date(org.rt.now().epochMs).toISOString(), speed },
      });
    }
    if (parts[0] === 'api' && parts[1] === 'objects') {
      if (method === 'GET' && parts.length === 2) return records.objects();
      if (method === 'GET' && parts.length === 3) return records.describe(parts[2] as string);
    }
    if (parts[0] === 'api' && parts[1] === 'records' && parts[2]) {
      const [, , object, id] = parts as [string, string, string, string?];
      if (parts.length === 3 && method === 'GET')
        return records.list(
          object,
          Number(url.searchParams.get('page') ?? 1),
          Number(url.searchParams.get('pageSize') ?? 25),
        );
      if (parts.length === 3 && method === 'POST') return records.save(object, input, userId);
      if (parts.length === 4 && id === 'bulk' && method === 'POST')
        return records.bulk(object, input, userId, (name, n) =>
          generateRecords(name, n, Date.now() % 100_000, parentRefs(org)),
        );
      if (parts.length === 4 && method === 'GET') return records.get(object, id as string);
      if (parts.length === 4 && method === 'PATCH') return records.save(object, input, userId, id);
      if (parts.length === 4 && method === 'DELETE') return records.remove(object, id as string, userId);
    }
    return fail(404, `No API at ${method} ${url.pathname}`);
  };

  let instanceUrl = '';
  const rest = new RestApi(org, () => instanceUrl);
  const answerRest = (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void => {
    let answer: RestAnswer;
    try {
      answer = rest.handle({ method: req.method ?? 'GET', url, headers: req.headers, body });
    } catch (error) {
      console.error(error);
      const message = `The local org failed: ${error instanceof Error ? error.message : String(error)}`;
      answer = { status: 500, body: [{ message, errorCode: 'UNKNOWN_EXCEPTION' }], wrote: true };
    }
    if (answer.wrote) persist();
    if (answer.raw) res.writeHead(answer.status, { 'Content-Type': answer.raw.contentType }).end(answer.raw.text);
    else if (answer.body === undefined) res.writeHead(answer.status).end();
    else
      res
        .writeHead(answer.status, { 'Content-Type': 'application/json;charset=UTF-8' })
        .end(JSON.stringify(answer.body));
    if (answer.wrote) drainLater();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://org');
    if (url.pathname.startsWith('/services/')) {
      void readBody(req).then((body) => answerRest(req, res, url, body));
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      if (options.serveStatic?.(req, res)) return;
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    void readBody(req)
      .then(parseJson)
      .then((input) => {
        const userId = userOf(org, req, adminId);
        let answer: Answer;
        try {
          answer = userId
            ? route(req, url, input, userId)
            : fail(400, 'X-Local-User is not an active user of this org.');
        } catch (error) {
          console.error(error);
          answer = fail(500, `The local org failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        // Committed work is on disk before the caller hears it succeeded.
        if (req.method !== 'GET') persist();
        res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer.body));
        if (req.method !== 'GET') drainLater();
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  try {
    store?.lock(url);
  } catch (error) {
    if (ticker) clearInterval(ticker);
    await closeServer(server);
    throw error;
  }
  instanceUrl = url;
  const session: LocalSession = {
    instanceUrl: url,
    accessToken: rest.createSession(adminId),
    username: String(org.rt.org.store.byId(adminId)?.fields.get('username') ?? ''),
    ...(options.emulator.url ? { emulatorUrl: options.emulator.url } : {}),
  };
  // The token names the org's Id, which a new org gets on first use: save it with the org.
  persist();
  if (store) writeLocalSession(store.dir, session);
  return {
    url,
    org,
    session,
    rest,
    jobs,
    idle: async () => {
      // Work queued by a drain (a chain of Queueables) runs in a later drain: wait until none is left.
      for (let seen: Promise<void> | undefined; seen !== background;) {
        seen = background;
        await seen;
      }
    },
    close: async () => {
      if (ticker) clearInterval(ticker);
      await closeServer(server);
      await background;
      persist();
      if (store) removeLocalSession(store.dir);
      store?.unlock();
    },
  };
}

/** Runs what is due; a job's unhandled exception is on its run record (Apex Jobs), and the org goes on. */
function runDue(org: LocalOrg): void {
  // `drain` rethrows the first job failure after running the others; drain again for what they left.
  for (let pass = 0; pass < 100; pass++) {
    try {
      org.drain();
      return;
    } catch (error) {
      // An Apex exception is the job's own outcome; anything else is the runtime refusing: say it loudly.
      if (!(error instanceof ApexThrow)) console.error(`async work stopped: ${String(error)}`);
    }
  }
}

/**
 * `POST /api/anonymous {"source"}`: Execute Anonymous, as the Developer Console does it; the debug
 * lines come back. Only the admin may (in an org it takes the Author Apex permission).
 */
function executeAnonymous(org: LocalOrg, input: unknown, userId: ApexId, adminId: ApexId): Answer {
  if (userId.value !== adminId.value) return fail(403, 'Only the admin can execute anonymous Apex.');
  const source = (input as { source?: unknown } | null)?.source;
  if (typeof source !== 'string' || source.trim() === '') return fail(400, 'The body must be {"source": "<Apex>"}.');
  try {
    return ok(org.runAnonymous(source, { userId }));
  } catch (error) {
    if (error instanceof ApexThrow)
      return fail(400, `${error.exception.cls.displayName}: ${String(error.exception.fields.get('message') ?? '')}`);
    if (error instanceof ApexCompileError) return fail(400, error.message);
    throw error;
  }
}

function hasDueWork(org: LocalOrg): boolean {
  const now = org.rt.now().epochMs;
  if (org.rt.async.queue.some((job) => (job.notBefore ?? 0) <= now) || org.rt.events.pending.length > 0) return true;
  return org.rt.async.scheduledJobs().some(({ triggerId }) => {
    const next = org.rt.org.store.byId(new ApexId(triggerId))?.fields.get('nextfiretime');
    return next instanceof ApexDatetime && next.epochMs <= now;
  });
}

function scheduledJobs(org: LocalOrg): unknown[] {
  const store = org.rt.org.store;
  return org.rt.async.scheduledJobs().map(({ triggerId, target, cron }) => {
    const trigger = store.byId(new ApexId(triggerId));
    const detailId = trigger?.fields.get('cronjobdetailid');
    const detail = detailId instanceof ApexId ? store.byId(detailId) : undefined;
    const next = trigger?.fields.get('nextfiretime');
    return {
      name: String(detail?.fields.get('name') ?? ''),
      className: target.cls.displayName,
      cron,
      nextFireTime: next instanceof ApexDatetime ? new Date(next.epochMs).toISOString() : null,
      state: String(trigger?.fields.get('state') ?? ''),
    };
  });
}

function userOf(org: LocalOrg, req: IncomingMessage, adminId: ApexId): ApexId | undefined {
  const header = req.headers['x-local-user'];
  if (typeof header !== 'string' || header === '') return adminId;
  return listUsers(org).some((u) => u.id === header) ? new ApexId(header) : undefined;
}

function parentRefs(org: LocalOrg): Refs {
  const ids = (object: string): string[] =>
    [...org.rt.org.store.records(object)]
      .filter((r) => !r.deleted)
      .slice(0, 500)
      .map((r) => r.id.value);
  return { accounts: ids('Account'), contacts: ids('Contact'), campaigns: ids('Campaign') };
}

/** A new org's sample records, loaded as the admin in Bulk-API-style chunks. */
function seedSampleData(org: LocalOrg): void {
  const records = new RecordsApi(org);
  for (const { object, count } of SAMPLE_PLAN) {
    const answer = records.bulk(object, { count }, org.rt.userId, (name, n) =>
      generateRecords(name, n, 0, parentRefs(org)),
    );
    const value = answer.body.ok ? (answer.body.value as { failed: number; firstError?: string }) : undefined;
    if (!value || value.failed > 0)
      throw new Error(`Seeding ${object} failed: ${answer.body.ok ? value?.firstError : answer.body.message}`);
  }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** The page's request body: null when empty, undefined when not JSON. */
function parseJson(body: Buffer): unknown {
  if (body.length === 0) return null;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
