// The test runner: outcomes, @TestSetup isolation, coverage, and the CLI's exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runTests } from '../src/org/runner.ts';

const ROOT = path.join(import.meta.dirname, 'runner-fixture');
const run = runTests(ROOT);
const outcome = (method: string) => run.results.find((r) => r.method === method);

describe('test runner', () => {
  it('passes a passing test, and restores @TestSetup data for each method', () => {
    assert.equal(outcome('passes')?.outcome, 'PASS');
    assert.equal(outcome('setupDataIsRestoredForEachMethod')?.outcome, 'PASS');
  });

  it('fails an assertion with its message and Apex stack', () => {
    const result = outcome('failsAnAssertion');
    assert.equal(result?.outcome, 'FAIL');
    assert.equal(result?.message, 'Assertion Failed: one plus two: Expected: 4, Actual: 3');
    assert.equal(result?.stack, 'src/classes/CalculatorTest.cls: line 22');
  });

  it('reports an unsupported construct as ERROR, never PASS', () => {
    assert.equal(outcome('errorsOnAnUnsupportedConstruct')?.outcome, 'ERROR');
    assert.match(
      outcome('errorsOnAnUnsupportedConstruct')?.message ?? '',
      /^UnsupportedApexFeature: .*Site.* at src\/classes\/CalculatorTest\.cls:27$/,
    );
  });

  it('fails a limit breach with the platform message', () => {
    assert.equal(outcome('breachesALimit')?.message, 'System.LimitException: Too many SOQL queries: 101');
  });

  it('measures line coverage of the classes under test', () => {
    assert.deepEqual(run.coverage, [
      { name: 'Calculator', file: 'src/classes/Calculator.cls', covered: 1, total: 4, uncovered: [7, 8, 10] },
    ]);
  });

  it('the CLI exits non-zero on failures and prints the totals', () => {
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, '..', 'src', 'org', 'cli.ts'), '--root', ROOT],
      { encoding: 'utf8' },
    );
    assert.equal(cli.status, 1);
    assert.match(cli.stdout, /^2 passed, 3 failed$/m);
    assert.match(cli.stdout, /Calculator\s+25%\s+\(1\/4\)\s+< 85% floor/);
  });

  // Apex Developer Guide, "Static and Instance Methods, Variables, and Initialization Code": "You can
  // use static methods and variables only with outer classes." Such a class would not deploy.
  it('a static member of an inner class fails the load with its file and line, and the CLI says so', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'runner-compile-'));
    try {
      cpSync(ROOT, dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'src', 'classes', 'Calculator.cls'),
        'public class Calculator {\n    public class Memory {\n        public static Integer last;\n    }\n}\n',
      );
      assert.throws(
        () => runTests(dir),
        /^Error: Compile error at .*Calculator\.cls:3: last is static in the inner class Calculator\.Memory/,
      );
      const cli = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(import.meta.dirname, '..', 'src', 'org', 'cli.ts'), '--root', dir],
        { encoding: 'utf8' },
      );
      assert.equal(cli.status, 1);
      assert.match(cli.stderr, /Compile error at .*Calculator\.cls:3/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
