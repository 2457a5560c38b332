/**
 * serveStatic: the page's files, SLDS under /assets/, index.html for a deep link so the client router
 * takes it, 404 for a missing file, and never a file outside the served folders.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { serveStatic } from './static.ts';

let parent: string;
let dir: string;
let server: Server;
let base: string;

before(async () => {
  parent = mkdtempSync(path.join(tmpdir(), 'static-'));
  dir = path.join(parent, 'dist');
  mkdirSync(dir);
  writeFileSync(path.join(parent, 'secret.json'), '{"secret": true}');
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(path.join(dir, 'app.js'), 'console.log(1);');
  server = createServer((req, res) => {
    if (!serveStatic(req, res, dir)) res.writeHead(418).end('not static');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(parent, { recursive: true, force: true });
});

async function get(url: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(base + url, { method });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

test('/ and deep links answer index.html', async () => {
  for (const url of ['/', '/lightning/n/CleverTap_Settings', '/lightning/o/Lead/list', '/local/jobs']) {
    const answer = await get(url);
    assert.equal(answer.status, 200, url);
    assert.match(answer.type, /^text\/html/, url);
    assert.match(answer.body, /<title>page<\/title>/, url);
  }
});

test('the bundle and SLDS assets are served with their content types', async () => {
  const bundle = await get('/app.js');
  assert.equal(bundle.status, 200);
  assert.match(bundle.type, /^text\/javascript/);
  const css = await get('/assets/styles/salesforce-lightning-design-system.min.css');
  assert.equal(css.status, 200);
  assert.match(css.type, /^text\/css/);
  const icon = await get('/assets/icons/utility-sprite/svg/symbols.svg');
  assert.equal(icon.status, 200);
  assert.match(icon.type, /^image\/svg\+xml/);
});

test('a missing file or asset is a 404, not the page', async () => {
  assert.equal((await get('/missing.js')).status, 404);
  assert.equal((await get('/assets/styles/missing.css')).status, 404);
});

test('no path reaches a file outside the served folders', async () => {
  // The page's folder's parent, and the project's package.json four levels above the SLDS assets.
  const outside = ['/..%2fsecret.json', '/%2e%2e/secret.json', '/assets/..%2f..%2f..%2f..%2fpackage.json'];
  for (const url of outside) {
    const answer = await get(url);
    assert.doesNotMatch(answer.body, /"secret"|"devDependencies"/, url);
  }
});

test('only GET and HEAD are static; anything else is left to the API', async () => {
  assert.equal((await get('/', 'POST')).status, 418);
  assert.equal((await get('/', 'HEAD')).status, 200);
});
