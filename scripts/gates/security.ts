// Security gate: Salesforce Code Analyzer, driven offline through its core library.
//
// - PMD rules tagged `Security` or `AppExchange` (SOQL injection, CRUD, sharing, hard-coded secrets,
//   insecure endpoints, XSS in Visualforce/Aura, insecure metadata settings, ...) on the Apex,
//   Visualforce, Aura and XML metadata of every package directory. LWC (TypeScript) is ESLint's job.
// - Graph Engine (SFGE) `ApexFlsViolation`: follows every external entry point (`@AuraEnabled`, `global`,
//   `@InvocableMethod`, REST ...) to the DML/SOQL it reaches and reports missing field-level security checks.
//
// Every suppression needs a written reason: a comment containing `reason: <why this is safe>` on the
// same line as the suppression or on the line immediately above it. Suppressions are
//   - Apex, PMD:   `@SuppressWarnings('PMD.<Rule>')` (method/class) or `// NOPMD` (that line only);
//   - Apex, SFGE:  `/* sfge-disable-next-line ApexFlsViolation */` (also `sfge-disable-stack`, `sfge-disable`);
//   - metadata XML (PMD has no marker there): `<!-- code-analyzer-suppress(pmd:<Rule>) -->`, which
//     suppresses the rule from that line to the end of the file (PMD reports XML findings on the whole file).
//
//   // reason: the value is one of our own picklist constants, never user input
//   @SuppressWarnings('PMD.ApexSOQLInjection')
//
//   Database.query(soql); // NOPMD reason: soql is built from an allow-list of field names
//
//   <?xml version="1.0" encoding="UTF-8" ?>
//   <CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
//       <!-- code-analyzer-suppress(pmd:ProtectSensitiveData) reason: a queue id, not a credential -->
//
// In metadata the marker goes inside the root element: before it, `sf project convert source`
// rejects a decomposed file such as a field (the metadata gate catches that).
//
// A suppression without a reason is reported as a finding (rule `SuppressionWithoutReason`).
//
// An SFGE timeout is a finding (that entry point went unchecked) unless its method carries
// `/* sfge-disable-stack ApexFlsViolation */` (with a reason) in the lines just above it: then the
// gate prints it as a path it did not check, with that reason, and passes. Use it only where every
// query and DML on the path states its access mode (USER_MODE) and the explosion is in pure code.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAnalyzer,
  CodeAnalyzerConfig,
  EventType,
  LogLevel,
  type EngineLogEvent,
  type Violation,
} from '@salesforce/code-analyzer-core';
import { createEnginePlugin as createPmdPlugin } from '@salesforce/code-analyzer-pmd-engine';
import { createEnginePlugin as createSfgePlugin } from '@salesforce/code-analyzer-sfge-engine';
import { listFiles } from '../lib/files.ts';
import { reportFindings, type Finding } from '../lib/findings.ts';
import { requireJava } from '../lib/java.ts';
import { readProject } from '../lib/project.ts';

/** `engine:tag` or `engine:rule`; SFGE's rule is named `ApexFlsViolation` (its Java class is ApexFlsViolationRule). */
export const RULE_SELECTORS = ['pmd:Security', 'pmd:AppExchange', 'sfge:ApexFlsViolation'];
const PMD_SELECTORS = RULE_SELECTORS.filter((s) => s.startsWith('pmd:'));
const SFGE_SELECTORS = RULE_SELECTORS.filter((s) => s.startsWith('sfge:'));

/**
 * Classes whose methods users and other code reach from outside the package: the entry points
 * whose FLS the Graph Engine must follow. Engine internals run in system mode by design and carry
 * reasoned suppressions; walking every path from each of their @NamespaceAccessible methods cost
 * minutes, so they are analysed only as code these entry points reach.
 */
const EXTERNAL_ENTRY_POINT =
  /@AuraEnabled|@InvocableMethod|@RestResource|@RemoteAction|\bwebservice\b|\bglobal\s+(?:with|without|inherited|virtual|abstract|class)/i;

const SCANNED_FILE = /\.(cls|trigger|page|component|cmp|html|xml)$/i;
const SUPPRESSION = /@SuppressWarnings\s*\(\s*'[^']*\bPMD\b|NOPMD|sfge-disable|code-analyzer-suppress/i;
const REASON = /(\/\/|\/\*|<!--).*\breason:\s*\w/i;

