/**
 * The page's `@salesforce/apex` shim against a stubbed org server: the imperative call and the @wire
 * adapter both POST /api/apex as the chosen user, a wire call says `cacheable: true`, and an error
 * reaches the component shaped as the platform's (`{ body: { message }, status }`, see "Call Apex
 * Methods Imperatively" / "Wire Apex Methods to Lightning Web Components" in the LWC Developer Guide).
 */
import assert from 'node:assert/strict';
import { before, beforeEach, test } from 'node:test';

interface Sent {
  url: string;
  user: string | null;
  body: unknown;
}
const sent: Sent[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: { ok: true, value: null } };
const storage = new Map<string, string>([['localOrg.userId', '005000000000002AAA']]);

before(() => {
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => storage.set(k, v),
      removeItem: (k: string) => storage.delete(k),
    },
    fetch: (url: string, init: RequestInit = {}): Promise<Response> => {
      const headers = new Headers(init.headers);
      sent.push({
        url,
        user: headers.get('X-Local-User'),
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      const reply =
        url === '/api/app'
          ? {
              status: 200,
              body: {
                ok: true,
                value: { currentUser: { id: '005000000000002AAA', name: 'Sam' }, customPermissions: [] },
              },
            }
          : answer;
      return Promise.resolve(new Response(JSON.stringify(reply.body), { status: reply.status }));
    },
  });
});

beforeEach(() => {
  sent.length = 0;
});

async function apexMethod(classname: string, method: string): Promise<(params?: unknown) => Promise<unknown>> {
  const shim = await import('./src/platform/apex.ts');
  return shim.apexMethod(classname, method) as (params?: unknown) => Promise<unknown>;
}

test('an imperative call posts the class, method and params as the chosen user, not cacheable', async () => {
  answer = { status: 200, body: { ok: true, value: { state: 'ready' } } };
  const getState = await apexMethod('CleverTapSettingsController', 'getState');
  assert.deepEqual(await getState({ connectionId: 'a01' }), { state: 'ready' });
  const call = sent.find((s) => s.url === '/api/apex');
  assert.deepEqual(call, {
    url: '/api/apex',
    user: '005000000000002AAA',
    body: {
      classname: 'CleverTapSettingsController',
      method: 'getState',
      params: { connectionId: 'a01' },
      cacheable: false,
    },
  });
});

test('a failed call rejects with the platform error shape', async () => {
  answer = {
    status: 500,
    body: { ok: false, message: 'Only a CleverTap admin can do this.', type: 'AuraHandledException' },
  };
  const save = await apexMethod('CleverTapSettingsController', 'save');
  await assert.rejects(save({}), (error: { body: { message: string }; status: number }) => {
    assert.equal(error.body.message, 'Only a CleverTap admin can do this.');
    assert.equal(error.status, 500);
    return true;
  });
});

test('@wire: the adapter calls cacheable once connected with its config, and emits data or error', async () => {
  const Adapter = (await apexMethod('CleverTapSettingsController', 'getState')) as unknown as new (
    emit: (value: { data?: unknown; error?: unknown }) => void,
  ) => { connect(): void; update(config: unknown): void; disconnect(): void };
  const emitted: { data?: unknown; error?: unknown }[] = [];
  const wire = new Adapter((value) => emitted.push(value));
  answer = { status: 200, body: { ok: true, value: [1, 2] } };
  wire.update({ limitSize: 2 });
  assert.equal(sent.length, 0, 'nothing is sent before the component is connected');
  wire.connect();
  await waitFor(() => emitted.length === 1);
  assert.deepEqual(sent[0]?.body, {
    classname: 'CleverTapSettingsController',
    method: 'getState',
    params: { limitSize: 2 },
    cacheable: true,
  });
  assert.deepEqual(emitted[0], { data: [1, 2], error: undefined });

  answer = { status: 500, body: { ok: false, message: 'Boom' } };
  wire.update({ limitSize: 3 });
  await waitFor(() => emitted.length === 2);
  assert.equal(emitted[1]?.data, undefined);
  assert.deepEqual((emitted[1]?.error as { body: unknown }).body, { message: 'Boom' });
});

// LWC Developer Guide, "@salesforce Modules" (lwc.reference_salesforce_modules), @salesforce/apex:
// "If a parameter value is null, the method is called. If a parameter value is undefined, the method isn't called."
test('@wire: a config with an undefined value does not call the method; null does', async () => {
  const Adapter = (await apexMethod('CleverTapSettingsController', 'getState')) as unknown as new (
    emit: (value: { data?: unknown; error?: unknown }) => void,
  ) => { connect(): void; update(config: unknown): void };
  const emitted: unknown[] = [];
  const wire = new Adapter((value) => emitted.push(value));
  answer = { status: 200, body: { ok: true, value: 'called' } };
  wire.connect();
  wire.update({ recordId: undefined });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(sent.length, 0, 'not called while a parameter is undefined');
  wire.update({ recordId: null });
  await waitFor(() => emitted.length === 1);
  assert.deepEqual((sent[0]?.body as { params: unknown }).params, { recordId: null });
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(done(), 'timed out');
}
