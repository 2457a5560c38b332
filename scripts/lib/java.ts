import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of jars shipped inside the pinned Code Analyzer PMD engine (apex-ls, PMD, sobject types). */
export const JAVA_LIB_DIR = path.join(
  path.dirname(require.resolve('@salesforce/code-analyzer-pmd-engine/package.json')),
  'dist',
  'java-lib',
);

const INSTALL_HINT =
  'Java 17 is required for the Apex compile check and the security scan. Install it with ' +
  '`sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) and make sure `java` is on PATH.';

/** Fails loudly, with the install command, when Java 17+ is missing: a gate is never skipped. */
export function requireJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error(INSTALL_HINT);
  const match = /version "(\d+)/.exec(probe.stderr);
  const major = match ? Number(match[1]) : 0;
  if (major < 17) throw new Error(`Found Java ${major}. ${INSTALL_HINT}`);
}
