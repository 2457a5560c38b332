// The runtime's layers (README, "Layers"): language < interpreter < platform < org. A file under
// src/ may import its own layer or a lower one only — `import type`, `export … from`, dynamic
// `import()` and `import('…')` types included — and every file sits in a layer folder. Imports of
// the project's own libraries (scripts/lib/) are outside the runtime and allowed from any layer.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const LAYERS = ['language', 'interpreter', 'platform', 'org'];
const SRC = path.resolve(import.meta.dirname, '../src');
const SHARED = path.resolve(import.meta.dirname, '../../../scripts/lib');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module specifier a file names: imports, re-exports, dynamic imports and import types. */
function specifiers(file: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) found.push(first.text);
    } else if (ts.isImportTypeNode(node)) {
      const literal = ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined;
      if (literal && ts.isStringLiteral(literal)) found.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return found;
}

const layerOf = (relative: string): number => LAYERS.indexOf(relative.split(path.sep)[0] ?? '');

/** `file → import` for each import that runs upward or leaves the runtime, and each file outside a layer. */
function violations(src: string, files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    const from = path.relative(src, file);
    const rank = layerOf(from);
    if (rank < 0 || !from.includes(path.sep)) {
      found.push(`${from}: not in a layer folder (${LAYERS.join(', ')})`);
      continue;
    }
    for (const spec of specifiers(file, text)) {
      if (!spec.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), spec);
      if (target.startsWith(SHARED + path.sep)) continue;
      const to = path.relative(src, target);
      if (to.startsWith('..')) found.push(`${from} → ${spec} (outside the runtime)`);
      else if (layerOf(to) > rank) found.push(`${from} → ${to}`);
    }
  }
  return found.sort();
}

describe('runtime layers', () => {
  it('no file imports from a higher layer, and every file sits in a layer folder', () => {
    const files = new Map(sourceFiles(SRC).map((file) => [file, readFileSync(file, 'utf8')]));
    // To fix one, invert it: the lower layer declares the interface it needs (interpreter/host.ts,
    // platform/context.ts) and the higher one implements it.
    assert.deepEqual(violations(SRC, files), []);
  });

  it('finds an upward import in every form, and a file outside the layers', () => {
    const at = (name: string): string => path.join(SRC, name);
    const planted = new Map([
      [at('interpreter/a.ts'), "import type { Runtime } from '../org/runtime.ts';\nimport { x } from './b.ts';"],
      [at('interpreter/b.ts'), "export { y } from '../platform/dml.ts';\nexport const x = 1;"],
      [
        at('language/c.ts'),
        "const m = await import('../interpreter/a.ts');\ntype T = import('../org/api.ts').LocalOrg;",
      ],
      [
        at('platform/d.ts'),
        "import { loadSchema } from '../../../../scripts/lib/schema.ts';\nimport '../../test/x.ts';",
      ],
      [at('loose.ts'), "import { z } from './language/ast.ts';"],
    ]);
    assert.deepEqual(violations(SRC, planted), [
      'interpreter/a.ts → org/runtime.ts',
      'interpreter/b.ts → platform/dml.ts',
      'language/c.ts → interpreter/a.ts',
      'language/c.ts → org/api.ts',
      'loose.ts: not in a layer folder (language, interpreter, platform, org)',
      'platform/d.ts → ../../test/x.ts (outside the runtime)',
    ]);
  });
});
