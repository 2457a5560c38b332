import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { formatDocument, parseDocument } from './document.ts';

const TEMPLATES = path.resolve(import.meta.dirname, '..', '..', 'config', 'sync-templates');
const files = readdirSync(TEMPLATES).filter((name) => name.endsWith('.json'));

test('the six ready-made templates are there', () => {
  assert.deepEqual(files.sort(), [
    'account-profile.json',
    'case-closed-event.json',
    'contact-profile.json',
    'lead-profile.json',
    'opportunity-closed-won-event.json',
    'task-completed-event.json',
  ]);
});

for (const name of files) {
  test(`${name} is a valid document in the exact form an export writes, for an existing connection`, () => {
    const text = readFileSync(path.join(TEMPLATES, name), 'utf8');
    const parsed = parseDocument(JSON.parse(text));
    if (!parsed.ok) assert.fail(parsed.problems.map((p) => `${p.path} ${p.message}`).join('\n'));
    assert.equal(formatDocument(parsed.document), text);
    assert.equal(parsed.document.connections.length, 1, 'one connection, so --connection can retarget it');
    assert.equal(parsed.document.connections[0]?.region, undefined, 'names a connection without changing it');
  });
}
