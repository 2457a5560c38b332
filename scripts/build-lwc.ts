// Emits the .js the platform needs from each TypeScript LWC, beside its source.
// Decorators must survive as written (@api, @wire, @track): target ESNext without
// experimentalDecorators leaves them untouched for the platform's LWC compiler.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { bundleSources, listLwcBundles } from './lib/lwc.ts';

/** Emit options live in the toolchain's tsconfig.build.json so editors, tsc and this script agree. */
function buildOptions(): ts.CompilerOptions {
  const repoRoot = path.resolve(import.meta.dirname, '..');
  const file = path.join(repoRoot, 'tsconfig.build.json');
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, repoRoot, undefined, file).options;
}

export function buildLwc(root: string, clean = false): string[] {
  const compilerOptions = buildOptions();
  const written: string[] = [];
  for (const source of listLwcBundles(root).flatMap(bundleSources)) {
    const target = source.replace(/\.ts$/, '.js');
    if (clean) {
      rmSync(target, { force: true });
      continue;
    }
    const output = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions,
      fileName: source,
      reportDiagnostics: false,
    });
    writeFileSync(target, output.outputText);
    written.push(target);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const clean = process.argv.includes('--clean');
  const files = buildLwc(process.cwd(), clean);
  console.log(clean ? 'Removed emitted LWC JavaScript.' : `Emitted ${files.length} LWC JavaScript file(s).`);
}
