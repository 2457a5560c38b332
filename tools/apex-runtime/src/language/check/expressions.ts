// Expressions in the compile phase: each gets its static type (or `unknown`), and what the Apex
// compiler refuses with certainty is reported — a name that is no variable, field, type or namespace
// ("Variable does not exist"), a written type that does not exist ("Invalid type"), a call no method
// or constructor of a project class fits, instance members used from a static context, an assignment
// between incompatible types, a final field assigned outside its declaration, initializers and
// constructors. Casts are annotated with their operand's static type on the way (the interpreter
// checks a primitive cast from Object as the platform does).
import type * as A from '../ast.ts';
import type { ClassInfo } from '../classes.ts';
import {
  callText,
  commonReturn,
  constructorText,
  methodText,
  resolveOverload,
  returnType,
  type Callable,
} from './calls.ts';
import { lookupLocal, type Frame, type Sink, type Typed } from './frame.ts';
import { instanceReturn, staticReturn } from './library.ts';
import { isVisible } from './visibility.ts';
import { findNodes } from '../walk.ts';
import {
  closedChain,
  closedHierarchy,
  fieldOf,
  innerClass,
  memberTarget,
  methodsOf,
  resolveType,
  sobjectMember,
  typeTarget,
  type CheckEnv,
  type FieldRef,
  type TypeTarget,
} from './symbols.ts';
import {
  BOOLEAN,
  INTEGER,
  NULL,
  STRING,
  UNKNOWN,
  VOID,
  assignable,
  numericRank,
  prim,
  sameType,
  toTypeRef,
  typeText,
  widerNumeric,
  type SType,
} from './types.ts';

const value = (type: SType, field?: FieldRef): Typed => ({ kind: 'value', type, field });
const OBJECT_METHODS = /^(equals|hashcode|tostring)$/i;
const COMPARISONS = new Set(['==', '!=', '<>', '===', '!==', '<', '>', '<=', '>=', '&&', '||']);

export class ExpressionChecker {
  protected readonly env: CheckEnv;
  protected readonly sink: Sink;

  constructor(env: CheckEnv, sink: Sink) {
    this.env = env;
    this.sink = sink;
  }

  /** A written type, with "Invalid type" for every name in it that is no type. */
  typeOf(ref: A.TypeRef, f: Frame, line: number): SType {
    const { type, invalid } = resolveType(this.env, ref, f.cls);
    for (const name of invalid) this.sink.report(f, line, `Invalid type: ${name}`);
    for (const cls of innerClassesIn(type))
      if (cls.decl && cls.outer && !isVisible(cls.outer, cls.decl, f.cls))
        this.sink.report(f, line, `Type is not visible: ${cls.displayName}`);
    return type;
  }

  /** The static type of an expression used as a value. */
  value(e: A.Expr, f: Frame): SType {
    const typed = this.expr(e, f);
    return typed.kind === 'value' ? typed.type : UNKNOWN;
  }

  expr(e: A.Expr, f: Frame): Typed {
    switch (e.kind) {
      case 'literal':
        return value(literalType(e.value));
      case 'name':
        return this.name(e.name, f, e.line);
      case 'dot':
        return this.dot(e, f);
      case 'call':
        return value(this.call(e, f));
      case 'new':
        return value(this.construct(e, f));
      case 'index':
        return value(this.index(e, f));
      case 'unary':
        return value(this.unary(e, f));
      case 'binary':
        return value(this.binary(e, f));
      case 'assign':
        return value(this.assign(e, f));
      case 'ternary':
        return value(this.ternary(e, f));
      case 'instanceof':
        this.value(e.operand, f);
        this.typeOf(e.type, f, e.line);
        return value(BOOLEAN);
      case 'cast':
        return value(this.cast(e, f));
      case 'this':
        return value(this.self(f, e.line));
      case 'super':
        return value(f.cls?.superclass ? { kind: 'class', cls: f.cls.superclass } : UNKNOWN);
      case 'classref':
        this.typeOf(e.type, f, e.line);
        return value({ kind: 'standard', name: 'System.Type' });
      case 'soql':
      case 'sosl':
        // The query's own fields are checked by the SOQL module when it runs; its binds are Apex expressions.
        for (const bind of bindsOf(e)) this.value(bind, f);
        return value(UNKNOWN);
    }
  }

  // ---- names ----

