// Conformance tests of the inline SOSL subset (src/language/soql/sosl.ts parses it,
// src/platform/soql/search.ts runs it). Expected behaviour, SOQL and SOSL Reference: "FIND
// {SearchQuery}" (a search word matches whole words, case-insensitively), "IN SearchGroup" (ALL
// FIELDS searches every text field), "RETURNING FieldSpec" (per-object fields, WHERE, ORDER BY and
// LIMIT; List<List<SObject>> in RETURNING order), "LIMIT n" (at most 2,000 rows). Apex Developer
// Guide: "SOQL and SOSL Queries" (bind variables in FIND), "Adding SOSL Queries to Unit Tests"
// (Test.setFixedSearchResults), "Execution Governors and Limits" (20 SOSL queries per transaction).
// Run: node --import tsx --test tools/apex-runtime/test/sosl.test.ts
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UnsupportedApexFeature } from '../src/language/errors.ts';
import { apexHarness } from './harness.ts';

const outside = apexHarness();
const inTest = apexHarness({ inTest: true });

const ACCOUNTS =
  "insert new List<Account>{ new Account(Name = 'Acme Widgets', Site = 'a07x,Blue,green'), new Account(Name = 'Globex', Site = 'BLUEPRINT only'), new Account(Name = 'Initech blue') }; " +
  "insert new Contact(LastName = 'Blue');";

describe('SOSL outside tests: whole-word search in ALL FIELDS', () => {
  it('matches whole words of any text field, ignoring case, one list per RETURNING object', () => {
    const printed = outside.run(
      ACCOUNTS +
        "List<List<SObject>> found = [FIND 'blue' IN ALL FIELDS RETURNING Account(Name ORDER BY Name), Contact(LastName)]; " +
        'System.debug(found.size()); ' +
        "List<String> names = new List<String>(); for (Account a : (List<Account>) found[0]) { names.add(a.Name); } System.debug(String.join(names, '|')); " +
        'System.debug(((Contact) found[1][0]).LastName);',
    );
    // 'BLUEPRINT' holds "blue" only as part of a word: no match.
    assert.deepEqual(printed, ['2', 'Acme Widgets|Initech blue', 'Blue']);
  });

  it('binds the search term and applies the object WHERE, ORDER BY and LIMIT to the matches', () => {
    const printed = outside.run(
      ACCOUNTS +
        "String term = 'BLUE'; List<List<SObject>> found = [FIND :term IN ALL FIELDS RETURNING Account(Id, Name WHERE Name != 'Globex' ORDER BY Name DESC LIMIT 1) WITH USER_MODE]; " +
        "System.debug(found[0].size() + ' ' + ((Account) found[0][0]).Name);",
    );
    assert.deepEqual(printed, ['1 Initech blue']);
  });

  it('finds an Id among comma-separated Ids, and nothing for a word no record holds', () => {
    const printed = outside.run(
      ACCOUNTS +
        "System.debug([FIND 'a07x' IN ALL FIELDS RETURNING Account(Name)][0].size()); " +
        "System.debug([FIND 'purple' RETURNING Account][0].size());",
    );
    assert.deepEqual(printed, ['1', '0']);
  });

  it('applies the query LIMIT to its one RETURNING object', () => {
    assert.deepEqual(outside.run(ACCOUNTS + "System.debug([FIND 'blue' RETURNING Account(Name) LIMIT 1][0].size());"), [
      '1',
    ]);
  });

  it('charges the SOSL limit: the 21st query in a transaction throws LimitException', () => {
    assert.deepEqual(
      outside.run(
        "[FIND 'blue' RETURNING Account]; System.debug(Limits.getSoslQueries() + ' of ' + Limits.getLimitSoslQueries());",
      ),
      ['1 of 20'],
    );
    assert.equal(
      outside.raisedText(
        "for (Integer i = 0; i < 21; i++) { List<List<SObject>> r = [FIND 'blue' RETURNING Account]; }",
      ),
      'System.LimitException: Too many SOSL queries: 21',
    );
  });
});

describe('SOSL in a test: Test.setFixedSearchResults', () => {
  it('returns nothing until fixed results are set', () => {
    assert.deepEqual(
      inTest.run(ACCOUNTS + "System.debug([FIND 'blue' IN ALL FIELDS RETURNING Account(Name)][0].size());"),
      ['0'],
    );
  });

  it('returns the fixed Ids of the RETURNING object, whatever the term, with WHERE and LIMIT applied', () => {
    const printed = inTest.run(
      ACCOUNTS +
        'List<Account> accounts = [SELECT Id, Name FROM Account ORDER BY Name]; Contact c = [SELECT Id FROM Contact]; ' +
        'Test.setFixedSearchResults(new List<Id>{ accounts[0].Id, accounts[1].Id, c.Id }); ' +
        "List<List<SObject>> found = [FIND 'nothingmatches' IN ALL FIELDS RETURNING Account(Name ORDER BY Name), Contact]; " +
        "System.debug(found[0].size() + ' ' + found[1].size()); " +
        "System.debug([FIND 'x1' RETURNING Account(Name WHERE Name = 'Globex')][0].size()); " +
        "System.debug([FIND 'x1' RETURNING Account(Name LIMIT 1)][0].size());",
    );
    assert.deepEqual(printed, ['2 1', '1', '1']);
  });
});

describe('outside the subset', () => {
  it('refuses wildcards, phrases and operators in the search', () => {
    assert.throws(() => outside.run("[FIND 'blu*' RETURNING Account];"), UnsupportedApexFeature);
    assert.throws(() => outside.run("[FIND 'blue OR green' RETURNING Account];"), UnsupportedApexFeature);
  });

  it('refuses a query LIMIT shared by several objects (its split is not modelled)', () => {
    assert.throws(() => outside.run("[FIND 'blue' RETURNING Account, Contact LIMIT 5];"), UnsupportedApexFeature);
  });

  it('refuses other search groups', () => {
    assert.throws(() => outside.run("[FIND 'blue' IN NAME FIELDS RETURNING Account];"), UnsupportedApexFeature);
  });
});
