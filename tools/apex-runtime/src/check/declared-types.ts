// The first piece of the compile phase: the static (declared) type of a cast's operand, found from
// the declarations in scope, so a cast can be checked as Apex checks it. Apex allows a numeric
// conversion in a cast only when the operand's static type is a number (`(Integer) 5.2`); from an
// `Object` reference the runtime type must match exactly (`Object o = 5; (Decimal) o` throws
// TypeException). Apex Developer Guide, "Understanding Rules of Conversion" and "Classes and Casting".
// Where a declaration is not visible from the AST alone (inherited fields, most library methods)
// the operand is left untyped and the cast keeps its lenient numeric conversion.
import type * as A from '../ast.ts';

type Scope = Map<string, A.TypeRef>;

const OBJECT: A.TypeRef = { name: 'Object', args: [] };

/** Annotates every cast in a class (inner classes included) with its operand's declared type. */
function annotateClass(decl: A.ClassDecl, outer: Scope[] = []): void {
  const members: Scope = new Map();
  for (const m of decl.members) {
    if (m.kind === 'field' || m.kind === 'property') members.set(m.name.toLowerCase(), m.type);
  }
  const scopes = [...outer, members];
  for (const m of decl.members) {
    switch (m.kind) {
      case 'field':
        if (m.init) expr(m.init, scopes);
        break;
      case 'property':
        if (m.getter && m.getter !== 'auto') block(m.getter, scopes);
        if (m.setter && m.setter !== 'auto') block(m.setter, [...scopes, new Map([['value', m.type]])]);
        break;
      case 'method':
      case 'constructor':
        if (m.body) block(m.body, [...scopes, params(m.params)]);
        break;
      case 'initializer':
        block(m.body, scopes);
        break;
      default:
        annotateClass(m, scopes);
    }
  }
}

function annotateBlock(body: A.Block): void {
  block(body, []);
}

function params(list: A.Param[]): Scope {
  return new Map(list.map((p) => [p.name.toLowerCase(), p.type]));
}

function block(b: A.Block, scopes: Scope[]): void {
  const inner = [...scopes, new Map()];
  for (const s of b.statements) stmt(s, inner);
}

function declare(scopes: Scope[], name: string, type: A.TypeRef): void {
  (scopes[scopes.length - 1] as Scope).set(name.toLowerCase(), type);
}

function stmt(s: A.Stmt, scopes: Scope[]): void {
  switch (s.kind) {
    case 'block':
      return block(s, scopes);
    case 'local':
      for (const v of s.vars) {
        if (v.init) expr(v.init, scopes);
        declare(scopes, v.name, s.type);
      }
      return;
    case 'expr':
    case 'throw':
      return expr(s.kind === 'expr' ? s.expr : s.value, scopes);
    case 'return':
      if (s.value) expr(s.value, scopes);
      return;
    case 'if':
      expr(s.cond, scopes);
      stmt(s.then, [...scopes, new Map()]);
      if (s.else) stmt(s.else, [...scopes, new Map()]);
      return;
    case 'for': {
      const loop = [...scopes, new Map()];
      if (Array.isArray(s.init)) s.init.forEach((e) => expr(e, loop));
      else if (s.init) stmt(s.init, loop);
      if (s.cond) expr(s.cond, loop);
      s.update.forEach((e) => expr(e, loop));
      return stmt(s.body, loop);
    }
    case 'foreach':
      expr(s.iterable, scopes);
      return stmt(s.body, [...scopes, new Map([[s.varName.toLowerCase(), s.varType]])]);
    case 'while':
    case 'dowhile':
      expr(s.cond, scopes);
      return stmt(s.body, [...scopes, new Map()]);
    case 'try':
      block(s.body, scopes);
      for (const c of s.catches) block(c.body, [...scopes, new Map([[c.name.toLowerCase(), c.type]])]);
      if (s.finallyBody) block(s.finallyBody, scopes);
      return;
    case 'dml':
      expr(s.target, scopes);
      if (s.mergeSource) expr(s.mergeSource, scopes);
      return;
    case 'switch':
      expr(s.subject, scopes);
      for (const w of s.whens) {
        if (w.kind === 'values') w.values.forEach((v) => expr(v, scopes));
        const own: Scope = w.kind === 'type' ? new Map([[w.varName.toLowerCase(), w.type]]) : new Map();
        block(w.body, [...scopes, own]);
      }
      return;
    case 'runas':
      expr(s.user, scopes);
      return block(s.body, scopes);
    case 'break':
    case 'continue':
    case 'unsupported':
      return;
  }
}

