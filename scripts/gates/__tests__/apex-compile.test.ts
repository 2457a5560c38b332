import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkApexCompile } from '../apex-compile.ts';
import { fixture, located } from './fixture.ts';

describe('apex-compile gate (apex-ls)', () => {
  it('passes Apex that compiles', () => {
    assert.deepEqual(checkApexCompile(fixture('clean')), []);
  });

  it('reports a call to an unknown method with file and line', () => {
    const root = fixture('apex-unknown-method');
    const findings = checkApexCompile(root);
    assert.deepEqual(located(findings, root), ['src/classes/Caller.cls:4 apex-ls/Missing']);
    assert.match(findings[0]?.message ?? '', /wave/);
  });
});
