/**
 * The Aura bridge answers as Lightning does for an LWC's Apex call (Apex Developer Guide,
 * "AuraEnabled Annotation" and "Returning Errors from an Apex Server-Side Controller": only
 * AuraHandledException's message reaches the client; @wire needs cacheable=true).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LocalOrg } from '../../apex-runtime/src/org/api.ts';
import { GENERIC_ERROR, callApex } from './aura-bridge.ts';

const org = new LocalOrg(path.join(import.meta.dirname, 'fixture'));
const call = (classname: string, method: string, params: unknown = {}, cacheable = false) =>
  callApex(org, { classname, method, params, cacheable });

describe('Aura bridge', () => {
  it('calls an @AuraEnabled method (class and method in any case) with params by name', () => {
    assert.deepEqual(call('BridgeController', 'twice', { n: 21 }), { status: 200, body: { ok: true, value: 42 } });
    assert.deepEqual(call('bridgecontroller', 'TWICE', { n: 2 }).body, { ok: true, value: 4 });
  });
  it('wires only cacheable=true methods', () => {
    assert.deepEqual(call('BridgeController', 'greet', { name: 'Ada' }, true).body, { ok: true, value: 'Hello Ada' });
    assert.equal(call('BridgeController', 'twice', { n: 1 }, true).status, 400);
  });
  it('refuses a method without @AuraEnabled and an unknown class with 404', () => {
    assert.equal(call('BridgeController', 'hidden').status, 404);
    assert.equal(call('NoSuchClass', 'x').status, 404);
  });
  it('passes an AuraHandledException message through', () => {
    assert.deepEqual(call('BridgeController', 'refuse'), {
      status: 500,
      body: { ok: false, type: 'AuraHandledException', message: 'Connection name is required.' },
    });
  });
  it('hides any other exception behind the generic message', () => {
    assert.deepEqual(call('BridgeController', 'crash').body, { ok: false, type: undefined, message: GENERIC_ERROR });
  });
  it('answers 400 for malformed params', () => {
    assert.equal(call('BridgeController', 'twice', [1]).status, 400);
    assert.equal(call('BridgeController', 'twice', { count: 1 }).status, 400);
    assert.equal(call('BridgeController', 'twice', { N: 1 }).status, 400);
    assert.equal(callApex(org, { method: 'twice' }).status, 400);
  });
});
