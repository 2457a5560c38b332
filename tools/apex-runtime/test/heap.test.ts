// Heap (Apex Developer Guide, "Execution Governors and Limits": total heap size 6 MB synchronous,
// 12 MB asynchronous; Apex Reference, "Limits Class" getHeapSize / getLimitHeapSize). What a value
// weighs is the runtime's stated model (src/interpreter/heap.ts): a String 2 bytes per character.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apexHarness } from './harness.ts';

const { run, raisedText: raised } = apexHarness({ inTest: true });

describe('heap', () => {
  // An estimate is reused until as many statements ran as it visited values (at least 100).
  it('getHeapSize counts what is live, and forgets what was released by its next estimate', () => {
    const [before, held, released] = run(
      "Integer before = Limits.getHeapSize(); List<String> big = new List<String>(); for (Integer i = 0; i < 100; i++) { big.add('x'.repeat(1000) + i); } System.debug(before); System.debug(Limits.getHeapSize()); big = null; for (Integer i = 0; i < 200; i++) { Integer x = i; } System.debug(Limits.getHeapSize());",
    ).map(Number);
    assert.ok(
      held! - before! >= 200_000,
      `100 strings of 1 000 characters weigh 200 000 bytes or more: ${held! - before!}`,
    );
    assert.ok(released! < held! - 190_000, `released: ${released}`);
  });

  it('over 6 MB a synchronous transaction stops with an uncatchable LimitException', () => {
    assert.match(
      raised(
        "List<String> big = new List<String>(); try { for (Integer i = 0; i < 4000; i++) { big.add('y'.repeat(1000) + i); } } catch (Exception e) { System.debug('caught'); }",
      ),
      /^System\.LimitException: Apex heap size too large: \d+$/,
    );
  });

  it('a synchronous transaction may use 6 MB', () => {
    assert.deepEqual(run('System.debug(Limits.getLimitHeapSize());'), ['6000000']);
  });
});