  /** A bare name: a local, the property's backing field, a field, an outer static, a type or a namespace. */
  private name(name: string, f: Frame, line: number): Typed {
    const local = lookupLocal(f, name);
    if (local) return value(local);
    if (f.lenient) return value(UNKNOWN);
    if (f.property && f.property.name.toLowerCase() === name.toLowerCase())
      return value(resolveType(this.env, f.property.type, f.cls).type);
    const member = f.cls ? this.memberField(f.cls, name, f, line) : undefined;
    if (member) return member;
    const target = typeTarget(this.env, name, f.cls);
    if (target) return { kind: 'type', target };
    if (!name.includes('__')) this.sink.report(f, line, `Variable does not exist: ${name}`);
    return value(UNKNOWN);
  }

  /** A field of the class (or its superclasses), else a static field of an outer class. */
  private memberField(cls: ClassInfo, name: string, f: Frame, line: number): Typed | undefined {
    const own = fieldOf(cls, name);
    if (own) {
      this.checkVisibleField(own, f, line);
      if (f.isStatic && !own.decl.modifiers.has('static'))
        this.sink.report(f, line, `Non static field cannot be referenced from a static context: ${own.decl.name}`);
      return value(this.fieldType(own), own);
    }
    for (let outer = cls.outer; outer; outer = outer.outer) {
      const field = fieldOf(outer, name);
      // An outer class's instance fields are not reachable from an inner class: left unknown.
      if (field) return field.decl.modifiers.has('static') ? value(this.fieldType(field), field) : value(UNKNOWN);
    }
    return undefined;
  }

  /** "Variable is not visible: x" for a field or property the code may not use (visibility.ts). */
  private checkVisibleField(field: FieldRef, f: Frame, line: number): void {
    if (!isVisible(field.owner, field.decl, f.cls))
      this.sink.report(f, line, `Variable is not visible: ${field.decl.name}`);
  }

  private fieldType(field: FieldRef): SType {
    return resolveType(this.env, field.decl.type, field.owner).type;
  }

  private self(f: Frame, line: number): SType {
    if (f.isStatic) this.sink.report(f, line, 'This cannot be referenced in a static context');
    return f.cls ? { kind: 'class', cls: f.cls } : UNKNOWN;
  }

  // ---- member access ----

  private dot(e: A.DotExpr, f: Frame): Typed {
    const owner = this.expr(e.target, f);
    if (owner.kind === 'type') return this.typeMember(owner.target, e.name, f, e.line);
    return this.valueMember(owner.type, e.name, f, e.line);
  }

  /** `Type.name`: an inner class, an enum value, a static field; under a namespace, a type. */
  private typeMember(target: TypeTarget, name: string, f: Frame, line: number): Typed {
    if (target.kind !== 'class') {
      const inner = memberTarget(this.env, target, name);
      return inner ? { kind: 'type', target: inner } : value(UNKNOWN);
    }
    const cls = target.cls;
    const inner = innerClass(cls, name);
    if (inner) return { kind: 'type', target: { kind: 'class', cls: inner } };
    if (cls.isEnum) {
      const known = (cls.decl?.enumValues ?? []).some((v) => v.toLowerCase() === name.toLowerCase());
      if (!known) this.sink.report(f, line, `Variable does not exist: ${name}`);
      return value(known ? { kind: 'class', cls } : UNKNOWN);
    }
    const field = fieldOf(cls, name);
    if (field) {
      this.checkVisibleField(field, f, line);
      if (!field.decl.modifiers.has('static'))
        this.sink.report(f, line, `Non static field cannot be referenced from a static context: ${field.decl.name}`);
      return value(this.fieldType(field), field);
    }
    if (cls.decl && closedChain(cls)) this.sink.report(f, line, `Variable does not exist: ${name}`);
    return value(UNKNOWN);
  }

  /** `value.name`: a field of a project class, a field or relationship of an SObject. */
  private valueMember(owner: SType, name: string, f: Frame, line: number): Typed {
    if (owner.kind === 'sobject' && owner.name) return value(sobjectMember(this.env, owner.name, name));
    if (owner.kind !== 'class' || !owner.cls.decl || owner.cls.isInterface || owner.cls.isEnum) return value(UNKNOWN);
    const field = fieldOf(owner.cls, name);
    if (field) {
      this.checkVisibleField(field, f, line);
      return value(this.fieldType(field), field);
    }
    if (closedChain(owner.cls)) this.sink.report(f, line, `Variable does not exist: ${name}`);
    return value(UNKNOWN);
  }