export async function checkSecurity(root: string): Promise<Finding[]> {
  requireJava();
  const { packageDirs } = readProject(root);
  // Code Analyzer's working files and the Graph Engine log go here, never into the repo.
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'security-gate-'));
  const engineErrors: Finding[] = [];
  try {
    const config = CodeAnalyzerConfig.fromObject(
      {
        log_folder: workDir,
        root_working_folder: workDir,
        engines: {
          cpd: { disable_engine: true },
          pmd: { rule_languages: ['apex', 'html', 'visualforce', 'xml'] },
          // 2 threads for 2 cores; a fixed heap makes SFGE's path-expansion limit (derived from the heap)
          // the same on every machine; a generous per-entry-point timeout keeps slow CI boxes from flaking.
          sfge: { java_thread_count: 2, java_max_heap_size: '2g', java_thread_timeout: 120_000 },
        },
      },
      root,
    );
    const analyzer = new CodeAnalyzer(config);
    analyzer.onEvent<EngineLogEvent>(EventType.EngineLogEvent, (event) => {
      // PMD parse errors and SFGE internal errors arrive only as error logs, not as violations
      // (an SFGE timeout on an entry point, too), so an error log is a finding: that code went unchecked.
      if (event.logLevel === LogLevel.Error) engineErrors.push(engineError(event, root));
    });
    await analyzer.addEnginePlugin(createPmdPlugin());
    await analyzer.addEnginePlugin(createSfgePlugin());
    const workspace = await analyzer.createWorkspace(packageDirs);
    const pmd = await analyzer.run(await analyzer.selectRules(PMD_SELECTORS, { workspace }), { workspace });
    const violations = pmd.getViolations().map((violation) => toFinding(violation, root));
    const entryPoints = packageDirs
      .flatMap((dir) => listFiles(dir, (name) => name.endsWith('.cls')))
      .filter((file) => EXTERNAL_ENTRY_POINT.test(readFileSync(file, 'utf8')));
    if (entryPoints.length > 0) {
      const targeted = await analyzer.createWorkspace(packageDirs, entryPoints);
      const sfge = await analyzer.run(await analyzer.selectRules(SFGE_SELECTORS, { workspace: targeted }), {
        workspace: targeted,
      });
      violations.push(...sfge.getViolations().map((violation) => toFinding(violation, root)));
    }
    const { excused, unexcused } = splitExcusedTimeouts(engineErrors);
    for (const finding of excused) {
      console.error(`not path-checked (SFGE timeout, excused): ${path.relative(root, finding.file)}:${finding.line}`);
    }
    return [...violations, ...unexcused, ...unjustifiedSuppressions(packageDirs)].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule),
    );
  } finally {
    // SECURITY_GATE_KEEP_LOGS=1 keeps the engines' logs (the Graph Engine's says why it could not load).
    if (process.env.SECURITY_GATE_KEEP_LOGS === '1') console.error(`security gate logs kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  }
}

function toFinding(violation: Violation, root: string): Finding {
  const rule = violation.getRule();
  const locations = violation.getCodeLocations();
  const primary = violation.getPrimaryLocation();
  // SFGE gives two locations: the entry point first, the DML/SOQL (the primary one) last.
  const source = locations.length > 1 ? locations[0] : undefined;
  const via = source
    ? ` (entry point ${path.relative(root, source.getFile() ?? '')}:${source.getStartLine() ?? 0})`
    : '';
  return {
    // Engine failures have no location: point at the project itself.
    file: primary.getFile() ?? path.join(root, 'sfdx-project.json'),
    line: primary.getStartLine() ?? 0,
    column: primary.getStartColumn(),
    rule: `${rule.getEngineName()}:${rule.getName()}`,
    message: withoutStack(violation.getMessage()) + via,
  };
}

/** Points an engine error at the file (and line) it names, or at the project when it names none. */
function engineError(event: EngineLogEvent, root: string): Finding {
  const located = /(\/[^\s:']+\.(?:cls|trigger|page|component|cmp|html|xml))'?(?::(\d+))?/.exec(event.message);
  return {
    file: located?.[1] ?? path.join(root, 'sfdx-project.json'),
    line: Number(located?.[2] ?? 0),
    rule: `${event.engineName}:EngineError`,
    message: withoutStack(event.message),
  };
}

const STACK_SUPPRESSION = /sfge-disable-stack\s+ApexFlsViolation/;

/** SFGE timeouts on entry methods marked `sfge-disable-stack ApexFlsViolation` among the comments and annotations just above them. */
export function splitExcusedTimeouts(findings: Finding[]): { excused: Finding[]; unexcused: Finding[] } {
  const excused: Finding[] = [];
  const unexcused: Finding[] = [];
  for (const finding of findings) {
    const timeout = finding.rule === 'sfge:EngineError' && /timed out/i.test(finding.message) && finding.line > 0;
    (timeout && headerOf(finding.file, finding.line).some((line) => STACK_SUPPRESSION.test(line))
      ? excused
      : unexcused
    ).push(finding);
  }
  return { excused, unexcused };
}

/** The comment, annotation and blank lines directly above a declaration line (1-based). */
function headerOf(file: string, line: number): string[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header: string[] = [];
  for (let i = line - 2; i >= 0 && /^\s*(?:$|@|\/\/|\/\*|\*)/.test(lines[i] ?? ''); i--) header.push(lines[i] ?? '');
  return header;
}

function withoutStack(message: string): string {
  return message.split(/\n\s+at /)[0] ?? message;
}

/** Every PMD/SFGE suppression without a `reason:` comment on its own line or the line above. */
export function unjustifiedSuppressions(dirs: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of dirs.flatMap((dir) => listFiles(dir, (name) => SCANNED_FILE.test(name)))) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    lines.forEach((text, index) => {
      if (SUPPRESSION.test(text) && !REASON.test(text) && !REASON.test(lines[index - 1] ?? '')) {
        findings.push({
          file,
          line: index + 1,
          rule: 'SuppressionWithoutReason',
          message: 'Suppression without a `reason: ...` comment on the same line or the line above',
        });
      }
    });
  }
  return findings;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(process.argv[2] ?? process.cwd());
  checkSecurity(root).then(
    (findings) => reportFindings('security', findings, root),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
