import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { buildLwc } from '../../build-lwc.ts';
import { fixture } from './fixture.ts';

describe('npm run build', () => {
  it('emits JavaScript beside each component with decorators kept and types erased', () => {
    const root = fixture('clean');
    const written = buildLwc(root);
    const emitted = path.join(root, 'src', 'lwc', 'hello', 'hello.js');
    assert.deepEqual(written, [emitted]);
    const js = readFileSync(emitted, 'utf8');
    assert.match(js, /@api\s+name = 'world';/);
    assert.doesNotMatch(js, /: string/);
    assert.doesNotMatch(js, /__decorate/);
  });
});