  private index(e: A.IndexExpr, f: Frame): SType {
    const target = this.value(e.target, f);
    this.value(e.index, f);
    return target.kind === 'list' ? target.element : UNKNOWN;
  }

  // ---- calls ----

  private call(e: A.CallExpr, f: Frame): SType {
    if (!e.target) {
      const args = e.args.map((a) => this.value(a, f));
      const name = e.name.toLowerCase();
      if (name === 'this' || name === 'super') return this.chain(name, args, f, e.line);
      return this.unqualifiedCall(e, args, f);
    }
    const owner = this.expr(e.target, f);
    const args = e.args.map((a) => this.value(a, f));
    if (owner.kind === 'type') return this.staticCall(owner.target, e, args, f);
    return this.instanceCall(owner.type, e, args, f);
  }

  /** `this(…)` / `super(…)` in a constructor: a constructor of the class or its superclass must fit. */
  private chain(name: string, args: SType[], f: Frame, line: number): SType {
    const target = name === 'this' ? f.cls : f.cls?.superclass;
    if (target) this.checkConstructor(target, args, f, line);
    return VOID;
  }

  /** `foo(…)`: a method of the class or its ancestors, else a static method of an outer class. */
  private unqualifiedCall(e: A.CallExpr, args: SType[], f: Frame): SType {
    const cls = f.cls;
    if (!cls || f.lenient) return UNKNOWN;
    const own = methodsOf(this.env, cls, e.name);
    const resolution = resolveOverload(this.env, own, args);
    if (resolution.kind === 'found') return this.invoked(resolution.target, f.isStatic, f, e);
    if (resolution.kind === 'unknown') return commonReturn(this.env, resolution.candidates);
    for (let outer = cls.outer; outer; outer = outer.outer) {
      const theirs = methodsOf(this.env, outer, e.name);
      if (theirs.length === 0) continue;
      const found = resolveOverload(this.env, theirs, args);
      if (found.kind === 'found' && found.target.decl.modifiers.has('static'))
        return returnType(this.env, found.target);
      return UNKNOWN;
    }
    // toString(), equals() and hashCode() of Object are every class's methods.
    if (OBJECT_METHODS.test(e.name)) return instanceReturn({ kind: 'class', cls }, e.name);
    this.missingMethod(cls, e.name, args, resolution.kind === 'ambiguous', f, e.line);
    return UNKNOWN;
  }

  /** `Type.foo(…)`: a static method of a project class, an enum's values()/valueOf(), a library method. */
  private staticCall(target: TypeTarget, e: A.CallExpr, args: SType[], f: Frame): SType {
    if (target.kind === 'standard' || target.kind === 'namespace') return staticReturn(target.name, e.name);
    if (target.kind !== 'class' || !target.cls.decl) return UNKNOWN;
    const cls = target.cls;
    if (cls.isEnum) return this.enumStatic(cls, e, args, f);
    const resolution = resolveOverload(this.env, methodsOf(this.env, cls, e.name), args);
    if (resolution.kind === 'found') return this.invoked(resolution.target, true, f, e);
    if (resolution.kind === 'unknown') return commonReturn(this.env, resolution.candidates);
    this.missingMethod(cls, e.name, args, resolution.kind === 'ambiguous', f, e.line);
    return UNKNOWN;
  }

  private enumStatic(cls: ClassInfo, e: A.CallExpr, args: SType[], f: Frame): SType {
    const name = e.name.toLowerCase();
    if (name === 'values' && args.length === 0) return { kind: 'list', element: { kind: 'class', cls } };
    if (name === 'valueof' && args.length === 1) return { kind: 'class', cls };
    this.sink.report(f, e.line, `Method does not exist or incorrect signature: ${callText(e.name, args, cls)}`);
    return UNKNOWN;
  }

