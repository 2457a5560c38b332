/**
 * A CleverTap emulator: a real HTTP server answering `/1/upload`, `/1/profile.json`,
 * `/1/delete/profiles.json` and `/v1/connect` as clevertap-api.md documents, with per-account fault
 * injection (`POST /_admin/faults`) and an HTML page of accounts, profiles, events and raw requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteEnvelope, UploadEnvelope, identityOf, recordError, type UploadRecord } from './validation.ts';

export const MAX_CONCURRENT_UPLOADS = 15;
export type FaultKind = '500' | '503' | '429' | 'timeout' | 'partial';
const FAULT_KINDS: readonly string[] = ['500', '503', '429', 'timeout', 'partial'];

export interface StoredProfile {
  identity: string;
  profileData: Record<string, unknown>;
  events: Record<string, { count: number; first_seen: number; last_seen: number }>;
  /** When the emulator last changed this profile (ISO). */
  updatedAt: string;
}
export interface StoredEvent {
  identity: string;
  evtName: string;
  evtData: Record<string, unknown>;
  ts: number;
}
export interface RawRequest {
  at: string;
  account: string;
  method: string;
  path: string;
  status: number;
  body: string;
  /** What the emulator answered (empty for a dropped connection). */
  answer: string;
}
export interface Account {
  id: string;
  passcode: string;
  profiles: Map<string, StoredProfile>;
  events: StoredEvent[];
  faults: FaultKind[];
  inFlight: number;
  /** Milliseconds each upload is held before its answer (to exercise the concurrency limit). */
  latencyMs: number;
}
export interface EmulatorOptions {
  port?: number;
  host?: string;
  accounts?: ReadonlyArray<{ id: string; passcode: string }>;
  /** How long a `timeout` fault holds the request before dropping the connection. */
  timeoutMs?: number;
}
export interface Emulator {
  url: string;
  accounts: Map<string, Account>;
  requests: RawRequest[];
  addAccount(id: string, passcode: string): Account;
  /** Answers synchronously, for the org server's callout router; `timeout` when a timeout fault fires. */
  answer(request: ApiRequest): { status: number; body: string } | 'timeout';
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}
const json = (status: number, body: unknown): Answer => ({ status, body });
const fail = (status: number, error: string): Answer => json(status, { status: 'fail', error, code: status });
const now = (): number => Math.floor(Date.now() / 1000);

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const accounts = new Map<string, Account>();
  const requests: RawRequest[] = [];
  const addAccount = (id: string, passcode: string): Account => {
    const account: Account = { id, passcode, profiles: new Map(), events: [], faults: [], inFlight: 0, latencyMs: 0 };
    accounts.set(id, account);
    return account;
  };
  for (const account of options.accounts ?? []) addAccount(account.id, account.passcode);
  const context: Context = { accounts, requests, addAccount, timeoutMs: options.timeoutMs ?? 30_000 };
  const server = createServer((req, res) => {
    void handle(context, req, res).catch((error: unknown) => send(res, fail(500, String(error))));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const answer = (request: ApiRequest): { status: number; body: string } | 'timeout' => {
    const reply = answerApi(context, request);
    return reply === 'timeout' ? reply : { status: reply.status, body: JSON.stringify(reply.body) };
  };
  return { url: `http://127.0.0.1:${port}`, accounts, requests, addAccount, answer, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

interface Context {
  accounts: Map<string, Account>;
  requests: RawRequest[];
  addAccount(id: string, passcode: string): Account;
  timeoutMs: number;
}

async function handle(context: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const body = await readBody(req);
  if (url.pathname === '/' && req.method === 'GET') {
    return sendHtml(res, renderPage(context, url.searchParams.get('identity') ?? ''));
  }
  if (url.pathname.startsWith('/_admin/')) {
    return send(res, admin(context, url.pathname, body));
  }
  const headers = new Map(Object.entries(req.headers).map(([k, v]) => [k, String(v ?? '')]));
  const request: ApiRequest = { method: req.method ?? 'GET', url: url.pathname + url.search, headers, body };
  const account = context.accounts.get(headers.get('x-clevertap-account-id') ?? '');
  const answerNow = (): Answer | 'timeout' => answerApi(context, request);
  const answer = url.pathname === '/1/upload' && account ? await heldUpload(account, answerNow) : answerNow();
  if (answer === 'timeout') {
    setTimeout(() => res.destroy(), context.timeoutMs).unref();
    return;
  }
  send(res, answer);
}

/** One API request, however it arrives (HTTP, or a callout routed in-process by the org server). */
export interface ApiRequest {
  method: string;
  /** Path and query; any scheme and host in front are ignored (every regional host is this emulator). */
  url: string;
  /** Header names in lower case. */
  headers: Map<string, string>;
  body: string;
}

/** Authenticates, applies an injected fault, answers and records the raw request. */
function answerApi(context: Context, request: ApiRequest): Answer | 'timeout' {
  const url = new URL(request.url.replace(/^https?:\/\/[^/]+/, ''), 'http://emulator');
  const accountId = request.headers.get('x-clevertap-account-id') ?? '';
  const log = <T extends Answer | 'timeout'>(answer: T): T => {
    context.requests.push({
      at: new Date().toISOString(),
      account: accountId,
      method: request.method,
      path: url.pathname + url.search,
      status: answer === 'timeout' ? 0 : answer.status,
      body: request.body,
      answer: answer === 'timeout' ? '' : JSON.stringify(answer.body),
    });
    return answer;
  };
  const account = authenticate(context, accountId, request.headers.get('x-clevertap-passcode'));
  if (!('id' in account)) return log(account);
  const fault = account.faults.shift();
  if (fault === 'timeout') return log('timeout');
  if (fault !== undefined && fault !== 'partial') {
    const status = Number(fault);
    return log(fail(status, status === 429 ? 'Too many concurrent requests' : 'Try again later'));
  }
  return log(route(account, request.method, url, request.body, fault === 'partial'));
}

function authenticate(context: Context, accountId: string, passcode: string | undefined): Account | Answer {
  const account = context.accounts.get(accountId);
  if (account === undefined) return fail(401, 'Account ID is not valid');
  if (passcode !== account.passcode) return fail(401, 'Invalid passcode');
  return account;
}

function route(account: Account, method: string, url: URL, body: string, partial: boolean): Answer {
  const key = `${method} ${url.pathname}`;
  if (key === 'POST /1/upload') return upload(account, body, partial);
  if (key === 'GET /1/profile.json') return profile(account, url.searchParams.get('identity') ?? '');
  if (key === 'POST /1/delete/profiles.json') return deleteProfiles(account, body);
  if (key === 'GET /v1/connect') return json(200, { status: 'success' });
  return fail(404, 'Not found');
}

function upload(account: Account, body: string, partial: boolean): Answer {
  const envelope = UploadEnvelope.safeParse(parseJson(body));
  if (!envelope.success) return fail(400, 'Malformed request');
  return json(200, applyUpload(account, envelope.data.d, partial));
}

/** Holds an HTTP upload for the account's latency, counting it against the 15-concurrent limit (§4.4). */
async function heldUpload(account: Account, answer: () => Answer | 'timeout'): Promise<Answer | 'timeout'> {
  if (account.inFlight >= MAX_CONCURRENT_UPLOADS) return fail(429, 'Too many concurrent requests');
  account.inFlight++;
  try {
    if (account.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, account.latencyMs));
    return answer();
  } finally {
    account.inFlight--;
  }
}

/** Applies the valid records and answers success / partial / fail with `unprocessed[]` (§4.1). */
function applyUpload(account: Account, records: UploadRecord[], forcePartial: boolean): unknown {
  const unprocessed: unknown[] = [];
  records.forEach((record, index) => {
    const error =
      recordError(record) ??
      (forcePartial && index === records.length - 1 ? { code: 555, error: 'Miscellaneous server error.' } : undefined);
    if (error !== undefined) {
      unprocessed.push({
        status: 'fail',
        code: error.code,
        error: `${error.error}Skipped record number : ${index + 1}`,
        record,
      });
    } else {
      store(account, record);
    }
  });
  const processed = records.length - unprocessed.length;
  const status = unprocessed.length === 0 ? 'success' : processed === 0 ? 'fail' : 'partial';
  return { status, processed, unprocessed };
}

function store(account: Account, record: UploadRecord): void {
  const identity = identityOf(record) as string;
  const ts = typeof record.ts === 'number' ? record.ts : now();
  const profile = account.profiles.get(identity) ?? { identity, profileData: {}, events: {}, updatedAt: '' };
  profile.updatedAt = new Date().toISOString();
  account.profiles.set(identity, profile);
  if (record.type === 'profile') {
    mergeProfile(profile.profileData, record.profileData as Record<string, unknown>);
    return;
  }
  const evtName = record.evtName as string;
  account.events.push({ identity, evtName, evtData: record.evtData as Record<string, unknown>, ts });
  const seen = profile.events[evtName] ?? { count: 0, first_seen: ts, last_seen: ts };
  profile.events[evtName] = {
    count: seen.count + 1,
    first_seen: Math.min(seen.first_seen, ts),
    last_seen: Math.max(seen.last_seen, ts),
  };
}

/** Plain values overwrite; `$set/$add/$remove/$incr/$decr/$delete` apply as §3.2 documents. */
function mergeProfile(target: Record<string, unknown>, data: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      target[key] = value;
      continue;
    }
    const op = value as Record<string, unknown>;
    const current = target[key];
    const list = Array.isArray(current) ? (current as unknown[]) : [];
    if ('$set' in op) target[key] = op.$set;
    else if ('$add' in op) target[key] = [...new Set([...list, ...(op.$add as unknown[])])];
    else if ('$remove' in op) target[key] = list.filter((item) => !(op.$remove as unknown[]).includes(item));
    else if ('$incr' in op) target[key] = Number(current ?? 0) + Number(op.$incr);
    else if ('$decr' in op) target[key] = Number(current ?? 0) - Number(op.$decr);
    else if ('$delete' in op) delete target[key];
    else target[key] = value;
  }
}

