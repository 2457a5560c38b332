// Whether a statement can complete normally, for "Missing return statement": a non-void method whose
// body can fall off its end does not compile. `return` and `throw` end a path; a loop whose condition
// is the literal `true` (or absent) ends it unless a `break` leaves it. `maybe` covers what this
// analysis does not decide (a switch without `when else` whose branches all end may be exhaustive
// over an enum, an `if (true)`, a statement the runtime could not parse): never reported.
import type * as A from '../ast.ts';

export type Completion = 'completes' | 'ends' | 'maybe';

export function completion(stmt: A.Stmt): Completion {
  switch (stmt.kind) {
    case 'return':
    case 'throw':
    case 'break':
    case 'continue':
      return 'ends';
    case 'block':
      return sequence(stmt.statements);
    case 'runas':
      return sequence(stmt.body.statements);
    case 'if':
      return ifCompletion(stmt);
    case 'while':
    case 'dowhile':
      return whileCompletion(stmt);
    case 'for':
      return loopForever(stmt.cond, stmt.body);
    case 'try':
      return tryCompletion(stmt);
    case 'switch':
      return switchCompletion(stmt);
    case 'unsupported':
      return 'maybe';
    default:
      return 'completes';
  }
}

function sequence(statements: A.Stmt[]): Completion {
  let result: Completion = 'completes';
  for (const s of statements) {
    const c = completion(s);
    if (c === 'ends') return 'ends';
    if (c === 'maybe') result = 'maybe';
  }
  return result;
}

/** Both branches end → ends; a missing `else` completes; `maybe` wins over `completes`. */
function all(parts: Completion[]): Completion {
  if (parts.every((p) => p === 'ends')) return 'ends';
  return parts.includes('maybe') ? 'maybe' : 'completes';
}

function ifCompletion(stmt: A.IfStmt): Completion {
  if (isConstant(stmt.cond)) return 'maybe';
  return stmt.else ? all([completion(stmt.then), completion(stmt.else)]) : 'completes';
}

function whileCompletion(stmt: A.WhileStmt): Completion {
  const forever = loopForever(stmt.cond, stmt.body);
  if (forever !== 'completes' || stmt.kind === 'while') return forever;
  // do { … } while (c): the body runs once; if it always ends, so does the loop.
  return completion(stmt.body) === 'ends' && breaks(stmt.body) === 'no' ? 'ends' : 'completes';
}

/** `while (true)` / `for (;;)` without a break ends every path; another constant condition is undecided. */
function loopForever(cond: A.Expr | undefined, body: A.Stmt): Completion {
  const constantTrue =
    cond === undefined || (cond.kind === 'literal' && cond.value.type === 'boolean' && cond.value.value);
  if (!constantTrue) return isConstant(cond) ? 'maybe' : 'completes';
  const exits = breaks(body);
  return exits === 'no' ? 'ends' : exits === 'yes' ? 'completes' : 'maybe';
}

function tryCompletion(stmt: A.TryStmt): Completion {
  if (stmt.finallyBody && completion(stmt.finallyBody) === 'ends') return 'ends';
  return all([completion(stmt.body), ...stmt.catches.map((c) => completion(c.body))]);
}

function switchCompletion(stmt: A.SwitchStmt): Completion {
  const branches = all(stmt.whens.map((w) => completion(w.body)));
  const hasElse = stmt.whens.some((w) => w.kind === 'else');
  return !hasElse && branches === 'ends' ? 'maybe' : branches;
}

/** Whether a `break` leaves this loop (one not inside a nested loop); `maybe` where the body was not parsed. */
function breaks(stmt: A.Stmt): 'yes' | 'no' | 'maybe' {
  switch (stmt.kind) {
    case 'break':
      return 'yes';
    case 'unsupported':
      return 'maybe';
    case 'block':
      return any(stmt.statements);
    case 'runas':
      return any(stmt.body.statements);
    case 'if':
      return any(stmt.else ? [stmt.then, stmt.else] : [stmt.then]);
    case 'try':
      return any([stmt.body, ...stmt.catches.map((c) => c.body), ...(stmt.finallyBody ? [stmt.finallyBody] : [])]);
    case 'switch':
      return any(stmt.whens.map((w) => w.body));
    default:
      return 'no';
  }
}

function any(statements: A.Stmt[]): 'yes' | 'no' | 'maybe' {
  const found = statements.map(breaks);
  return found.includes('yes') ? 'yes' : found.includes('maybe') ? 'maybe' : 'no';
}

/** An expression made of literals and operators only (its value is fixed at compile time). */
function isConstant(e: A.Expr | undefined): boolean {
  if (!e) return true;
  switch (e.kind) {
    case 'literal':
      return true;
    case 'unary':
      return isConstant(e.operand);
    case 'binary':
      return isConstant(e.left) && isConstant(e.right);
    default:
      return false;
  }
}
