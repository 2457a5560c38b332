// Compile-level Apex check with apex-ls (the jars inside the pinned Code Analyzer PMD engine):
// unknown methods, variables, types, type mismatches and unknown fields outside SOQL.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Finding } from '../lib/findings.ts';
import { reportFindings } from '../lib/findings.ts';
import { JAVA_LIB_DIR, requireJava } from '../lib/java.ts';

interface ApexLsReport {
  files: {
    path: string;
    messages: { start: { line: number; offset: number }; category: string; message: string }[];
  }[];
}

/** apex-ls exits 0 when clean and 4 when it found issues; anything else is a crash. */
const EXIT_ISSUES = 4;

export function checkApexCompile(root: string): Finding[] {
  requireJava();
  const run = spawnSync(
    'java',
    [
      '-cp',
      `${JAVA_LIB_DIR}/*`,
      'io.github.apexdevtools.apexls.CheckForIssues',
      '-n',
      '-d',
      'warnings',
      '-f',
      'json',
      '-w',
      root,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.status !== 0 && run.status !== EXIT_ISSUES) {
    throw new Error(`apex-ls failed (exit ${run.status}): ${run.stderr || run.stdout}`);
  }
  const jsonStart = run.stdout.indexOf('{');
  if (jsonStart < 0) return [];
  const report = JSON.parse(run.stdout.slice(jsonStart)) as ApexLsReport;
  return report.files.flatMap((file) =>
    file.messages.map((message) => ({
      file: file.path,
      line: message.start.line,
      column: message.start.offset + 1,
      rule: `apex-ls/${message.category}`,
      message: message.message,
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] ?? '.');
  reportFindings('apex-compile', checkApexCompile(root), root);
}
