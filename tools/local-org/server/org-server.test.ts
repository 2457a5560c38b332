/** The org server over HTTP: the Aura bridge answers, and callouts reach the emulator in-process. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../emulator/emulator.ts';
import { cleverTapRouter } from './callout-router.ts';
import { startOrgServer, type OrgServer } from './org-server.ts';

let emulator: Emulator;
let server: OrgServer;
before(async () => {
  emulator = await startEmulator({ accounts: [{ id: 'ACC', passcode: 'pw' }] });
  server = await startOrgServer({ root: path.join(import.meta.dirname, 'fixture'), emulator });
});
after(async () => {
  await server.close();
  await emulator.close();
});

const post = async (body: string): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(`${server.url}/api/apex`, { method: 'POST', body });
  return { status: response.status, body: await response.json() };
};

describe('org server', () => {
  it('answers POST /api/apex through the Aura bridge', async () => {
    const reply = await post(JSON.stringify({ classname: 'BridgeController', method: 'twice', params: { n: 4 } }));
    assert.deepEqual(reply, { status: 200, body: { ok: true, value: 8 } });
  });
  it('answers 400 for a body that is not JSON', async () => {
    assert.equal((await post('{oops')).status, 400);
  });
});

describe('Apex Jobs API', () => {
  it('lists each async transaction after the request that queued it, newest first, with its error', async () => {
    const jobs = async () =>
      ((await (await fetch(`${server.url}/api/jobs`)).json()) as { value: Array<Record<string, unknown>> }).value;
    assert.equal(
      (await post(JSON.stringify({ classname: 'BridgeJob', method: 'start', params: { fail: false } }))).status,
      200,
    );
    await server.idle();
    assert.equal(
      (await post(JSON.stringify({ classname: 'BridgeJob', method: 'start', params: { fail: true } }))).status,
      200,
    );
    await server.idle();
    const [failed, passed] = await jobs();
    assert.deepEqual([passed.className, passed.phase, passed.error], ['BridgeJob', 'queueable', undefined]);
    assert.deepEqual([failed.className, failed.error], ['BridgeJob', 'System.IllegalArgumentException: job refused']);
  });
});

describe('callout router', () => {
  const router = cleverTapRouter({
    answer: (request) =>
      request.url === '/v1/connect?partner=x' ? { status: 200, body: '{"status":"success"}' } : 'timeout',
  });
  const message = (endpoint: string) => ({ method: 'GET', endpoint, body: '', headers: new Map<string, string>() });
  it('sends every regional CleverTap host to the emulator', () => {
    for (const host of ['api.clevertap.com', 'eu1.api.clevertap.com', 'in1.api.clevertap.com']) {
      assert.equal(router(message(`https://${host}/v1/connect?partner=x`)).statusCode, 200);
    }
  });
  it('turns an emulator timeout into a CalloutException', () => {
    assert.throws(() => router(message('https://us1.api.clevertap.com/1/upload')), /Read timed out/);
  });
  it('refuses hosts other than CleverTap', () => {
    assert.throws(() => router(message('https://example.com/x')), /Unable to reach example.com/);
  });
  it('records routed requests on the emulator', () => {
    const real = cleverTapRouter(emulator);
    const reply = real({
      method: 'GET',
      endpoint: 'https://eu1.api.clevertap.com/v1/connect?partner=x',
      body: '',
      headers: new Map([
        ['X-CleverTap-Account-Id', 'ACC'],
        ['X-CleverTap-Passcode', 'pw'],
      ]),
    });
    assert.equal(reply.statusCode, 200);
    assert.equal(emulator.requests.at(-1)?.path, '/v1/connect?partner=x');
  });
});
