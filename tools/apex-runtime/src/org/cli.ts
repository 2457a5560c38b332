// `npm run test:apex [-- --class Name[,Name]] [--coverage-floor 85]`: runs every @IsTest class of the
// project on the local Apex runtime. `--uncovered Name` also prints the lines of class Name no test reached. Exit 1 on any FAIL/ERROR or when a class is under the coverage floor.
import path from 'node:path';
import { ApexCompileError } from '../language/errors.ts';
import { runTests, type TestRun } from './runner.ts';

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function print(run: TestRun, floor: number): boolean {
  for (const r of run.results) {
    const time = `${r.ms.toFixed(0)} ms`;
    console.log(
      `${r.outcome.padEnd(5)} ${r.className}.${r.method} (${time})${r.message ? `\n      ${r.message}` : ''}`,
    );
    if (r.outcome === 'FAIL' && r.stack)
      console.log(
        r.stack
          .split('\n')
          .map((line) => `      at ${line}`)
          .join('\n'),
      );
  }
  console.log('\nCoverage (local runtime, lines):');
  let underFloor = false;
  for (const c of run.coverage) {
    const percent = c.total === 0 ? 100 : (100 * c.covered) / c.total;
    const flag = percent < floor ? `  < ${floor}% floor` : '';
    underFloor ||= percent < floor;
    console.log(`  ${c.name.padEnd(40)} ${percent.toFixed(0).padStart(4)}%  (${c.covered}/${c.total})${flag}`);
    if (c.name.toLowerCase() === uncoveredOf) console.log(`    not reached: lines ${c.uncovered.join(', ')}`);
  }
  console.log(
    '\nNot modelled by the local runtime: CPU time (statement counts stand in; heap is an estimate), record sharing (user mode checks object and field permissions, not record access).',
  );
  const passed = run.results.filter((r) => r.outcome === 'PASS').length;
  const failed = run.results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && !underFloor;
}

const root = path.resolve(argValue('--root') ?? '.');
const only = argValue('--class')
  ?.split(',')
  .map((n) => n.toLowerCase());
const uncoveredOf = argValue('--uncovered')?.toLowerCase();
const floor = Number(argValue('--coverage-floor') ?? '85');
try {
  const run = runTests(root, { classFilter: only ? (name) => only.includes(name.toLowerCase()) : undefined });
  process.exitCode = print(run, only ? 0 : floor) ? 0 : 1;
} catch (error) {
  // The project does not load (a compile error): nothing ran, as a deploy would have failed.
  if (!(error instanceof ApexCompileError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
