// Parses every Apex class and trigger with the ANTLR Apex grammar; reports each syntax error with line and column.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { listFiles } from '../lib/files.ts';
import type { Finding } from '../lib/findings.ts';
import { reportFindings } from '../lib/findings.ts';
import { readProject } from '../lib/project.ts';

class CollectingListener extends ApexErrorListener {
  readonly errors: { line: number; column: number; message: string }[] = [];

  apexSyntaxError(line: number, column: number, message: string): void {
    this.errors.push({ line, column: column + 1, message });
  }
}

export function listApexSources(root: string): string[] {
  return readProject(root).packageDirs.flatMap((dir) =>
    listFiles(dir, (name) => name.endsWith('.cls') || name.endsWith('.trigger')),
  );
}

export function checkApexSyntax(root: string): Finding[] {
  const findings: Finding[] = [];
  for (const file of listApexSources(root)) {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(file, 'utf8'), listener);
    if (file.endsWith('.trigger')) parser.triggerUnit();
    else parser.compilationUnit();
    for (const error of listener.errors) findings.push({ file, ...error, rule: 'apex-syntax' });
  }
  return findings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] ?? '.');
  reportFindings('apex-syntax', checkApexSyntax(root), root);
}