function profile(account: Account, identity: string): Answer {
  const found = account.profiles.get(identity);
  // The not-found shape is undocumented (clevertap-api.md §5); this one is a plain fail.
  if (found === undefined) return json(200, { status: 'fail', error: 'User not found', code: 404 });
  return json(200, { status: 'success', record: { identity, profileData: found.profileData, events: found.events } });
}

function deleteProfiles(account: Account, body: string): Answer {
  const envelope = DeleteEnvelope.safeParse(parseJson(body));
  if (!envelope.success) return fail(400, 'Malformed request');
  const values = 'identity' in envelope.data ? envelope.data.identity : envelope.data.guid;
  for (const identity of Array.isArray(values) ? values : [values]) {
    account.profiles.delete(identity);
    account.events = account.events.filter((event) => event.identity !== identity);
  }
  return json(200, { status: 'success' });
}

/** `POST /_admin/accounts {id, passcode}`; `POST /_admin/faults {account, kind, count}`; `POST /_admin/latency {account, ms}`. */
function admin(context: Context, path: string, body: string): Answer {
  const input = (parseJson(body) ?? {}) as Record<string, unknown>;
  if (path === '/_admin/accounts' && typeof input.id === 'string' && typeof input.passcode === 'string') {
    context.addAccount(input.id, input.passcode);
    return json(200, { status: 'success' });
  }
  const account = context.accounts.get(String(input.account));
  if (account === undefined) return fail(404, 'Unknown account');
  if (path === '/_admin/faults' && FAULT_KINDS.includes(String(input.kind))) {
    const count = Number(input.count ?? 1);
    for (let i = 0; i < count; i++) account.faults.push(String(input.kind) as FaultKind);
    return json(200, { status: 'success', pending: account.faults });
  }
  if (path === '/_admin/latency' && typeof input.ms === 'number') {
    account.latencyMs = input.ms;
    return json(200, { status: 'success' });
  }
  return fail(400, 'Malformed request');
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(answer.body));
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function renderPage(context: Context, identity: string): string {
  const matches = (id: string): boolean => identity === '' || id.includes(identity);
  const sections = [...context.accounts.values()].map((account) => {
    const profiles = [...account.profiles.values()].filter((p) => matches(p.identity));
    const events = account.events.filter((e) => matches(e.identity));
    return `<section data-account="${escape(account.id)}"><h2>Account ${escape(account.id)}</h2>
<form class="admin" data-path="/_admin/faults"><input type="hidden" name="account" value="${escape(account.id)}">
Next <input name="count" type="number" min="1" value="1" size="3"> request(s) answer
<select name="kind">${FAULT_KINDS.map((k) => `<option>${k}</option>`).join('')}</select>
<button>Inject fault</button> <span class="pending">pending: ${escape(account.faults.join(', ') || 'none')}</span></form>
<h3>Profiles (${profiles.length})</h3><table><tr><th>Identity</th><th>Properties</th><th>Last update</th></tr>${profiles
      .map(
        (p) =>
          `<tr><td>${escape(p.identity)}</td><td><pre>${escape(JSON.stringify(p.profileData, null, 1))}</pre></td><td>${p.updatedAt}</td></tr>`,
      )
      .join('')}</table>
<h3>Events (${events.length})</h3><table><tr><th>Identity</th><th>Event</th><th>Time (ts)</th><th>Properties</th></tr>${events
      .map(
        (e) =>
          `<tr><td>${escape(e.identity)}</td><td>${escape(e.evtName)}</td><td>${new Date(e.ts * 1000).toISOString()}</td><td><pre>${escape(JSON.stringify(e.evtData))}</pre></td></tr>`,
      )
      .join('')}</table></section>`;
  });
  const raw = context.requests
    .filter((r) => identity === '' || r.body.includes(identity))
    .slice(-100)
    .reverse()
    .map(
      (r) =>
        `<tr><td>${r.at}</td><td>${escape(r.account)}</td><td>${r.method} ${escape(r.path)}</td><td>${r.status || 'dropped'}</td><td><pre>${escape(r.body.slice(0, 2000))}</pre></td><td><pre>${escape(r.answer.slice(0, 2000))}</pre></td></tr>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>CleverTap emulator</title>
<style>body{font-family:sans-serif;margin:1rem}td,th{border-top:1px solid #ddd;vertical-align:top;padding:4px;text-align:left}pre{margin:0;white-space:pre-wrap}form.admin{margin:.5rem 0}</style></head>
<body><h1>CleverTap emulator</h1><form><input name="identity" placeholder="Search by identity" value="${escape(identity)}"><button>Search</button></form>
<form class="admin" data-path="/_admin/accounts">Add account: <input name="id" placeholder="Account ID" required> <input name="passcode" placeholder="Passcode" required> <button>Add</button></form>
${sections.join('')}<h2>Raw requests (newest first)</h2><table><tr><th>At</th><th>Account</th><th>Request</th><th>Status</th><th>Body</th><th>Answer</th></tr>${raw}</table>
<script>
for (const form of document.querySelectorAll('form.admin')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = Object.fromEntries(new FormData(form));
    if (input.count) input.count = Number(input.count);
    await fetch(form.dataset.path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    location.reload();
  });
}
</script></body></html>`;
}
