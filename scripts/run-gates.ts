// `npm test`: runs every offline gate in order, prints one line per gate with its time, then the
// total of the tests the gates ran. A gate's own output is shown only when it fails. Exit 1 if any fails.
// `npm run gate -- <name>[,<name>]` runs only the named gates.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

interface TestCounts {
  passed: number;
  failed: number;
}

interface Gate {
  name: string;
  what: string;
  command: string[];
  /** Reads the number of tests from the gate's output, for gates that run tests. */
  countTests?: (output: string) => TestCounts | undefined;
}

/** Node 20's test runner takes files, not folders. */
function testFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(dir, name));
}

/**
 * Node with room for Apex's call depth: Apex allows 1 000 nested calls, Node's default stack holds
 * about 550 of the runtime's (package.json's scripts use the same flag).
 */
const apexNode = [process.execPath, '--stack-size=3000', '--import', 'tsx'];

/** node:test over every test file of a folder, TAP output for counting. */
const nodeTests = (dir: string): string[] => [...apexNode, '--test', '--test-reporter=tap', ...testFiles(dir)];

const bin = (tool: string): string => path.join('node_modules', '.bin', tool);
const tsx = (script: string): string[] => [bin('tsx'), script];

function countJest(output: string): TestCounts | undefined {
  const line = /^Tests:\s+(.*)$/m.exec(output)?.[1];
  if (!line) return undefined;
  return { passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) };
}

function countApexTests(output: string): TestCounts | undefined {
  const match = /^(\d+) passed, (\d+) failed$/m.exec(output);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

function countNodeTest(output: string): TestCounts | undefined {
  const passed = /^# pass (\d+)$/m.exec(output)?.[1];
  const failed = /^# fail (\d+)$/m.exec(output)?.[1];
  return passed === undefined ? undefined : { passed: Number(passed), failed: Number(failed ?? 0) };
}

export const GATES: Gate[] = [
  { name: 'typecheck', what: 'TypeScript strict type-check', command: [bin('tsc'), '-p', 'tsconfig.json'] },
  { name: 'lint', what: 'ESLint (LWC rules, TypeScript parser)', command: [bin('eslint'), '.'] },
  { name: 'format', what: 'Prettier check (Apex, TS, HTML, XML, JSON)', command: [bin('prettier'), '--check', '.'] },
  { name: 'lwc-templates', what: 'LWC template compile', command: tsx('scripts/gates/lwc-templates.ts') },
  {
    name: 'lwc-jest',
    what: 'LWC unit tests with coverage floor',
    command: [bin('sfdx-lwc-jest'), '--coverage', '--', '--no-cache'],
    countTests: countJest,
  },
  { name: 'apex-syntax', what: 'Apex syntax (apex-parser)', command: tsx('scripts/gates/apex-syntax.ts') },
  { name: 'apex-compile', what: 'Apex compile-level check (apex-ls)', command: tsx('scripts/gates/apex-compile.ts') },
  {
    name: 'apex-soql-fields',
    what: 'SOQL and standard-object field names',
    command: tsx('scripts/gates/apex-soql-fields.ts'),
  },
  {
    name: 'metadata',
    what: 'XML, meta pairs, API versions, convert + manifest',
    command: tsx('scripts/gates/metadata.ts'),
  },
  { name: 'security', what: 'PMD Security/AppExchange + Graph Engine FLS', command: tsx('scripts/gates/security.ts') },
  {
    name: 'runtime-tests',
    what: 'local Apex runtime conformance with the Apex reference',
    command: nodeTests(path.join('tools', 'apex-runtime', 'test')),
    countTests: countNodeTest,
  },
  {
    name: 'apex-tests',
    what: 'Apex tests on the local Apex runtime, coverage floor 85 %',
    command: [...apexNode, 'tools/apex-runtime/src/org/cli.ts'],
    countTests: countApexTests,
  },
  {
    name: 'governor',
    what: 'governor floors of capture, dispatch and Historical Sync (bench:governor; counts, never times)',
    command: [...apexNode, 'tools/apex-runtime/bench/governor-bench.ts'],
  },
  {
    name: 'local-org',
    what: 'CleverTap emulator, local org server (Apex bridge, callout routing, Lead to profile) and page build',
    command: [
      ...nodeTests(path.join('tools', 'local-org', 'emulator')),
      ...testFiles(path.join('tools', 'local-org', 'server')),
      ...testFiles(path.join('tools', 'local-org', 'client')),
    ],
    countTests: countNodeTest,
  },
  {
    name: 'scripts',
    what: 'config as code (syncs:export / syncs:import against local orgs) and the org commands (deploy, org:scratch, package:version on a fake CLI)',
    command: [...nodeTests(path.join('scripts', 'config')), ...testFiles(path.join('scripts', 'org'))],
    countTests: countNodeTest,
  },
  {
    name: 'gate-tests',
    what: 'each gate catches its planted fault',
    command: nodeTests(path.join('scripts', 'gates', '__tests__')),
    countTests: countNodeTest,
  },
];

interface GateOutcome {
  gate: Gate;
  ok: boolean;
  seconds: number;
  tests?: TestCounts;
}

function runGate(gate: Gate): GateOutcome {
  const started = process.hrtime.bigint();
  const [command, ...args] = gate.command;
  const run = spawnSync(command as string, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`;
  const tests = gate.countTests?.(output);
  const ok = run.status === 0 && (gate.countTests === undefined || tests !== undefined);
  if (!ok) process.stdout.write(`\n----- ${gate.name} output -----\n${output.trimEnd()}\n-----\n`);
  return { gate, ok, seconds, tests };
}

function selectGates(argv: string[]): Gate[] {
  const only = argv.indexOf('--only');
  if (only < 0) return GATES;
  const names = (argv[only + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !GATES.some((gate) => gate.name === name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`Unknown gate(s) "${unknown.join(',')}". Gates: ${GATES.map((g) => g.name).join(', ')}`);
  }
  return GATES.filter((gate) => names.includes(gate.name));
}

function main(): void {
  const outcomes: GateOutcome[] = [];
  for (const gate of selectGates(process.argv.slice(2))) {
    const outcome = runGate(gate);
    outcomes.push(outcome);
    const tests = outcome.tests ? ` — ${outcome.tests.passed} passed, ${outcome.tests.failed} failed` : '';
    const status = outcome.ok ? 'PASS' : 'FAIL';
    console.log(`${status}  ${gate.name.padEnd(17)} ${outcome.seconds.toFixed(1).padStart(6)} s  ${gate.what}${tests}`);
  }
  const failedGates = outcomes.filter((o) => !o.ok).length;
  const passed = outcomes.reduce((sum, o) => sum + (o.tests?.passed ?? 0), 0);
  const failed = outcomes.reduce((sum, o) => sum + (o.tests?.failed ?? 0), 0);
  const total = outcomes.reduce((sum, o) => sum + o.seconds, 0);
  console.log(`gates: ${outcomes.length - failedGates} passed, ${failedGates} failed in ${total.toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  if (failedGates > 0 || failed > 0) process.exitCode = 1;
}

main();
