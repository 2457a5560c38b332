/**
 * CleverTap emulator: request validation and every answer shape of clevertap-api.md (§2 headers and
 * the 401 body, §3 record rules, §4.1 success/partial/fail envelopes, §4.3-4.4 HTTP codes and the
 * 15-concurrent-uploads limit, §5 profile read and delete), plus fault injection.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './emulator.ts';

const ACCOUNT = 'W67-774-7Z5Z';
const PASSCODE = 'secret-passcode';
let emulator: Emulator;

before(async () => {
  emulator = await startEmulator({ accounts: [{ id: ACCOUNT, passcode: PASSCODE }], timeoutMs: 200 });
});
after(async () => emulator.close());

interface Reply {
  status: number;
  body: Record<string, unknown>;
}
async function call(
  path: string,
  init: { method?: string; body?: unknown; account?: string; passcode?: string } = {},
): Promise<Reply> {
  const response = await fetch(emulator.url + path, {
    method: init.method ?? 'POST',
    headers: {
      'X-CleverTap-Account-Id': init.account ?? ACCOUNT,
      'X-CleverTap-Passcode': init.passcode ?? PASSCODE,
      'Content-Type': 'application/json; charset=utf-8',
    },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const upload = (d: unknown[], account?: string): Promise<Reply> => call('/1/upload', { body: { d }, account });
const admin = (path: string, body: unknown): Promise<Reply> => call(`/_admin/${path}`, { body });
const profile = (identity: string, data: Record<string, unknown> = {}): Record<string, unknown> => ({
  identity,
  ts: 1468308340,
  type: 'profile',
  profileData: { Name: 'Jack Montana', ...data },
});

describe('upload answers', () => {
  it('answers success with every record processed and stores the profile with $D_ dates', async () => {
    const reply = await upload([
      profile('SF_Lead_1', { DOB: '$D_1487576752', Email: 'jack@example.com' }),
      { identity: 'SF_Lead_1', type: 'event', evtName: 'Opportunity Closed Won', evtData: { Amount: 300 } },
    ]);
    assert.deepEqual(reply, { status: 200, body: { status: 'success', processed: 2, unprocessed: [] } });
    const read = await call('/1/profile.json?identity=SF_Lead_1', { method: 'GET' });
    assert.equal(read.body.status, 'success');
    const record = read.body.record as {
      profileData: Record<string, unknown>;
      events: Record<string, { count: number }>;
    };
    assert.equal(record.profileData.DOB, '$D_1487576752');
    assert.equal(record.events['Opportunity Closed Won'].count, 1);
  });

  it('answers partial with the failing record echoed and its 1-based number', async () => {
    const bad = profile('4', { Email: 'not-an-email' });
    const reply = await upload([profile('3'), bad]);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body, {
      status: 'partial',
      processed: 1,
      unprocessed: [
        {
          status: 'fail',
          code: 515,
          error: 'Profile data is incorrect. Email is not valid.Skipped record number : 2',
          record: bad,
        },
      ],
    });
  });

  it('answers fail with processed 0 when no record is valid', async () => {
    const reply = await upload([profile('5', { Phone: '223' })]);
    assert.equal(reply.body.status, 'fail');
    assert.equal(reply.body.processed, 0);
    assert.equal((reply.body.unprocessed as Array<{ code: number }>)[0].code, 516);
  });

  const cases: Array<[string, Record<string, unknown>, number]> = [
    ['neither profile nor event', { identity: 'x', type: 'token' }, 524],
    ['no identifier key', { type: 'profile', profileData: {} }, 523],
    ['ts 0', { ...profile('x'), ts: 0 }, 525],
    ['ts in milliseconds', { ...profile('x'), ts: 1468308340000 }, 525],
    ['an event without evtName', { identity: 'x', type: 'event', evtData: {} }, 509],
    ['an event without evtData', { identity: 'x', type: 'event', evtName: 'Signed Up' }, 512],
    [
      'a system event, any case and spacing',
      { identity: 'x', type: 'event', evtName: 'applaunched', evtData: {} },
      513,
    ],
    ['a $D_ date that is not epoch seconds', profile('x', { Since: '$D_2024-01-01' }), 525],
    ['Gender other than M/F', profile('x', { Gender: 'Male' }), 514],
    ['Employed other than Y/N', profile('x', { Employed: 'yes' }), 517],
    ['an unknown Education', profile('x', { Education: 'PhD' }), 518],
    ['Married other than Y/N', profile('x', { Married: 'no' }), 519],
    ['a non-numeric Age', profile('x', { Age: 'aa' }), 520],
    ['a profile without profileData', { identity: 'x', type: 'profile' }, 524],
  ];
  for (const [name, record, code] of cases) {
    it(`refuses ${name} with code ${code}`, async () => {
      const reply = await upload([record]);
      assert.equal((reply.body.unprocessed as Array<{ code: number }>)[0]?.code, code);
    });
  }

  it('accepts objectId as the identifier and "18" as an Age', async () => {
    const reply = await upload([{ objectId: 'abc', type: 'profile', profileData: { Age: '18' } }]);
    assert.equal(reply.body.status, 'success');
  });
});

describe('request-level answers', () => {
  it('answers 401 with the recorded body for an unknown account', async () => {
    const reply = await upload([profile('x')], 'NOPE');
    assert.deepEqual(reply, { status: 401, body: { status: 'fail', error: 'Account ID is not valid', code: 401 } });
  });
  it('answers 401 for a wrong passcode', async () => {
    const reply = await call('/1/upload', { body: { d: [profile('x')] }, passcode: 'wrong' });
    assert.equal(reply.status, 401);
  });
  it('answers 400 Malformed request for bad JSON, no d, and more than 1 000 records', async () => {
    for (const body of [
      '{not json',
      { records: [] },
      { d: Array.from({ length: 1001 }, (_, i) => profile(`p${i}`)) },
    ]) {
      const reply = await call('/1/upload', { body });
      assert.deepEqual(reply, { status: 400, body: { status: 'fail', error: 'Malformed request', code: 400 } });
    }
  });
  it('accepts exactly 1 000 records', async () => {
    const reply = await upload(Array.from({ length: 1000 }, (_, i) => profile(`bulk${i}`)));
    assert.equal(reply.body.processed, 1000);
  });
  it('answers 429 beyond 15 concurrent uploads per account', async () => {
    await admin('latency', { account: ACCOUNT, ms: 300 });
    const replies = await Promise.all(Array.from({ length: 16 }, () => upload([profile('c')])));
    await admin('latency', { account: ACCOUNT, ms: 0 });
    assert.deepEqual(replies.map((r) => r.status).sort(), [...Array(15).fill(200), 429]);
  });
  it('answers /v1/connect with success for good credentials and 401 otherwise', async () => {
    assert.equal((await call('/v1/connect?partner=x', { method: 'GET' })).body.status, 'success');
    assert.equal((await call('/v1/connect?partner=x', { method: 'GET', passcode: 'no' })).status, 401);
  });
});

describe('delete and profile read', () => {
  it('deletes profiles by identity list and reports the profile gone', async () => {
    await upload([profile('gone1'), profile('gone2')]);
    const reply = await call('/1/delete/profiles.json', { body: { identity: ['gone1', 'gone2'] } });
    assert.deepEqual(reply.body, { status: 'success' });
    assert.equal((await call('/1/profile.json?identity=gone1', { method: 'GET' })).body.status, 'fail');
  });
  it('refuses identity and guid together, and more than 100 identities, with 400', async () => {
    assert.equal((await call('/1/delete/profiles.json', { body: { identity: 'a', guid: 'b' } })).status, 400);
    const many = Array.from({ length: 101 }, (_, i) => `i${i}`);
    assert.equal((await call('/1/delete/profiles.json', { body: { identity: many } })).status, 400);
  });
  it('applies $add, $remove and $incr to a stored profile', async () => {
    await upload([profile('ops', { Tags: { $add: ['a', 'b'] }, Score: { $incr: 5 } })]);
    await upload([profile('ops', { Tags: { $remove: ['a'] }, Score: { $incr: 2 } })]);
    const read = await call('/1/profile.json?identity=ops', { method: 'GET' });
    const data = (read.body.record as { profileData: Record<string, unknown> }).profileData;
    assert.deepEqual([data.Tags, data.Score], [['b'], 7]);
  });
});

describe('fault injection', () => {
  it('answers the next N requests with the injected status, then normally', async () => {
    await admin('faults', { account: ACCOUNT, kind: '503', count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await upload([profile('f')])).status);
    assert.deepEqual(statuses, [503, 503, 200]);
  });
  it('injects 500 and 429', async () => {
    await admin('faults', { account: ACCOUNT, kind: '500' });
    await admin('faults', { account: ACCOUNT, kind: '429' });
    assert.equal((await upload([profile('f')])).status, 500);
    assert.equal((await upload([profile('f')])).status, 429);
  });
  it('injects a partial answer failing the last record with retryable 555', async () => {
    await admin('faults', { account: ACCOUNT, kind: 'partial' });
    const reply = await upload([profile('p1'), profile('p2')]);
    assert.equal(reply.body.status, 'partial');
    assert.equal((reply.body.unprocessed as Array<{ code: number }>)[0].code, 555);
  });
  it('injects a timeout: the connection is dropped without an answer', async () => {
    await admin('faults', { account: ACCOUNT, kind: 'timeout' });
    await assert.rejects(upload([profile('t')]));
    assert.equal((await upload([profile('t')])).status, 200);
  });
});

describe('HTML page', () => {
  it('lists profiles and raw requests, filtered by identity', async () => {
    await upload([profile('SF_Lead_00Q000000000001AAA')]);
    const html = await (await fetch(`${emulator.url}/?identity=SF_Lead_00Q000000000001AAA`)).text();
    assert.match(html, /SF_Lead_00Q000000000001AAA/);
    assert.doesNotMatch(html, /gone2|bulk999/);
  });
  it('shows each request with its answer, and a fault form per account that the admin endpoint backs', async () => {
    await upload([profile('SF_Lead_answered')]);
    const html = await (await fetch(`${emulator.url}/?identity=SF_Lead_answered`)).text();
    assert.match(html, /&#34;status&#34;:&#34;success&#34;,&#34;processed&#34;:1/);
    assert.match(
      html,
      new RegExp(`data-path="/_admin/faults"><input type="hidden" name="account" value="${ACCOUNT}">`),
    );
    assert.match(html, /<option>503<\/option>/);
  });
});

describe('in-process answers (the org server routes callouts here)', () => {
  const headers = new Map([
    ['x-clevertap-account-id', ACCOUNT],
    ['x-clevertap-passcode', PASSCODE],
  ]);
  it('answers a regional-host upload synchronously and stores the profile', () => {
    const reply = emulator.answer({
      method: 'POST',
      url: 'https://eu1.api.clevertap.com/1/upload',
      headers,
      body: JSON.stringify({ d: [profile('SF_Lead_inproc')] }),
    });
    assert.deepEqual(reply, { status: 200, body: '{"status":"success","processed":1,"unprocessed":[]}' });
    assert.ok(emulator.accounts.get(ACCOUNT)?.profiles.has('SF_Lead_inproc'));
  });
  it('applies injected faults to in-process answers too', async () => {
    await admin('faults', { account: ACCOUNT, kind: 'timeout' });
    assert.equal(emulator.answer({ method: 'GET', url: '/v1/connect', headers, body: '' }), 'timeout');
  });
});
