import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLwcTemplates } from '../lwc-templates.ts';
import { fixture, located } from './fixture.ts';

describe('lwc-templates gate', () => {
  it('passes a valid template', () => {
    assert.deepEqual(checkLwcTemplates(fixture('clean')), []);
  });

  it('reports a broken template with file, line and column', () => {
    const root = fixture('broken-template');
    const findings = checkLwcTemplates(root);
    assert.deepEqual(located(findings, root), ['src/lwc/bad/bad.html:4 LWC1071']);
    assert.equal(findings[0]?.column, 7);
    assert.match(findings[0]?.message ?? '', /key/i);
  });
});
