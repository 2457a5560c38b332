// `npm run bench:runtime`: speed of the local Apex runtime (printed, never asserted — the machines
// are shared). A 10 000-record insert through triggers, as one Apex transaction and as a Bulk API
// load of 50 transactions, and the project's whole Apex test suite.
import path from 'node:path';
import { LocalOrg } from '../src/org/api.ts';
import { runTests } from '../src/org/runner.ts';

const FIXTURE = path.join(import.meta.dirname, '..', 'test', 'fixture');

function measure<T>(label: string, body: () => T): T {
  const started = performance.now();
  const result = body();
  const ms = performance.now() - started;
  const heap = process.memoryUsage().heapUsed / 1024 / 1024;
  console.log(`${label.padEnd(58)} ${(ms / 1000).toFixed(2).padStart(7)} s   heap ${heap.toFixed(0)} MB`);
  return result;
}

const org = measure('load fixture project', () => new LocalOrg(FIXTURE));
const accounts = () => Array.from({ length: 10_000 }, (_, i) => org.record('Account', { Name: `Account ${i}` }));

const apex = measure('10 000 Accounts, one Apex transaction (triggers x50 chunks)', () =>
  org.dml('insert', accounts()),
);
console.log(`  statements ${apex.transactions[0]?.statements}, DML rows ${apex.transactions[0]?.used.dmlRows}`);
const bulk = measure('10 000 Accounts, Bulk API (50 transactions of 200)', () =>
  org.dml('insert', accounts(), { mode: 'bulk' }),
);
const statements = bulk.transactions.reduce((n, t) => n + t.statements, 0);
console.log(
  `  transactions ${bulk.transactions.length}, statements ${statements}, max DML rows per transaction ${Math.max(...bulk.transactions.map((t) => t.used.dmlRows))}`,
);

const project = path.resolve(import.meta.dirname, '..', '..', '..');
const run = measure('project Apex test suite (npm run test:apex)', () => runTests(project));
console.log(`  ${run.results.length} test methods, ${run.results.filter((r) => r.outcome === 'PASS').length} passed`);