function expr(e: A.Expr, scopes: Scope[]): void {
  switch (e.kind) {
    case 'cast':
      expr(e.operand, scopes);
      e.operandType = staticType(e.operand, scopes);
      return;
    case 'dot':
      return expr(e.target, scopes);
    case 'call':
      if (e.target) expr(e.target, scopes);
      return e.args.forEach((a) => expr(a, scopes));
    case 'new':
      e.args.forEach((a) => expr(a, scopes));
      e.fieldInits?.forEach((f) => expr(f.value, scopes));
      e.elements?.forEach((x) => expr(x, scopes));
      e.entries?.forEach((x) => (expr(x.key, scopes), expr(x.value, scopes)));
      if (e.arraySize) expr(e.arraySize, scopes);
      return;
    case 'index':
      expr(e.target, scopes);
      return expr(e.index, scopes);
    case 'unary':
    case 'instanceof':
      return expr(e.operand, scopes);
    case 'binary':
      expr(e.left, scopes);
      return expr(e.right, scopes);
    case 'assign':
      expr(e.target, scopes);
      return expr(e.value, scopes);
    case 'ternary':
      expr(e.cond, scopes);
      expr(e.then, scopes);
      return expr(e.else, scopes);
    default:
      // Inline SOQL is opaque here (its binds stay untyped: their casts keep the lenient conversion).
      return;
  }
}

function lookup(scopes: Scope[], name: string): A.TypeRef | undefined {
  const key = name.toLowerCase();
  for (let i = scopes.length - 1; i >= 0; i--) {
    const found = (scopes[i] as Scope).get(key);
    if (found) return found;
  }
  return undefined;
}

const LITERAL_TYPES: Record<string, string> = {
  integer: 'Integer',
  long: 'Long',
  decimal: 'Decimal',
  double: 'Double',
  string: 'String',
  boolean: 'Boolean',
};

/** The operand's declared type when the AST shows it; undefined when it cannot be told here. */
function staticType(e: A.Expr, scopes: Scope[]): A.TypeRef | undefined {
  switch (e.kind) {
    case 'literal': {
      const name = LITERAL_TYPES[e.value.type];
      return name ? { name, args: [] } : undefined;
    }
    case 'name':
      return lookup(scopes, e.name);
    case 'cast':
      return e.type;
    case 'index': {
      const target = staticType(e.target, scopes);
      return target && /^list$/i.test(target.name) ? target.args[0] : undefined;
    }
    case 'call':
      return callType(e, scopes);
    default:
      return undefined;
  }
}

/** `record.get('F')` is Object whatever the field (SObject.get); `map.get(k)` and `list.get(i)` their element type. */
function callType(e: A.CallExpr, scopes: Scope[]): A.TypeRef | undefined {
  if (!e.target) return undefined;
  const method = e.name.toLowerCase();
  if (e.target.kind === 'name' && /^json$/i.test(e.target.name) && method === 'deserializeuntyped') return OBJECT;
  if (method !== 'get' || e.args.length !== 1) return undefined;
  const target = staticType(e.target, scopes);
  const name = target?.name.toLowerCase();
  if (name === 'map') return target?.args[1];
  if (name === 'list') return target?.args[0];
  return target && isRecordType(target.name) ? OBJECT : undefined;
}

/** Types whose one-argument `get` returns Object: sObjects (generic or concrete) and AggregateResult. */
let isRecordType: (name: string) => boolean = () => false;

/** Annotates the casts of the project's classes and triggers (and anonymous blocks) against its schema. */
export function annotateUnits(
  units: { classes: A.ClassDecl[]; blocks: A.Block[] },
  isSObject: (name: string) => boolean,
): void {
  isRecordType = (name) => /^(sobject|aggregateresult)$/i.test(name) || isSObject(name);
  units.classes.forEach((c) => annotateClass(c));
  units.blocks.forEach(annotateBlock);
}