  /** `value.foo(…)`: a method of a project class or interface; library methods by their known return types. */
  private instanceCall(owner: SType, e: A.CallExpr, args: SType[], f: Frame): SType {
    if (owner.kind !== 'class' || !owner.cls.decl || owner.cls.isEnum) return instanceReturn(owner, e.name);
    const cls = owner.cls;
    const resolution = resolveOverload(this.env, methodsOf(this.env, cls, e.name), args);
    if (resolution.kind === 'found') return this.invoked(resolution.target, false, f, e);
    if (resolution.kind === 'unknown') return commonReturn(this.env, resolution.candidates);
    const builtin = instanceReturn(owner, e.name);
    if (builtin.kind !== 'unknown' || OBJECT_METHODS.test(e.name)) return builtin;
    this.missingMethod(cls, e.name, args, resolution.kind === 'ambiguous', f, e.line);
    return UNKNOWN;
  }

  /**
   * The method a call resolved to, recorded on the call for the interpreter; an instance method called
   * without an instance is refused.
   */
  private invoked(target: Callable, fromStatic: boolean, f: Frame, e: A.CallExpr): SType {
    const decl = target.decl as A.MethodDecl;
    e.overload = decl.params.map((p) => p.type);
    if (!isVisible(target.owner, decl, f.cls))
      this.sink.report(f, e.line, `Method is not visible: ${methodText(this.env, decl, target.owner)}`);
    if (fromStatic && !decl.modifiers.has('static'))
      this.sink.report(
        f,
        e.line,
        `Non static method cannot be referenced from a static context: ${methodText(this.env, decl, target.owner)}`,
      );
    return returnType(this.env, target);
  }

  /** No overload fits: reported when every method the class can have is in the project. */
  private missingMethod(cls: ClassInfo, name: string, args: SType[], ambiguous: boolean, f: Frame, line: number): void {
    if (ambiguous) {
      this.sink.report(f, line, `Ambiguous method signature: void ${name}(${args.map(typeText).join(', ')})`);
      return;
    }
    if (!methodsKnown(cls)) return;
    this.sink.report(f, line, `Method does not exist or incorrect signature: ${callText(name, args, cls)}`);
  }

  // ---- construction ----

  private construct(e: A.NewExpr, f: Frame): SType {
    const type = this.typeOf(e.type, f, e.line);
    const args = e.fieldInits ? [] : e.args.map((a) => this.value(a, f));
    for (const init of e.fieldInits ?? []) this.value(init.value, f);
    for (const element of e.elements ?? []) this.value(element, f);
    for (const entry of e.entries ?? []) {
      this.value(entry.key, f);
      this.value(entry.value, f);
    }
    if (e.arraySize) this.value(e.arraySize, f);
    if (type.kind === 'class') this.checkConstructible(type.cls, args, f, e.line);
    return type;
  }

  /** "Abstract and Virtual Classes", "Interfaces": neither is built with `new`. */
  private checkConstructible(cls: ClassInfo, args: SType[], f: Frame, line: number): void {
    if (cls.decl && cls.isInterface) this.sink.report(f, line, `Type cannot be constructed: ${cls.displayName}`);
    else if (cls.decl?.modifiers.has('abstract'))
      this.sink.report(f, line, `Abstract classes cannot be constructed: ${cls.displayName}`);
    else this.checkConstructor(cls, args, f, line);
  }

  /** A constructor of a project class must fit the arguments; a class without one has only `()`. */
  private checkConstructor(cls: ClassInfo, args: SType[], f: Frame, line: number): void {
    // Exceptions have the platform's constructors too; abstract classes and interfaces are not built here.
    if (!cls.decl || cls.isException || cls.isInterface || cls.isEnum || cls.decl.modifiers.has('abstract')) return;
    const constructors: Callable[] = cls.constructors.map((decl) => ({ owner: cls, decl }));
    const fits =
      constructors.length === 0 ? args.length === 0 : resolveOverload(this.env, constructors, args).kind !== 'none';
    if (!fits) this.sink.report(f, line, `Constructor not defined: ${constructorText(cls, args)}`);
  }

  // ---- operators ----

  private unary(e: A.UnaryExpr, f: Frame): SType {
    const operand = this.expr(e.operand, f);
    const type = operand.kind === 'value' ? operand.type : UNKNOWN;
    if (e.op === '!') return BOOLEAN;
    if (e.op.startsWith('++') || e.op.startsWith('--')) this.checkFinal(operand, f, e.line);
    return numericRank(type) !== undefined ? type : UNKNOWN;
  }

