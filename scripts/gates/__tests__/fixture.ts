import path from 'node:path';
import type { Finding } from '../../lib/findings.ts';

/** Absolute path of a fixture project under scripts/gates/fixtures (outside __tests__, which the Salesforce CLI always ignores). */
export function fixture(name: string): string {
  return path.join(import.meta.dirname, '..', 'fixtures', name);
}

/** Findings as `file:line rule` strings relative to the fixture, for exact assertions. */
export function located(findings: Finding[], root: string): string[] {
  return findings.map((f) => `${path.relative(root, f.file)}:${f.line} ${f.rule}`);
}
