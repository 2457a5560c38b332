// Runs the project's @IsTest classes on the local runtime: each test method is its own
// transaction (statics reset, data rolled back to the class's @TestSetup state), with line coverage
// of the non-test classes and triggers.
import type * as A from '../language/ast.ts';
import type { ClassInfo } from '../language/classes.ts';
import { PlatformError, UnsupportedApexFeature } from '../language/errors.ts';
import { ApexThrow } from '../interpreter/interpreter.ts';
import { Runtime, type RuntimeOptions } from './runtime.ts';
import { SoqlCompileError } from '../language/soql/query.ts';
import type { StoredRecord } from '../platform/store.ts';

export type Outcome = 'PASS' | 'FAIL' | 'ERROR';

export interface TestResult {
  className: string;
  method: string;
  outcome: Outcome;
  message?: string;
  stack?: string;
  ms: number;
}

export interface CoverageRow {
  name: string;
  file: string;
  covered: number;
  total: number;
  /** Executable lines no test reached, in order. */
  uncovered: number[];
}

export interface TestRun {
  results: TestResult[];
  coverage: CoverageRow[];
}

const hasAnnotation = (decl: { annotations: A.Annotation[] }, name: string): boolean =>
  decl.annotations.some((a) => a.name === name);

export function isTestClass(decl: A.ClassDecl): boolean {
  return hasAnnotation(decl, 'istest');
}

function testMethods(cls: ClassInfo): A.MethodDecl[] {
  return (cls.decl?.members ?? []).filter(
    (m): m is A.MethodDecl => m.kind === 'method' && (hasAnnotation(m, 'istest') || m.modifiers.has('testmethod')),
  );
}

export function runTests(
  root: string,
  options: RuntimeOptions & { classFilter?: (name: string) => boolean } = {},
): TestRun {
  const rt = new Runtime(root, options);
  rt.inTest = true;
  const base = rt.org.store.snapshot();
  const results: TestResult[] = [];
  const testClasses = rt.org.classDecls.filter(isTestClass).sort((a, b) => a.name.localeCompare(b.name));
  for (const decl of testClasses) {
    if (options.classFilter && !options.classFilter(decl.name)) continue;
    const cls = rt.classes.get(decl.name.toLowerCase()) as ClassInfo;
    results.push(...runClass(rt, cls, base));
  }
  return { results, coverage: coverageOf(rt) };
}

function runClass(rt: Runtime, cls: ClassInfo, base: StoredRecord[]): TestResult[] {
  rt.org.store.restore(base);
  const setup = (cls.decl?.members ?? []).find(
    (m): m is A.MethodDecl => m.kind === 'method' && hasAnnotation(m, 'testsetup'),
  );
  if (setup) {
    rt.beginTransaction();
    rt.isolate();
    const failure = attempt(rt, () => rt.interp.invokeMethod(cls, undefined, setup.name, [], setup.line, false));
    if (failure)
      return testMethods(cls).map((m) => ({
        className: cls.name,
        method: m.name,
        ms: 0,
        ...failure,
        message: `@TestSetup ${setup.name} failed: ${failure.message}`,
      }));
  }
  const afterSetup = rt.org.store.snapshot();
  return testMethods(cls).map((method) => {
    rt.org.store.restore(afterSetup);
    rt.beginTransaction();
    rt.isolate();
    const started = performance.now();
    const failure = attempt(rt, () => rt.interp.invokeMethod(cls, undefined, method.name, [], method.line, false));
    return { className: cls.name, method: method.name, ms: performance.now() - started, outcome: 'PASS', ...failure };
  });
}

function attempt(rt: Runtime, body: () => unknown): Pick<TestResult, 'outcome' | 'message' | 'stack'> | undefined {
  try {
    body();
    return undefined;
  } catch (raw) {
    const error = raw instanceof PlatformError ? rt.interp.toApexThrow(raw) : raw;
    if (error instanceof ApexThrow) {
      const ex = error.exception;
      const message = String(ex.fields.get('message') ?? '');
      const type = ex.cls.displayName;
      return {
        outcome: 'FAIL',
        message: type === 'System.AssertException' ? message : `${type}: ${message}`,
        stack: String(ex.fields.get('$stack') ?? ''),
      };
    }
    if (error instanceof UnsupportedApexFeature || error instanceof SoqlCompileError)
      return { outcome: 'ERROR', message: error.message };
    return {
      outcome: 'ERROR',
      message: `runtime error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    };
  }
}

/** Executable lines = statement lines of every non-test class and trigger. */
function coverageOf(rt: Runtime): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const decl of rt.org.classDecls.filter((d) => !isTestClass(d))) {
    const lines = new Set<number>();
    collectClassLines(decl, lines);
    rows.push(row(rt, decl.name, decl.file, lines));
  }
  for (const triggers of rt.org.triggers.values()) {
    for (const trigger of triggers) {
      const lines = new Set<number>();
      collectBlockLines(trigger.body, lines);
      rows.push(row(rt, trigger.name, trigger.file, lines));
    }
  }
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}

function row(rt: Runtime, name: string, file: string, lines: Set<number>): CoverageRow {
  const executed = rt.covered.get(file) ?? new Set<number>();
  const uncovered = [...lines].filter((l) => !executed.has(l)).sort((a, b) => a - b);
  return { name, file, total: lines.size, covered: lines.size - uncovered.length, uncovered };
}

function collectClassLines(decl: A.ClassDecl, lines: Set<number>): void {
  for (const member of decl.members) {
    if (member.kind === 'class' || member.kind === 'interface' || member.kind === 'enum')
      collectClassLines(member, lines);
    else if (
      (member.kind === 'method' || member.kind === 'constructor' || member.kind === 'initializer') &&
      member.body
    )
      collectBlockLines(member.body, lines);
    else if (member.kind === 'property') {
      for (const accessor of [member.getter, member.setter])
        if (accessor && accessor !== 'auto') collectBlockLines(accessor, lines);
    }
  }
}

function collectBlockLines(stmt: A.Stmt, lines: Set<number>): void {
  if (stmt.kind !== 'block') lines.add(stmt.line);
  for (const child of childStatements(stmt)) collectBlockLines(child, lines);
}

function childStatements(stmt: A.Stmt): A.Stmt[] {
  switch (stmt.kind) {
    case 'block':
      return stmt.statements;
    case 'if':
      return stmt.else ? [stmt.then, stmt.else] : [stmt.then];
    case 'for':
    case 'foreach':
    case 'while':
    case 'dowhile':
      return [stmt.body];
    case 'try':
      return [stmt.body, ...stmt.catches.map((c) => c.body), ...(stmt.finallyBody ? [stmt.finallyBody] : [])];
    case 'switch':
      return stmt.whens.map((w) => w.body);
    case 'runas':
      return [stmt.body];
    default:
      return [];
  }
}
