/**
 * The org server's persistent store, users, records API and clock: a restart keeps records, jobs and
 * settings; a crash mid-write loses nothing committed; a second server on the same store is refused;
 * `reset` starts empty; calls run as the chosen user; scheduled jobs fire on the moving clock.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startEmulator } from '../emulator/emulator.ts';
import { startOrgServer, type OrgServer } from './org-server.ts';

const root = path.join(import.meta.dirname, 'fixture');
const emulator = await startEmulator({ accounts: [{ id: 'ACC', passcode: 'pw' }] });
after(() => emulator.close());

const start = (dataDir: string, extra: Partial<Parameters<typeof startOrgServer>[0]> = {}): Promise<OrgServer> =>
  startOrgServer({ root, emulator, dataDir, seed: false, tickMs: 0, ...extra });

/** A JSON answer of the org server; tests read its shape loosely, as a client would. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers vary by endpoint; each test asserts what it reads
type AnyJson = any;

async function call(
  server: OrgServer,
  method: string,
  url: string,
  body?: unknown,
  user?: string,
): Promise<{
  status: number;
  body: { ok: boolean; value?: AnyJson; message?: string; fieldErrors?: Record<string, string> };
}> {
  const response = await fetch(server.url + url, {
    method,
    headers: user ? { 'X-Local-User': user } : {},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('persistent store', () => {
  it('a restart keeps records, async job outcomes, scheduled jobs and the Id sequence', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lo-store-'));
    const first = await start(dir);
    const created = await call(first, 'POST', '/api/records/Lead', {
      fields: { LastName: 'Lovelace', Company: 'Engines', Status: 'Open - Not Contacted', Email: 'ada@example.com' },
    });
    assert.equal(created.status, 201);
    await call(first, 'POST', '/api/apex', { classname: 'BridgeJob', method: 'start', params: { fail: true } });
    await call(first, 'POST', '/api/apex', { classname: 'BridgeSchedule', method: 'scheduleHourly', params: {} });
    await first.idle();
    await first.close();

    const second = await start(dir);
    try {
      const lead = await call(second, 'GET', `/api/records/Lead/${created.body.value.id}`);
      assert.equal(lead.body.value.Email, 'ada@example.com');
      assert.equal(lead.body.value.Name, 'Lovelace');
      const jobs = await call(second, 'GET', '/api/jobs');
      assert.match(jobs.body.value[0].error, /job refused/);
      const scheduled = await call(second, 'GET', '/api/scheduled');
      assert.deepEqual(
        scheduled.body.value.map((s: { name: string; className: string }) => `${s.name}/${s.className}`),
        ['Bridge hourly/BridgeSchedule'],
      );
      const again = await call(second, 'POST', '/api/records/Lead', {
        fields: { LastName: 'Hopper', Company: 'Navy', Status: 'Open - Not Contacted' },
      });
      assert.notEqual(again.body.value.id, created.body.value.id, 'Ids go on from where they were');
    } finally {
      await second.close();
    }
  });

  it('a crash in the middle of a write loses nothing committed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lo-store-'));
    const first = await start(dir);
    const created = await call(first, 'POST', '/api/records/Account', { fields: { Name: 'Committed' } });
    await first.close();
    // A crash while writing leaves a partial temporary file beside the last complete snapshot.
    const snapshot = readFileSync(path.join(dir, 'org.json'), 'utf8');
    writeFileSync(path.join(dir, 'org.json.tmp'), snapshot.slice(0, snapshot.length / 2));
    const second = await start(dir);
    try {
      const account = await call(second, 'GET', `/api/records/Account/${created.body.value.id}`);
      assert.equal(account.body.value.Name, 'Committed');
    } finally {
      await second.close();
    }
  });

  it('refuses a second server on the same store, and reset starts empty', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lo-store-'));
    const first = await start(dir);
    await call(first, 'POST', '/api/records/Account', { fields: { Name: 'Kept' } });
    await assert.rejects(start(dir), /already running at http:\/\/127\.0\.0\.1:\d+/);
    await assert.rejects(start(dir, { reset: true }), /already running/);
    assert.match(
      readFileSync(path.join(dir, 'org.json'), 'utf8'),
      /Kept/,
      "a refused reset leaves the running org's store alone",
    );
    await first.close();
    const fresh = await start(dir, { reset: true });
    try {
      assert.equal((await call(fresh, 'GET', '/api/records/Account')).body.value.total, 0);
    } finally {
      await fresh.close();
    }
  });
});

describe('records API and users', () => {
  it('lists newest first in pages, edits, deletes, and shows validation and trigger errors', async () => {
    const server = await start(mkdtempSync(path.join(tmpdir(), 'lo-rec-')));
    try {
      const bulk = await call(server, 'POST', '/api/records/Account/bulk', { count: 450 });
      assert.deepEqual(bulk.body.value, { created: 450, failed: 0, transactions: 3 });
      const page = await call(server, 'GET', '/api/records/Account?page=2&pageSize=200');
      assert.equal(page.body.value.total, 450);
      assert.equal(page.body.value.records.length, 200);
      const newest = (await call(server, 'GET', '/api/records/Account?pageSize=1')).body.value.records[0];
      const id = newest.Id as string;
      assert.equal(
        (await call(server, 'PATCH', `/api/records/Account/${id}`, { fields: { Name: 'Renamed' } })).status,
        200,
      );
      assert.equal((await call(server, 'GET', `/api/records/Account/${id}`)).body.value.Name, 'Renamed');
      assert.equal((await call(server, 'DELETE', `/api/records/Account/${id}`)).status, 200);
      assert.equal((await call(server, 'GET', `/api/records/Account/${id}`)).status, 404);

      const invalid = await call(server, 'POST', '/api/records/Lead', { fields: { LastName: '', Email: 'nope' } });
      assert.equal(invalid.status, 400);
      assert.deepEqual(Object.keys(invalid.body.fieldErrors ?? {}).sort(), ['Company', 'Email', 'LastName', 'Status']);
      const blocked = await call(server, 'POST', '/api/records/Lead', {
        fields: { LastName: 'x', Company: 'Blocked', Status: 'Open - Not Contacted' },
      });
      assert.equal(blocked.status, 400);
      assert.equal(blocked.body.message, 'This company is blocked.');
      assert.equal(blocked.body.fieldErrors?.Company, 'This company is blocked.');
      assert.equal((await call(server, 'GET', '/api/records/Widget__c')).status, 404);
      const lead = (await call(server, 'GET', '/api/objects/Lead')).body.value as {
        fields: { name: string; required: boolean; defaultValue?: string }[];
      };
      assert.deepEqual(
        lead.fields.find((f) => f.name === 'Status'),
        { ...lead.fields.find((f) => f.name === 'Status'), required: true, defaultValue: 'Open - Not Contacted' },
      );
      assert.equal((await call(server, 'POST', '/api/records/Account', { nope: 1 })).status, 400);
    } finally {
      await server.close();
    }
  });

  it('runs each call as the user in X-Local-User, with that user permissions', async () => {
    const server = await start(mkdtempSync(path.join(tmpdir(), 'lo-users-')));
    try {
      const users = (await call(server, 'GET', '/api/users')).body.value as { id: string; name: string }[];
      assert.deepEqual(
        users.map((u) => u.name),
        ['Local Admin', 'Olivia Ops', 'Sam Sales'],
      );
      const sales = users[2]?.id as string;
      const created = await call(server, 'POST', '/api/records/Account', { fields: { Name: 'Sales made' } }, sales);
      const stored = server.org.rt.org.store.all().find((r) => r.id.value === created.body.value.id);
      assert.equal(String(stored?.fields.get('createdbyid')), sales);
      assert.deepEqual((await call(server, 'GET', '/api/app', undefined, sales)).body.value.customPermissions, []);
      assert.equal((await call(server, 'GET', '/api/app', undefined, '005000000000000AAA')).status, 400);
      const anonymous = { source: "System.debug('hi ' + UserInfo.getName());" };
      assert.deepEqual((await call(server, 'POST', '/api/anonymous', anonymous)).body.value, ['hi Local Admin']);
      assert.equal((await call(server, 'POST', '/api/anonymous', anonymous, sales)).status, 403);
      const broken = await call(server, 'POST', '/api/anonymous', { source: 'insert new Lead();' });
      assert.equal(broken.status, 400);
      assert.match(broken.body.message ?? '', /DmlException/);
    } finally {
      await server.close();
    }
  });
});

describe('clock', () => {
  it('moves with the real clock times the speed and fires scheduled jobs when due', async () => {
    // One real millisecond is one org minute: the hourly job is due within about 60 ms.
    const server = await start(mkdtempSync(path.join(tmpdir(), 'lo-clock-')), { tickMs: 20, clockSpeed: 60_000 });
    try {
      await call(server, 'POST', '/api/apex', { classname: 'BridgeSchedule', method: 'scheduleHourly', params: {} });
      for (let i = 0; i < 100 && !server.jobs.some((j) => j.className === 'BridgeSchedule'); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      const run = server.jobs.find((j) => j.className === 'BridgeSchedule');
      assert.equal(run?.phase, 'scheduled');
      assert.equal(run?.error, undefined);
      await server.idle();
      assert.ok((await call(server, 'GET', '/api/records/Account')).body.value.total >= 1);
    } finally {
      await server.close();
    }
  });
});