  private binary(e: A.BinaryExpr, f: Frame): SType {
    const left = this.value(e.left, f);
    const right = this.value(e.right, f);
    if (COMPARISONS.has(e.op)) return BOOLEAN;
    if (e.op === '??') return right.kind === 'null' || sameType(left, right) ? left : UNKNOWN;
    if (e.op === '+' && (isString(left) || isString(right))) return STRING;
    if (['+', '-', '*', '/'].includes(e.op)) return arithmetic(left, right);
    return UNKNOWN;
  }

  private ternary(e: A.TernaryExpr, f: Frame): SType {
    this.value(e.cond, f);
    const a = this.value(e.then, f);
    const b = this.value(e.else, f);
    if (sameType(a, b)) return a;
    if (a.kind === 'null') return b;
    return b.kind === 'null' ? a : UNKNOWN;
  }

  private assign(e: A.AssignExpr, f: Frame): SType {
    const target = this.expr(e.target, f);
    const source = this.value(e.value, f);
    this.checkFinal(target, f, e.line);
    const type = target.kind === 'value' ? target.type : UNKNOWN;
    if (e.op === '=') this.checkAssignable(source, type, f, e.line);
    return type;
  }

  /** "Illegal assignment from X to Y" when the types certainly do not convert. */
  checkAssignable(source: SType, target: SType, f: Frame, line: number, verb = 'assignment'): void {
    if (assignable(source, target) === 'no')
      this.sink.report(f, line, `Illegal ${verb} from ${typeText(source)} to ${typeText(target)}`);
  }

  /**
   * "Using the final Keyword": a final field is assigned where it is declared, in an initializer
   * block or in a constructor of its class (a final property, in its own accessors too).
   */
  private checkFinal(target: Typed, f: Frame, line: number): void {
    if (target.kind !== 'value' || !target.field || !target.field.decl.modifiers.has('final')) return;
    const { owner, decl } = target.field;
    const inOwnClass = f.cls === owner;
    const allowed =
      (inOwnClass && (f.member === 'constructor' || f.member === 'initializer' || f.member === 'field')) ||
      f.property === decl;
    if (!allowed)
      this.sink.report(
        f,
        line,
        `Final members can only be assigned in their declaration, init blocks, or constructors: ${decl.name}`,
      );
  }

  private cast(e: A.CastExpr, f: Frame): SType {
    const operand = this.value(e.operand, f);
    e.operandType = toTypeRef(operand);
    return this.typeOf(e.type, f, e.line);
  }
}

function literalType(literal: A.Literal): SType {
  switch (literal.type) {
    case 'null':
      return NULL;
    case 'boolean':
      return BOOLEAN;
    case 'integer':
      return INTEGER;
    case 'long':
      return prim('Long');
    case 'string':
      return STRING;
    case 'decimal':
      return prim(/[dD]$/.test(literal.text) ? 'Double' : 'Decimal');
  }
}

/** The inner classes a written type names, its type arguments' included (only they can be private). */
function innerClassesIn(type: SType): ClassInfo[] {
  switch (type.kind) {
    case 'class':
      return type.cls.outer ? [type.cls] : [];
    case 'list':
    case 'set':
      return innerClassesIn(type.element);
    case 'map':
      return [...innerClassesIn(type.key), ...innerClassesIn(type.value)];
    default:
      return [];
  }
}

const isString = (t: SType): boolean => t.kind === 'primitive' && t.name === 'String';

/** Numbers widen to the higher type; Date and Datetime move by a number of days. */
function arithmetic(left: SType, right: SType): SType {
  const numeric = widerNumeric(left, right);
  if (numeric.kind !== 'unknown') return numeric;
  const temporal = left.kind === 'primitive' && (left.name === 'Date' || left.name === 'Datetime');
  return temporal && numericRank(right) !== undefined ? left : UNKNOWN;
}

/**
 * Every method the class can have is declared in the project: its superclasses are project classes,
 * and it is concrete (so it declares its standard interfaces' methods itself) or all its interfaces
 * are the project's.
 */
function methodsKnown(cls: ClassInfo): boolean {
  if (!closedChain(cls)) return false;
  if (closedHierarchy(cls)) return true;
  return !cls.isInterface && !cls.decl?.modifiers.has('abstract');
}

/** The Apex expressions bound into an inline query (`:name`), wherever the query's tree holds them. */
function bindsOf(query: unknown): A.Expr[] {
  return findNodes((query as { query?: unknown }).query, (node) =>
    node.kind === 'bind' && node.expr && typeof node.expr === 'object' ? (node.expr as A.Expr) : undefined,
  );
}
