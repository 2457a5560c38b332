// Compiles every LWC template with the platform's template compiler: nothing else checks
// templates before deploy (tsc never sees them, jest only the ones a test renders).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { compile } from '@lwc/template-compiler';
import type { Finding } from '../lib/findings.ts';
import { reportFindings } from '../lib/findings.ts';
import { listLwcBundles } from '../lib/lwc.ts';
import { readProject } from '../lib/project.ts';

/** Fatal = 0, Error = 1 in @lwc/errors' DiagnosticLevel; warnings and logs pass. */
const MAX_BLOCKING_LEVEL = 1;

export function checkLwcTemplates(root: string): Finding[] {
  const apiVersion = Number(readProject(root).sourceApiVersion);
  const findings: Finding[] = [];
  for (const bundle of listLwcBundles(root)) {
    for (const name of readdirSync(bundle.dir).filter((file) => file.endsWith('.html'))) {
      const file = path.join(bundle.dir, name);
      const result = compile(readFileSync(file, 'utf8'), name, { name: bundle.name, namespace: 'c', apiVersion });
      for (const diagnostic of result.warnings.filter((w) => w.level <= MAX_BLOCKING_LEVEL)) {
        findings.push({
          file,
          line: diagnostic.location?.line ?? 0,
          column: diagnostic.location?.column,
          rule: `LWC${diagnostic.code}`,
          message: diagnostic.message,
        });
      }
    }
  }
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] ?? '.');
  reportFindings('lwc-templates', checkLwcTemplates(root), root);
}
