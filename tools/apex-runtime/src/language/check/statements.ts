// Statements in the compile phase: local variables enter scope (Apex Developer Guide, "Variables":
// a sub-block cannot redeclare a name its enclosing blocks declare, parallel blocks can reuse it),
// initialisers and returns must fit their declared types, and a non-void method must not fall off its
// end ("Missing return statement", see flow.ts).
import type * as A from '../ast.ts';
import { reservedNameProblem } from './reserved.ts';
import { ExpressionChecker } from './expressions.ts';
import { completion } from './flow.ts';
import type { Frame } from './frame.ts';
import { assignable, typeText, type SType } from './types.ts';

/** Members whose `return` carries no value, with the compiler's message for one that does. */
const VALUELESS: Partial<Record<Frame['member'], string>> = {
  method: 'Void method must not return a value',
  constructor: 'Constructors must not return a value',
  trigger: 'Trigger bodies must not return a value',
};

export class StatementChecker extends ExpressionChecker {
  /** A method (or constructor, initializer, accessor, trigger) body; `declaredReturn` asks for the missing-return check. */
  body(block: A.Block, f: Frame, declaredReturn?: { type: SType; line: number }): void {
    this.block(block, f);
    if (declaredReturn && completion(block) === 'completes')
      this.sink.report(
        f,
        declaredReturn.line,
        `Missing return statement required return type: ${typeText(declaredReturn.type)}`,
      );
  }

  block(block: A.Block, f: Frame): void {
    this.scoped(f, new Map(), () => block.statements.forEach((s) => this.stmt(s, f)));
  }

  /** Runs `walk` with one more block scope. */
  private scoped(f: Frame, scope: Map<string, SType>, walk: () => void): void {
    f.scopes.push(scope);
    try {
      walk();
    } finally {
      f.scopes.pop();
    }
  }

  /** Declares a local in the innermost scope; a name any enclosing scope of the member has is a duplicate. */
  declare(f: Frame, name: string, type: SType, line: number): void {
    const key = name.toLowerCase();
    const reserved = reservedNameProblem(name);
    if (reserved) this.sink.report(f, line, reserved);
    if (f.scopes.some((scope) => scope.has(key))) this.sink.report(f, line, `Duplicate variable: ${name}`);
    (f.scopes[f.scopes.length - 1] as Map<string, SType>).set(key, type);
  }

  private stmt(s: A.Stmt, f: Frame): void {
    switch (s.kind) {
      case 'block':
        return this.block(s, f);
      case 'local':
        return this.local(s, f);
      case 'expr':
        this.value(s.expr, f);
        return;
      case 'if':
        this.value(s.cond, f);
        this.branch(s.then, f);
        if (s.else) this.branch(s.else, f);
        return;
      case 'for':
        return this.scoped(f, new Map(), () => this.forLoop(s, f));
      case 'foreach':
        return this.forEach(s, f);
      case 'while':
      case 'dowhile':
        this.value(s.cond, f);
        return this.branch(s.body, f);
      case 'try':
        return this.tryStmt(s, f);
      case 'return':
        return this.returnStmt(s, f);
      case 'throw':
        this.value(s.value, f);
        return;
      case 'dml':
        this.value(s.target, f);
        if (s.mergeSource) this.value(s.mergeSource, f);
        return;
      case 'switch':
        return this.switchStmt(s, f);
      case 'runas':
        this.value(s.user, f);
        return this.block(s.body, f);
      case 'break':
      case 'continue':
        return;
      case 'unsupported':
        // Whatever it declared is unknown here: names not in scope stop being reported.
        f.lenient = true;
        return;
    }
  }

  /** The body of an if / loop: a scope of its own even when it is a single statement. */
  private branch(s: A.Stmt, f: Frame): void {
    this.scoped(f, new Map(), () => this.stmt(s, f));
  }

  private local(s: A.LocalVarStmt, f: Frame): void {
    const type = this.typeOf(s.type, f, s.line);
    for (const v of s.vars) {
      if (v.init) this.checkAssignable(this.value(v.init, f), type, f, s.line);
      this.declare(f, v.name, type, s.line);
    }
  }

  private forLoop(s: A.ForStmt, f: Frame): void {
    if (Array.isArray(s.init)) s.init.forEach((e) => this.value(e, f));
    else if (s.init) this.local(s.init, f);
    if (s.cond) this.value(s.cond, f);
    s.update.forEach((e) => this.value(e, f));
    this.branch(s.body, f);
  }

  /** "Invalid loop variable type" when the elements certainly do not convert to the loop variable's type. */
  private forEach(s: A.ForEachStmt, f: Frame): void {
    const iterable = this.value(s.iterable, f);
    const type = this.typeOf(s.varType, f, s.line);
    const element = iterable.kind === 'list' || iterable.kind === 'set' ? iterable.element : undefined;
    if (element && assignable(element, type) === 'no')
      this.sink.report(f, s.line, `Invalid loop variable type expected ${typeText(element)} was ${typeText(type)}`);
    this.scoped(f, new Map(), () => {
      this.declare(f, s.varName, type, s.line);
      this.branch(s.body, f);
    });
  }

  private tryStmt(s: A.TryStmt, f: Frame): void {
    this.block(s.body, f);
    for (const c of s.catches) {
      const type = this.typeOf(c.type, f, c.line);
      this.scoped(f, new Map(), () => {
        this.declare(f, c.name, type, c.line);
        this.block(c.body, f);
      });
    }
    if (s.finallyBody) this.block(s.finallyBody, f);
  }

  /**
   * A returned value must convert to the declared return type; a void method, a constructor and a
   * trigger return none, and a non-void method always returns one (the compiler's wording).
   */
  private returnStmt(s: A.ReturnStmt, f: Frame): void {
    if (!s.value) {
      if (f.member === 'method' && f.returnType)
        this.sink.report(f, s.line, `Missing return statement required return type: ${typeText(f.returnType)}`);
      return;
    }
    const type = this.value(s.value, f);
    if (f.returnType) this.checkAssignable(type, f.returnType, f, s.line, 'conversion');
    else if (VALUELESS[f.member]) this.sink.report(f, s.line, VALUELESS[f.member] as string);
  }

  private switchStmt(s: A.SwitchStmt, f: Frame): void {
    this.value(s.subject, f);
    for (const when of s.whens) {
      // `when RED` names an enum value of the subject's type, not a variable: only literals are walked.
      if (when.kind === 'values') when.values.filter((v) => v.kind !== 'name').forEach((v) => this.value(v, f));
      if (when.kind !== 'type') {
        this.block(when.body, f);
        continue;
      }
      const type = this.typeOf(when.type, f, s.line);
      this.scoped(f, new Map(), () => {
        this.declare(f, when.varName, type, s.line);
        this.block(when.body, f);
      });
    }
  }
}
