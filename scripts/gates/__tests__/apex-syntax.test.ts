import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkApexSyntax } from '../apex-syntax.ts';
import { fixture, located } from './fixture.ts';

describe('apex-syntax gate', () => {
  it('passes valid Apex', () => {
    assert.deepEqual(checkApexSyntax(fixture('clean')), []);
  });

  it('reports a missing semicolon at the line after the statement', () => {
    const root = fixture('apex-syntax-error');
    assert.deepEqual(located(checkApexSyntax(root), root), ['src/classes/Unfinished.cls:4 apex-syntax']);
  });
});
