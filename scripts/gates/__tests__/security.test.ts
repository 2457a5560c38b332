import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Finding } from '../../lib/findings.ts';
import { checkSecurity, splitExcusedTimeouts, unjustifiedSuppressions } from '../security.ts';
import { fixture, located } from './fixture.ts';

// Each checkSecurity call starts PMD and the Graph Engine (~15-20 s on 2 cores): one scan per fixture project.

describe('security gate (PMD Security/AppExchange + Graph Engine FLS)', () => {
  const root = fixture('security-findings');
  let findings: Finding[] = [];
  before(async () => {
    findings = await checkSecurity(root);
  });

  it('reports exactly the planted problems, with file, line and rule', () => {
    assert.deepEqual(located(findings, root), [
      'src/classes/FlsInsert.cls:4 pmd:ApexCRUDViolation',
      'src/classes/FlsInsert.cls:4 sfge:ApexFlsViolation',
      'src/classes/SoqlInjection.cls:3 pmd:ApexSOQLInjection',
      'src/classes/UnreasonedSuppression.cls:2 SuppressionWithoutReason',
      'src/classes/UnreasonedSuppression.cls:8 SuppressionWithoutReason',
      'src/classes/UnreasonedSuppression.cls:13 SuppressionWithoutReason',
      'src/objects/Widget__c/fields/Api_Token__c.field-meta.xml:2 SuppressionWithoutReason',
    ]);
    for (const finding of findings) assert.ok(finding.message.length > 0, `${finding.rule} has a message`);
  });

  it('reports the SOQL injection on the concatenated parameter', () => {
    const injection = findings.find((f) => f.rule === 'pmd:ApexSOQLInjection');
    assert.equal(injection?.column, 74);
  });

  it('reports the missing FLS check the Graph Engine traced from the @AuraEnabled entry point', () => {
    const fls = findings.find((f) => f.rule === 'sfge:ApexFlsViolation');
    assert.match(fls?.message ?? '', /INSERT.*Account.*Name.*entry point src\/classes\/FlsInsert\.cls:3/);
  });

  it('passes clean code and suppressions that carry a reason (PMD annotation, NOPMD, SFGE directive, XML marker)', async () => {
    assert.deepEqual(await checkSecurity(fixture('security-clean')), []);
  });
});

describe('suppression reasons', () => {
  it('accepts `reason:` on the same line or the line above, in any comment style, and nothing else', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'security-reasons-'));
    try {
      const lines = [
        '<!-- NOPMD reason: legacy page, scheduled for removal -->', // 1 ok: same line
        '<!-- reason: the value is escaped by the controller -->', // 2
        '<!-- NOPMD -->', // 3 ok: line above
        '', // 4
        '<!-- NOPMD -->', // 5 missing
        '<!-- NOPMD reason: -->', // 6 empty reason
      ];
      writeFileSync(path.join(dir, 'page.page'), lines.join('\n'));
      assert.deepEqual(located(unjustifiedSuppressions([dir]), dir), [
        'page.page:5 SuppressionWithoutReason',
        'page.page:6 SuppressionWithoutReason',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Graph Engine timeouts', () => {
  it('excuses a timeout only on an entry method marked sfge-disable-stack just above it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'security-timeouts-'));
    try {
      const file = path.join(dir, 'Preview.cls');
      const lines = [
        'public with sharing class Preview {', // 1
        '    // reason: every query on the path is WITH USER_MODE', // 2
        '    /* sfge-disable-stack ApexFlsViolation */', // 3
        '    @AuraEnabled', // 4
        '    public static String render() { return null; }', // 5
        '    @AuraEnabled', // 6
        '    public static String other() { return null; }', // 7
        '}',
      ];
      writeFileSync(file, lines.join('\n'));
      const timeout = (line: number): Finding => ({
        file,
        line,
        rule: 'sfge:EngineError',
        message: `Internal execution error while scanning entry point: ${file}:${line}:31: Path evaluation timed out after 120000 ms`,
      });
      const crash: Finding = {
        file,
        line: 5,
        rule: 'sfge:EngineError',
        message: 'Unexpected exception while loading graph',
      };
      const { excused, unexcused } = splitExcusedTimeouts([timeout(5), timeout(7), crash]);
      assert.deepEqual(
        excused.map((f) => f.line),
        [5],
      );
      assert.deepEqual(
        unexcused.map((f) => `${f.line} ${f.message.slice(0, 10)}`),
        ['7 Internal e', '5 Unexpected'],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
