import path from 'node:path';

/** One problem a gate found, always pointing at a file and line. */
export interface Finding {
  /** Absolute path or path relative to the project root. */
  file: string;
  /** 1-based; 0 when the tool reports the whole file. */
  line: number;
  column?: number;
  rule: string;
  message: string;
}

export function formatFinding(finding: Finding, root: string): string {
  const file = path.isAbsolute(finding.file) ? path.relative(root, finding.file) : finding.file;
  const column = finding.column === undefined ? '' : `:${finding.column}`;
  return `${file}:${finding.line}${column} [${finding.rule}] ${finding.message}`;
}

/** Prints findings and sets the exit code; the CLI tail shared by every gate script. */
export function reportFindings(gate: string, findings: Finding[], root: string): void {
  for (const finding of findings) console.error(formatFinding(finding, root));
  if (findings.length > 0) {
    console.error(`${gate}: ${findings.length} finding(s)`);
    process.exitCode = 1;
  } else {
    console.log(`${gate}: no findings`);
  }
}
