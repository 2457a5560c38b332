// Table-driven conformance groups over a harness: each row runs anonymous Apex and compares what it
// printed with System.debug, or the exception it raised, with what the cited guide page says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Harness } from './harness.ts';

export type Case = [name: string, apex: string, expected: string | string[]];
export type ErrorCase = [name: string, apex: string, type: string, message: string | RegExp];

export function caseTables({ run, raised }: Harness): {
  cases: (group: string, list: Case[]) => void;
  errors: (group: string, list: ErrorCase[]) => void;
} {
  const cases = (group: string, list: Case[]): void => {
    describe(group, () => {
      for (const [name, apex, expected] of list)
        it(name, () => assert.deepEqual(run(apex), Array.isArray(expected) ? expected : [expected]));
    });
  };
  const errors = (group: string, list: ErrorCase[]): void => {
    describe(group, () => {
      for (const [name, apex, type, message] of list)
        it(name, () => {
          const thrown = raised(apex);
          assert.equal(thrown.type, type);
          if (typeof message === 'string') assert.equal(thrown.message, message);
          else assert.match(thrown.message, message);
        });
    });
  };
  return { cases, errors };
}
