import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Finding } from '../../lib/findings.ts';
import { loadSchema } from '../../lib/schema.ts';
import { analyzeApexSoqlFields, checkApexSoqlFields } from '../apex-soql-fields.ts';
import { fixture } from './fixture.ts';

const VALID = fixture('soql-valid');
const INVALID = fixture('soql-invalid');

// Parsing is the slow part: analyse each fixture once.
const invalidFindings = checkApexSoqlFields(INVALID);
const validResult = analyzeApexSoqlFields(VALID);

function findingsIn(file: string): Finding[] {
  return invalidFindings.filter((f) => path.relative(INVALID, f.file) === file);
}

function only(file: string): Finding {
  const found = findingsIn(file);
  assert.equal(found.length, 1, `one finding expected in ${file}, got ${JSON.stringify(found, null, 2)}`);
  return found[0];
}

describe('apex-soql-fields: SOQL', () => {
  it('reports an unknown selected field at its exact file, line and column', () => {
    const finding = only('src/classes/UnknownField.cls');
    assert.deepEqual([finding.line, finding.column, finding.rule], [5, 17, 'soql-unknown-field']);
    assert.match(finding.message, /No field 'Amonut__c' on Invoice__c/);
  });

  it('reports an unknown WHERE field inside a trigger', () => {
    const finding = only('src/triggers/LeadScore.trigger');
    assert.deepEqual([finding.line, finding.rule], [3, 'soql-unknown-field']);
    assert.match(finding.message, /'Staus__c' on Invoice__c/);
  });

  it('follows parent paths and names the object where the path breaks', () => {
    const [ownerName, lookupAsRelationship] = findingsIn('src/classes/UnknownParentField.cls');
    assert.equal(ownerName.line, 3);
    assert.match(ownerName.message, /No field 'Nmae' on User \(SOQL Account\.Owner\.Nmae\)/);
    assert.equal(lookupAsRelationship.line, 7);
    assert.match(lookupAsRelationship.message, /Invoice__c has no relationship 'Account__c'.*'Account__r'/);
  });

  it('reports an unknown child relationship in a subquery', () => {
    const finding = only('src/classes/UnknownChild.cls');
    assert.deepEqual([finding.line, finding.rule], [3, 'soql-unknown-field']);
    assert.match(finding.message, /Account has no child relationship 'Invoice__r'/);
  });

  it('reports an unknown FROM object', () => {
    const finding = only('src/classes/UnknownObject.cls');
    assert.deepEqual([finding.line, finding.rule], [3, 'soql-unknown-object']);
    assert.match(finding.message, /'Invoise__c'/);
  });

  it('passes valid queries: parent paths, child and semi-join subqueries, binds, aggregates, aliases, ORDER BY', () => {
    assert.deepEqual(validResult.findings, []);
  });

  it('notes TYPEOF as unchecked without failing', () => {
    assert.deepEqual(
      validResult.notes.map((n) => [path.basename(n.file), n.line, n.rule]),
      [['ValidQueries.cls', 31, 'soql-typeof-unchecked']],
    );
  });
});

describe('apex-soql-fields: fields on extended standard objects', () => {
  it('reports an unknown field on a Lead parameter, not the project field beside it', () => {
    const finding = only('src/classes/ExtendedLead.cls');
    assert.deepEqual([finding.line, finding.column, finding.rule], [4, 18, 'unknown-sobject-field']);
    assert.match(finding.message, /No field 'Scor__c' on Lead/);
  });

  it('resolves loop variables, list elements, class fields, properties and field tokens; skips what it cannot type', () => {
    const lines = findingsIn('src/classes/ExtendedLeadScopes.cls').map((f) => f.line);
    // 13: Map.get() is untyped; 15: Contact is not extended; 19: `inner` is the String, not the Lead of a closed block.
    assert.deepEqual(lines, [7, 9, 10, 11, 12]);
  });

  it('reports nothing else in the invalid fixture', () => {
    assert.equal(invalidFindings.length, 12);
  });
});

describe('loadSchema', () => {
  const schema = loadSchema(VALID);

  it('merges a project field into a standard object and marks it extended', () => {
    const score = schema.getField('lead', 'SCORE__C');
    assert.equal(score?.name, 'Score__c');
    assert.deepEqual([score?.type, score?.precision, score?.fromProject], ['double', 18, true]);
    assert.ok(schema.getField('Lead', 'Company'), 'standard fields stay');
    assert.ok(schema.isExtended('LEAD'));
    assert.ok(!schema.isExtended('Account'));
  });

  it('gives custom lookups a __r relationship and the parent a child relationship', () => {
    const lookup = schema.getField('Invoice__c', 'Account__c');
    assert.deepEqual([lookup?.referenceTo, lookup?.relationshipName], [['Account'], 'Account__r']);
    assert.equal(schema.getRelationship('invoice__c', 'account__r'), lookup);
    assert.deepEqual(schema.getChildRelationship('Account', 'invoices__R'), {
      name: 'Invoices__r',
      childObject: 'Invoice__c',
      field: 'Account__c',
    });
  });

  it('adds the platform fields of each kind of object', () => {
    const owner = schema.getField('Invoice__c', 'OwnerId');
    assert.deepEqual(
      [owner?.referenceTo, owner?.polymorphic, owner?.relationshipName],
      [['Group', 'User'], true, 'Owner'],
    );
    assert.equal(schema.getField('Invoice__c', 'Name')?.calculated, true, 'an AutoNumber name');
    assert.ok(schema.getField('Setting__mdt', 'QualifiedApiName') && !schema.getField('Setting__mdt', 'OwnerId'));
    assert.ok(schema.getField('Config__c', 'SetupOwnerId'), 'hierarchy custom setting');
    assert.ok(schema.getField('Ping__e', 'ReplayId') && schema.getField('Ping__e', 'EventUuid'));
    assert.equal(schema.getObject('Ping__e')?.kind, 'platformEvent');
  });

  it('reads fields from feature subfolders, picklist values, and activity and sharing relationships', () => {
    assert.equal(schema.getField('Invoice__c', 'Due_Date__c')?.type, 'date');
    assert.deepEqual(schema.getField('Invoice__c', 'Status__c')?.picklistValues, ['Draft', 'Sent']);
    assert.ok(
      schema.getChildRelationship('Invoice__c', 'Tasks') && schema.getChildRelationship('Invoice__c', 'Shares'),
    );
    assert.ok(schema.getField('Task', 'WhatId')?.referenceTo.includes('Invoice__c'));
    assert.ok(schema.hasObject('Invoice__History'));
  });

  it('keeps the jar polymorphic lookups and standard child relationships', () => {
    const who = schema.getField('Task', 'WhoId');
    assert.deepEqual([who?.referenceTo, who?.namePointing, who?.relationshipName], [['Contact', 'Lead'], true, 'Who']);
    assert.equal(schema.getChildRelationship('Account', 'Contacts')?.field, 'AccountId');
    assert.ok(schema.hasObject('Attachment') && !schema.getObject('Attachment'), 'known name, no field data');
  });
});
