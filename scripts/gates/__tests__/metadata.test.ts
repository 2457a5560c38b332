import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkMetadata } from '../metadata.ts';
import { fixture, located } from './fixture.ts';

describe('metadata gate', () => {
  it('converts a clean project and finds every member, LWC JavaScript included', () => {
    assert.deepEqual(checkMetadata(fixture('clean')), []);
  });

  it('reports a class file without its -meta.xml', () => {
    const root = fixture('orphan-class');
    assert.deepEqual(located(checkMetadata(root), root), ['src/classes/Greeter.cls:1 orphan-source']);
  });

  it('reports malformed XML with its line', () => {
    const root = fixture('malformed-xml');
    const findings = checkMetadata(root);
    assert.deepEqual(located(findings, root), ['src/objects/Thing__c/Thing__c.object-meta.xml:8 xml-well-formed']);
  });

  it('reports an apiVersion that differs from sourceApiVersion', () => {
    const root = fixture('api-version-mismatch');
    assert.deepEqual(located(checkMetadata(root), root), ['src/classes/Greeter.cls-meta.xml:3 api-version']);
  });
});
