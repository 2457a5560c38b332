// Tree-walking evaluator for the runtime's AST. Statements return a completion (normal, break,
// continue, return); Apex exceptions travel as ApexThrow. Anything not modelled throws
// UnsupportedApexFeature so a test can never pass by accident.
import type * as A from '../language/ast.ts';
import { isSubclassOf, lookupClass, type ClassInfo } from '../language/classes.ts';
import { PlatformError, UnsupportedApexFeature } from '../language/errors.ts';
import {
  arithmetic,
  bitwise,
  compareApex,
  equalsApex,
  equalsExact,
  keyOf,
  mapKey,
  numericKind,
  stringOf,
  toDecimal,
  userEquality,
  toNumber,
} from './operators.ts';
import type { Host, InlineQuery } from './host.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDecimal,
  ApexDouble,
  ApexId,
  ApexList,
  ApexLong,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexTime,
  EnumValue,
  NativeObject,
  SObjectValue,
  type TypeName,
  type Value,
} from '../language/values.ts';
import type { SchemaObject } from '../../../../scripts/lib/schema.ts';

/** An Apex exception in flight. */
export class ApexThrow extends Error {
  readonly exception: ApexObject;

  constructor(exception: ApexObject) {
    super(String(exception.fields.get('message') ?? ''));
    this.exception = exception;
  }

  get uncatchable(): boolean {
    return this.exception.cls.key === 'system.limitexception';
  }
}

type Completion = undefined | 'break' | 'continue' | { ret: Value };

const MAX_STACK_DEPTH = 1000;

export interface Frame {
  scopes: Map<string, Value>[];
  self?: ApexObject;
  cls: ClassInfo;
  file: string;
  /** Inside a property accessor: the property's own name reads/writes its backing field. */
  backing?: string;
}

/** A block scope's final locals, each with whether it has been assigned. */
const FINAL_LOCALS = new WeakMap<Map<string, Value>, Map<string, boolean>>();

function finalLocalsOf(scope: Map<string, Value>): Map<string, boolean> {
  let finals = FINAL_LOCALS.get(scope);
  if (!finals) FINAL_LOCALS.set(scope, (finals = new Map()));
  return finals;
}

/** What a name or dotted prefix resolves to before it is used. */
export type Ref =
  | { kind: 'value'; value: Value }
  | { kind: 'class'; cls: ClassInfo }
  | { kind: 'native'; name: string }
  | { kind: 'sobjectType'; object: SchemaObject };

const PRIMITIVES = new Set([
  'string',
  'integer',
  'long',
  'decimal',
  'double',
  'boolean',
  'id',
  'date',
  'datetime',
  'time',
  'blob',
  'object',
]);

export class Interpreter {
  /** The org the code runs in: DML, queries, SObject fields, the clock (host.ts). */
  readonly rt: Host;
  /** Static fields per class, created on first use of the class. */
  statics = new Map<ClassInfo, Map<string, Value>>();
  /** Frames with a block running now (a frame once per nested block): the heap estimate's roots. */
  readonly liveFrames: Frame[] = [];
  private currentLine = 0;
  private currentFile = '';
  readonly stack: string[] = [];
  /**
   * The running methods as the platform names them in a stack trace (`Class.Outer.Inner.method`,
   * `Class.Foo.<init>`), each with the caller's line it was called from.
   */
  private readonly apexFrames: { name: string; callLine: number }[] = [];
  /** Each exception's trace in the platform's format, taken where it was created (`apexTrace`). */
  private readonly traces = new WeakMap<ApexObject, string>();

  constructor(rt: Host) {
    this.rt = rt;
    const declares = (v: ApexObject, name: string, params: number): boolean =>
      findMethods(v.cls, name).some((m) => m.decl.body && m.decl.params.length === params);
    userEquality.hook = {
      declaresEquals: (v) => declares(v, 'equals', 1),
      declaresHashCode: (v) => declares(v, 'hashcode', 0),
      equals: (a, b) => this.invokeMethod(a.cls, a, 'equals', [b], this.currentLine, true) === true,
      hashCode: (v) => Number(this.invokeMethod(v.cls, v, 'hashCode', [], this.currentLine, true)),
    };
  }

  unsupported(construct: string, line = this.currentLine): never {
    throw new UnsupportedApexFeature(construct, this.currentFile, line);
  }

  /** Raises a platform exception of the given type as an Apex exception. */
  raise(type: string, message: string): never {
    throw this.toApexThrow(new PlatformError(type, message));
  }

  toApexThrow(error: PlatformError): ApexThrow {
    const cls = lookupClass(this.rt.classes, error.apexType) ?? (this.rt.classes.get('exception') as ClassInfo);
    return new ApexThrow(this.newException(cls, error.message));
  }

  newException(cls: ClassInfo, message: string | null, cause: Value = null): ApexObject {
    const ex = new ApexObject(cls);
    ex.fields.set('message', message);
    ex.fields.set('cause', cause);
    ex.fields.set('$line', this.currentLine);
    ex.fields.set(
      '$stack',
      [...this.stack, `${this.currentFile}: line ${this.currentLine}`].filter(Boolean).reverse().join('\n'),
    );
    this.traces.set(ex, this.apexFrameLines());
    return ex;
  }

  /**
   * Where an exception was created, innermost first, in the platform's words (`Class.Foo.bar: line
   * 12, column 1`). The runtime keeps no columns: every frame says column 1.
   */
  apexTrace(ex: ApexObject): string {
    return this.traces.get(ex) ?? '';
  }

  /**
   * Runs code that is no method (a trigger body) as a stack frame of its own (`Trigger.Name`); the
   * caller's line and file are back afterwards, as after a method call.
   */
  inFrame<T>(name: string, body: () => T): T {
    this.apexFrames.push({ name, callLine: this.currentLine });
    const savedLine = this.currentLine;
    const savedFile = this.currentFile;
    try {
      return body();
    } finally {
      this.apexFrames.pop();
      this.currentLine = savedLine;
      this.currentFile = savedFile;
    }
  }

  private apexFrameLines(): string {
    const lines: string[] = [];
    let line = this.currentLine;
    for (let k = this.apexFrames.length - 1; k >= 0; k--) {
      const frame = this.apexFrames[k] as { name: string; callLine: number };
      lines.push(`${frame.name}: line ${line}, column 1`);
      line = frame.callLine;
    }
    return lines.join('\n');
  }

  // ---- statements ----

  execBlock(block: A.Block, frame: Frame): Completion {
    frame.scopes.push(new Map());
    this.liveFrames.push(frame);
    try {
      for (const stmt of block.statements) {
        const completion = this.exec(stmt, frame);
        if (completion !== undefined) return this.endOfBlock(completion);
      }
      return this.endOfBlock(undefined);
    } finally {
      frame.scopes.pop();
      this.liveFrames.pop();
    }
  }

  /** The outermost block of a transaction's code ends: what it leaves live is weighed once more. */
  private endOfBlock(completion: Completion): Completion {
    if (this.liveFrames.length === 1) this.rt.measureHeap();
    return completion;
  }

  private mark(node: A.Node, frame: Frame): void {
    this.currentLine = node.line;
    this.currentFile = frame.file;
    this.rt.countStatement(frame.file, node.line);
  }

  exec(stmt: A.Stmt, frame: Frame): Completion {
    if (stmt.kind !== 'block') this.mark(stmt, frame);
    switch (stmt.kind) {
      case 'block':
        return this.execBlock(stmt, frame);
      case 'local':
        for (const v of stmt.vars) {
          const value = v.init ? this.coerce(this.eval(v.init, frame), stmt.type) : null;
          const scope = frame.scopes[frame.scopes.length - 1] as Map<string, Value>;
          scope.set(v.name.toLowerCase(), value);
          if (stmt.isFinal) finalLocalsOf(scope).set(v.name.toLowerCase(), v.init !== undefined);
        }
        return undefined;
      case 'expr':
        this.eval(stmt.expr, frame);
        return undefined;
      case 'if':
        if (this.truthy(this.eval(stmt.cond, frame))) return this.exec(stmt.then, frame);
        return stmt.else ? this.exec(stmt.else, frame) : undefined;
      case 'for':
        return this.execFor(stmt, frame);
      case 'foreach':
        return this.execForEach(stmt, frame);
      case 'while':
      case 'dowhile':
        return this.execWhile(stmt, frame);
      case 'try':
        return this.execTry(stmt, frame);
      case 'return':
        return { ret: stmt.value ? this.eval(stmt.value, frame) : null };
      case 'throw': {
        const value = this.eval(stmt.value, frame);
        if (!(value instanceof ApexObject) || !value.cls.isException)
          this.raise('System.NullPointerException', 'Attempt to de-reference a null object');
        throw new ApexThrow(value);
      }
      case 'break':
      case 'continue':
        return stmt.kind;
      case 'dml':
        this.rt.dmlStatement(stmt.operation, this.eval(stmt.target, frame), stmt.accessLevel, stmt.externalId);
        return undefined;
      case 'switch':
        return this.execSwitch(stmt, frame);
      case 'runas':
        return this.rt.runAs(this.eval(stmt.user, frame), () => this.execBlock(stmt.body, frame));
      case 'unsupported':
        throw stmt.error;
    }
  }

  private execFor(stmt: A.ForStmt, frame: Frame): Completion {
    frame.scopes.push(new Map());
    try {
      if (stmt.init && !Array.isArray(stmt.init)) this.exec(stmt.init, frame);
      else for (const e of stmt.init ?? []) this.eval(e, frame);
      while (!stmt.cond || this.truthy(this.eval(stmt.cond, frame))) {
        const c = this.exec(stmt.body, frame);
        if (c === 'break') break;
        if (c !== undefined && c !== 'continue') return c;
        for (const e of stmt.update) this.eval(e, frame);
      }
      return undefined;
    } finally {
      frame.scopes.pop();
    }
  }

  private execForEach(stmt: A.ForEachStmt, frame: Frame): Completion {
    const iterable = this.eval(stmt.iterable, frame);
    if (iterable === null) this.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    let items: Value[];
    if (iterable instanceof ApexList) items = [...iterable.items];
    else if (iterable instanceof ApexSet) items = [...iterable.entries.values()];
    else return this.unsupported('for loop over a non-collection');
    const name = stmt.varName.toLowerCase();
    iterable.iterating++;
    try {
      for (const item of items) {
        frame.scopes.push(new Map([[name, item]]));
        let c: Completion;
        try {
          c = this.exec(stmt.body, frame);
        } finally {
          frame.scopes.pop();
        }
        if (c === 'break') break;
        if (c !== undefined && c !== 'continue') return c;
      }
    } finally {
      iterable.iterating--;
    }
    return undefined;
  }

  private execWhile(stmt: A.WhileStmt, frame: Frame): Completion {
    let first = stmt.kind === 'dowhile';
    while (first || this.truthy(this.eval(stmt.cond, frame))) {
      first = false;
      const c = this.exec(stmt.body, frame);
      if (c === 'break') break;
      if (c !== undefined && c !== 'continue') return c;
    }
    return undefined;
  }

  private execTry(stmt: A.TryStmt, frame: Frame): Completion {
    let completion: Completion;
    try {
      completion = this.execBlock(stmt.body, frame);
    } catch (error) {
      const thrown = error instanceof PlatformError ? this.toApexThrow(error) : error;
      if (!(thrown instanceof ApexThrow) || thrown.uncatchable) throw thrown;
      const handler = stmt.catches.find((c) => this.catches(c.type, thrown.exception, frame));
      if (!handler) {
        if (stmt.finallyBody) this.runFinally(stmt.finallyBody, frame);
        throw thrown;
      }
      frame.scopes.push(new Map([[handler.name.toLowerCase(), thrown.exception]]));
      try {
        completion = this.execBlock(handler.body, frame);
      } catch (inner) {
        frame.scopes.pop();
        if (stmt.finallyBody) this.runFinally(stmt.finallyBody, frame);
        throw inner;
      }
      frame.scopes.pop();
    }
    if (stmt.finallyBody) {
      const override = this.runFinally(stmt.finallyBody, frame);
      if (override !== undefined) return override;
    }
    return completion;
  }

  private runFinally(body: A.Block, frame: Frame): Completion {
    return this.execBlock(body, frame);
  }

  private catches(type: A.TypeRef, exception: ApexObject, frame: Frame): boolean {
    const cls = lookupClass(this.rt.classes, type.name, frame.cls);
    if (!cls) return this.unsupported(`catch of unknown type ${type.name}`);
    return isSubclassOf(exception.cls, cls);
  }

  private execSwitch(stmt: A.SwitchStmt, frame: Frame): Completion {
    const subject = this.eval(stmt.subject, frame);
    for (const when of stmt.whens) {
      if (when.kind === 'else') return this.execBlock(when.body, frame);
      if (when.kind === 'type') {
        if (subject !== null && this.isInstance(subject, when.type, frame.cls)) {
          frame.scopes.push(new Map([[when.varName.toLowerCase(), subject]]));
          try {
            return this.execBlock(when.body, frame);
          } finally {
            frame.scopes.pop();
          }
        }
        continue;
      }
      for (const valueExpr of when.values) {
        const candidate =
          subject instanceof EnumValue && valueExpr.kind === 'name' ? valueExpr.name : this.eval(valueExpr, frame);
        const matches =
          subject instanceof EnumValue && typeof candidate === 'string'
            ? subject.name.toLowerCase() === candidate.toLowerCase().split('.').pop()
            : typeof subject === 'string' && typeof candidate === 'string'
              ? subject === candidate
              : equalsExact(subject, candidate as Value);
        if (matches) return this.execBlock(when.body, frame);
      }
    }
    return undefined;
  }

  truthy(value: Value): boolean {
    if (typeof value !== 'boolean') {
      if (value === null) this.raise('System.NullPointerException', 'Attempt to de-reference a null object');
      return this.unsupported('non-Boolean condition');
    }
    return value;
  }

  // ---- expressions ----

  eval(expr: A.Expr, frame: Frame): Value {
    switch (expr.kind) {
      case 'literal':
        return literalValue(expr.value);
      case 'name':
      case 'dot': {
        const ref = this.resolve(expr, frame);
        if (ref.kind !== 'value') return this.unsupported(`type name used as a value (${describeRef(ref)})`, expr.line);
        return ref.value;
      }
      case 'call':
        return this.call(expr, frame);
      case 'new':
        return this.construct(expr, frame);
      case 'index':
        return this.index(this.eval(expr.target, frame), this.eval(expr.index, frame));
      case 'unary':
        return this.unary(expr, frame);
      case 'binary':
        return this.binary(expr, frame);
      case 'assign':
        return this.assign(expr, frame);
      case 'ternary':
        return this.truthy(this.eval(expr.cond, frame)) ? this.eval(expr.then, frame) : this.eval(expr.else, frame);
      case 'instanceof': {
        const value = this.eval(expr.operand, frame);
        return value !== null && this.isInstance(value, expr.type, frame.cls);
      }
      case 'cast':
        return this.cast(this.eval(expr.operand, frame), expr.type, frame.cls, expr.operandType);
      case 'this':
        if (!frame.self) return this.unsupported('this in a static context', expr.line);
        return frame.self;
      case 'classref':
        return new NativeObject('System.Type', { name: expr.type.name, typeRef: expr.type });
      case 'soql':
        return this.rt.inlineSoql(expr as unknown as InlineQuery, (e) => this.eval(e, frame));
      case 'sosl':
        return this.rt.inlineSosl(expr as unknown as InlineQuery, (e) => this.eval(e, frame));
      case 'super':
        return this.unsupported('super used as a value', expr.line);
    }
  }

  private unary(expr: A.UnaryExpr, frame: Frame): Value {
    if (expr.op === '!') return !this.truthy(this.eval(expr.operand, frame));
    if (expr.op === '-' || expr.op === '+') {
      const v = this.eval(expr.operand, frame);
      return expr.op === '-' ? arithmetic('-', zeroLike(v), v) : v;
    }
    if (expr.op === '~') return bitwise('^', this.eval(expr.operand, frame), -1);
    const before = this.eval(expr.operand, frame);
    const after = arithmetic(expr.op.startsWith('++') ? '+' : '-', before, 1);
    this.store(expr.operand, after, frame);
    return expr.op.endsWith('pre') ? after : before;
  }

  private binary(expr: A.BinaryExpr, frame: Frame): Value {
    const op = expr.op;
    if (op === '&&') return this.truthy(this.eval(expr.left, frame)) && this.truthy(this.eval(expr.right, frame));
    if (op === '||') return this.truthy(this.eval(expr.left, frame)) || this.truthy(this.eval(expr.right, frame));
    if (op === '??') {
      const left = this.eval(expr.left, frame);
      return left !== null ? left : this.eval(expr.right, frame);
    }
    const a = this.eval(expr.left, frame);
    const b = this.eval(expr.right, frame);
    return this.operate(op, a, b);
  }

  operate(op: string, a: Value, b: Value): Value {
    try {
      switch (op) {
        case '==':
          return equalsApex(a, b);
        case '!=':
        case '<>':
          return !equalsApex(a, b);
        case '===':
          return a === b || (isReferenceless(a) && equalsExact(a, b));
        case '!==':
          return !(a === b || (isReferenceless(a) && equalsExact(a, b)));
        case '<':
        case '>':
        case '<=':
        case '>=': {
          if (a === null || b === null) {
            // "Expression Operators": a non-null String or ID is always greater than a null one;
            // with a null number, Date or Datetime the comparison is false.
            const text = (v: Value): boolean => typeof v === 'string' || v instanceof ApexId;
            if (a === b || !(text(a) || text(b))) return false;
            const c = a === null ? -1 : 1;
            return op === '<' || op === '<=' ? c < 0 : c > 0;
          }
          const c = compareApex(a, b);
          return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
        }
        case '+':
        case '-':
        case '*':
        case '/':
          return arithmetic(op, a, b);
        default:
          return bitwise(op, a, b);
      }
    } catch (error) {
      if (error instanceof PlatformError) throw this.toApexThrow(error);
      if (error instanceof TypeError) return this.unsupported(`operator ${op} on ${typeLabel(a)} and ${typeLabel(b)}`);
      throw error;
    }
  }

  private assign(expr: A.AssignExpr, frame: Frame): Value {
    let value = this.eval(expr.value, frame);
    if (expr.op !== '=') value = this.operate(expr.op.slice(0, -1), this.eval(expr.target, frame), value);
    this.store(expr.target, value, frame);
    return value;
  }

  /**
   * "Using the final Keyword": a final variable is assigned a value only once. A final local assigned
   * again throws the FinalException an org raises for a final assigned twice.
   */
  private assignOnce(scope: Map<string, Value>, key: string): void {
    const finals = FINAL_LOCALS.get(scope);
    if (!finals?.has(key)) return;
    if (finals.get(key)) this.raise('System.FinalException', 'Final variable has already been initialized');
    finals.set(key, true);
  }

  /** Writes to a local, a field, a static, an SObject field or a list/map element. */
  store(target: A.Expr, value: Value, frame: Frame): void {
    if (target.kind === 'name') {
      const key = target.name.toLowerCase();
      for (let i = frame.scopes.length - 1; i >= 0; i--) {
        const scope = frame.scopes[i] as Map<string, Value>;
        if (scope.has(key)) {
          this.assignOnce(scope, key);
          scope.set(key, value);
          return;
        }
      }
      if (this.writeMember(frame, key, value)) return;
      return this.unsupported(`assignment to unknown variable ${target.name}`, target.line);
    }
    if (target.kind === 'dot') {
      const owner = this.resolve(target.target, frame);
      if (owner.kind === 'class') return this.setStatic(owner.cls, target.name, value);
      if (owner.kind === 'native') return this.rt.natives.writeStatic(this, owner.name, target.name, value);
      if (owner.kind !== 'value')
        return this.unsupported(`assignment to ${describeRef(owner)}.${target.name}`, target.line);
      const object = owner.value;
      if (object === null) this.raise('System.NullPointerException', 'Attempt to de-reference a null object');
      if (object instanceof SObjectValue) return this.rt.setField(object, target.name, value);
      if (object instanceof ApexObject) return this.setInstanceField(object, target.name, value);
      if (object instanceof NativeObject && object.typeName === 'AsyncOptions') {
        object.state[target.name.toLowerCase()] = value;
        return;
      }
      if (object instanceof NativeObject) return this.rt.natives.writeProperty(this, object, target.name, value);
      return this.unsupported(`field assignment on ${typeLabel(object)}`, target.line);
    }
    if (target.kind === 'index') {
      const collection = this.eval(target.target, frame);
      const index = this.eval(target.index, frame);
      if (collection instanceof ApexList) {
        const i = this.listIndex(collection, index);
        collection.items[i] = value;
        return;
      }
      if (collection instanceof ApexMap) {
        collection.entries.set(mapKey(collection, index), [index, value]);
        return;
      }
    }
    return this.unsupported(`assignment target ${target.kind}`, target.line);
  }

  private index(collection: Value, index: Value): Value {
    if (collection === null) this.raise('System.NullPointerException', 'Attempt to de-reference a null object');
    if (collection instanceof ApexList) return collection.items[this.listIndex(collection, index)] ?? null;
    if (collection instanceof ApexMap) return collection.entries.get(mapKey(collection, index))?.[1] ?? null;
    return this.unsupported(`indexing ${typeLabel(collection)}`);
  }

  private listIndex(list: ApexList, index: Value): number {
    if (typeof index !== 'number') return this.unsupported('non-Integer list index');
    if (index < 0 || index >= list.items.length) {
      this.raise('System.ListException', `List index out of bounds: ${index}`);
    }
    return index;
  }

  // ---- names ----

  /** Resolves a name or dotted expression to a value, a class, a native namespace or an SObject type. */
  resolve(expr: A.Expr, frame: Frame): Ref {
    if (expr.kind === 'name') return this.resolveName(expr.name, frame, expr.line);
    if (expr.kind !== 'dot') return { kind: 'value', value: this.eval(expr, frame) };
    const owner = this.resolve(expr.target, frame);
    const name = expr.name;
    switch (owner.kind) {
      case 'value': {
        const value = owner.value;
        if (value === null) {
          if (expr.safe) return { kind: 'value', value: null };
          this.raise('System.NullPointerException', 'Attempt to de-reference a null object');
        }
        return { kind: 'value', value: this.readProperty(value, name) };
      }
      case 'class': {
        // Apex Developer Guide, "Namespace, Class, and Variable Name Precedence": in `Outer.X` the
        // parser takes X as a static variable of the class first; only then as a type.
        const inner = owner.cls.inner.get(name.toLowerCase());
        if (inner && !findField(owner.cls, name.toLowerCase())) return { kind: 'class', cls: inner };
        if (owner.cls.isEnum) return { kind: 'value', value: this.enumValue(owner.cls, name) };
        return { kind: 'value', value: this.getStatic(owner.cls, name) };
      }
      case 'native':
        return this.rt.natives.resolveStatic(this, owner.name, name);
      case 'sobjectType':
        return { kind: 'value', value: this.rt.sobjectTypeMember(owner.object, name) };
    }
  }

  private resolveName(name: string, frame: Frame, line: number): Ref {
    const key = name.toLowerCase();
    for (let i = frame.scopes.length - 1; i >= 0; i--) {
      const scope = frame.scopes[i] as Map<string, Value>;
      if (scope.has(key)) return { kind: 'value', value: scope.get(key) as Value };
    }
    const member = this.readMember(frame, key);
    if (member !== undefined) return { kind: 'value', value: member };
    const cls = lookupClass(this.rt.classes, name, frame.cls);
    if (cls && (cls.decl || cls.isException)) return { kind: 'class', cls };
    const object = this.rt.schema.getObject(name);
    if (object) return { kind: 'sobjectType', object };
    if (this.rt.natives.isNamespace(key)) return { kind: 'native', name: key };
    return this.unsupported(`unknown name ${name}`, line);
  }

  /** A field or property of `this`, or a static of the current class, its outers or its ancestors. */
  private readMember(frame: Frame, key: string): Value | undefined {
    if (frame.backing === key && frame.self) return frame.self.fields.get(key) ?? null;
    if (frame.self) {
      const owner = findField(frame.self.cls, key);
      if (owner && !owner.decl.modifiers.has('static')) return this.getInstanceField(frame.self, key);
    }
    for (let scope: ClassInfo | undefined = frame.cls; scope; scope = scope.outer) {
      const owner = findField(scope, key);
      if (owner && owner.decl.modifiers.has('static')) return this.getStatic(owner.cls, key);
    }
    return undefined;
  }

  private writeMember(frame: Frame, key: string, value: Value): boolean {
    if (frame.backing === key && frame.self) {
      frame.self.fields.set(key, value);
      return true;
    }
    if (frame.self) {
      const owner = findField(frame.self.cls, key);
      if (owner && !owner.decl.modifiers.has('static')) {
        this.setInstanceField(frame.self, key, value);
        return true;
      }
    }
    for (let scope: ClassInfo | undefined = frame.cls; scope; scope = scope.outer) {
      const owner = findField(scope, key);
      if (owner && owner.decl.modifiers.has('static')) {
        this.setStatic(owner.cls, key, value);
        return true;
      }
    }
    return false;
  }

  enumValue(cls: ClassInfo, name: string): Value {
    const values = cls.decl?.enumValues ?? [];
    const ordinal = values.findIndex((v) => v.toLowerCase() === name.toLowerCase());
    if (ordinal < 0) return this.unsupported(`enum member ${cls.displayName}.${name}`);
    return new EnumValue(cls.displayName, values[ordinal] as string, ordinal);
  }

  enumValues(cls: ClassInfo): ApexList {
    return new ApexList(
      { name: cls.displayName, args: [] },
      (cls.decl?.enumValues ?? []).map((v, i) => new EnumValue(cls.displayName, v, i)),
    );
  }

  /** `value.name`: SObject field or relationship, object field/property, exception field, native property. */
  readProperty(value: Value, name: string): Value {
    if (value instanceof SObjectValue) return this.rt.getField(value, name);
    // `[SELECT Name FROM Account WHERE …].Name`: a query used as a single row.
    if (value instanceof ApexList && this.rt.schema.hasObject(value.elementType.name)) {
      return this.rt.getField(this.singleRow(value) as SObjectValue, name);
    }
    if (value instanceof ApexObject) {
      const owner = findField(value.cls, name.toLowerCase());
      if (owner?.decl.modifiers.has('static')) return this.getStatic(owner.cls, name);
      return this.getInstanceField(value, name);
    }
    return this.rt.natives.readProperty(this, value, name);
  }

  // ---- statics and instance fields ----

  private staticsOf(cls: ClassInfo): Map<string, Value> {
    let state = this.statics.get(cls);
    if (state) return state;
    state = new Map();
    this.statics.set(cls, state);
    if (cls.superclass) this.staticsOf(cls.superclass);
    const frame = this.staticFrame(cls);
    for (const member of cls.decl?.members ?? []) {
      if ((member.kind === 'field' || member.kind === 'property') && member.modifiers.has('static')) {
        const init =
          member.kind === 'field' && member.init ? this.coerce(this.eval(member.init, frame), member.type) : null;
        state.set(member.name.toLowerCase(), init);
      } else if (member.kind === 'initializer' && member.isStatic) {
        this.execBlock(member.body, frame);
      }
    }
    return state;
  }

  staticFrame(cls: ClassInfo): Frame {
    return { scopes: [new Map()], cls, file: cls.decl?.file ?? '' };
  }

  getStatic(cls: ClassInfo, name: string): Value {
    const key = name.toLowerCase();
    const owner = findField(cls, key);
    if (!owner) return this.unsupported(`unknown static ${cls.displayName}.${name}`);
    const decl = owner.decl;
    if (decl.kind === 'property' && decl.getter && decl.getter !== 'auto') {
      return this.runAccessor(decl.getter, owner.cls, undefined, key, new Map());
    }
    return this.staticsOf(owner.cls).get(key) ?? null;
  }

  setStatic(cls: ClassInfo, name: string, value: Value): void {
    const key = name.toLowerCase();
    const owner = findField(cls, key);
    if (!owner) return this.unsupported(`unknown static ${cls.displayName}.${name}`);
    const decl = owner.decl;
    const coerced = this.coerce(value, decl.type);
    if (decl.kind === 'property' && decl.setter && decl.setter !== 'auto') {
      this.runAccessor(decl.setter, owner.cls, undefined, key, new Map([['value', coerced]]));
      return;
    }
    if (decl.kind === 'field' && decl.modifiers.has('final') && this.staticsOf(owner.cls).has(key) && decl.init) {
      this.raise('System.FinalException', 'Final variable has already been initialized');
    }
    this.staticsOf(owner.cls).set(key, coerced);
  }

  getInstanceField(object: ApexObject, name: string): Value {
    const key = name.toLowerCase();
    if (object.cls.isException && !findField(object.cls, key)) return this.unsupported(`field ${name} of an exception`);
    const owner = findField(object.cls, key);
    if (owner?.decl.kind === 'property' && owner.decl.getter && owner.decl.getter !== 'auto') {
      return this.runAccessor(owner.decl.getter, owner.cls, object, key, new Map());
    }
    if (!owner) return this.unsupported(`unknown field ${object.cls.displayName}.${name}`);
    return object.fields.get(key) ?? null;
  }

  setInstanceField(object: ApexObject, name: string, value: Value): void {
    const key = name.toLowerCase();
    const owner = findField(object.cls, key);
    if (!owner) return this.unsupported(`unknown field ${object.cls.displayName}.${name}`);
    const coerced = this.coerce(value, owner.decl.type);
    if (owner.decl.kind === 'property' && owner.decl.setter && owner.decl.setter !== 'auto') {
      this.runAccessor(owner.decl.setter, owner.cls, object, key, new Map([['value', coerced]]));
      return;
    }
    object.fields.set(key, coerced);
  }

  private runAccessor(
    body: A.Block,
    cls: ClassInfo,
    self: ApexObject | undefined,
    backing: string,
    locals: Map<string, Value>,
  ): Value {
    const frame: Frame = { scopes: [locals], cls, self, file: cls.decl?.file ?? '', backing };
    const c = this.execBlock(body, frame);
    return typeof c === 'object' ? c.ret : null;
  }

  // ---- calls ----

  /** The frame of the Apex code calling a native method (dynamic SOQL binds resolve there). */
  private nativeCaller: Frame | undefined;

  callerFrame(): Frame {
    if (!this.nativeCaller) return this.unsupported('native call without an Apex caller');
    return this.nativeCaller;
  }

  get line(): number {
    return this.currentLine;
  }

  private call(expr: A.CallExpr, frame: Frame): Value {
    this.currentLine = expr.line;
    this.nativeCaller = frame;
    if (!expr.target) return this.callUnqualified(expr, frame);
    if (expr.target.kind === 'super') {
      const parent = frame.cls.superclass;
      if (!parent || !frame.self) return this.unsupported('super call outside an instance method', expr.line);
      return this.invokeMethod(
        parent,
        frame.self,
        expr.name,
        this.args(expr, frame),
        expr.line,
        false,
        false,
        expr.overload,
      );
    }
    const owner = this.resolve(expr.target, frame);
    const args = this.args(expr, frame);
    switch (owner.kind) {
      case 'class':
        if (owner.cls.isEnum && expr.name.toLowerCase() === 'values') return this.enumValues(owner.cls);
        return this.invokeMethod(owner.cls, undefined, expr.name, args, expr.line, false, false, expr.overload);
      case 'native':
        return this.rt.natives.callStatic(this, owner.name, expr.name, args, expr.line);
      case 'sobjectType':
        return this.rt.sobjectTypeCall(owner.object, expr.name, args);
      case 'value': {
        const target = owner.value;
        if (target === null) {
          if (expr.safe) return null;
          this.raise('System.NullPointerException', 'Attempt to de-reference a null object');
        }
        if (target instanceof ApexObject && !target.cls.isException) {
          return this.invokeMethod(target.cls, target, expr.name, args, expr.line, true, false, expr.overload);
        }
        if (target instanceof ApexObject) return this.exceptionMethod(target, expr.name, args);
        return this.rt.natives.callInstance(this, target, expr.name, args, expr.line);
      }
    }
  }

  private args(expr: A.CallExpr, frame: Frame): Value[] {
    return expr.args.map((a) => this.eval(a, frame));
  }

  private callUnqualified(expr: A.CallExpr, frame: Frame): Value {
    const args = this.args(expr, frame);
    const name = expr.name.toLowerCase();
    if (name === 'this' || name === 'super') {
      if (!frame.self) return this.unsupported(`${name}(...) outside a constructor`, expr.line);
      const cls = name === 'this' ? frame.cls : frame.cls.superclass;
      if (!cls) return this.unsupported('super() without a superclass', expr.line);
      this.runConstructor(cls, frame.self, args, expr.line);
      return null;
    }
    for (let scope: ClassInfo | undefined = frame.cls; scope; scope = scope.outer) {
      if (findMethods(scope, name).length > 0) {
        const self = scope === frame.cls ? frame.self : undefined;
        return this.invokeMethod(scope, self, expr.name, args, expr.line, self !== undefined, false, expr.overload);
      }
    }
    return this.unsupported(`unknown method ${expr.name}`, expr.line);
  }

  /** Calls a project method: virtual dispatch on the receiver's class, overloads by arity and argument types. */
  invokeMethod(
    cls: ClassInfo,
    self: ApexObject | undefined,
    name: string,
    args: Value[],
    line: number,
    virtual: boolean,
    runNow = false,
    overload?: A.TypeRef[],
  ): Value {
    const start = virtual && self ? self.cls : cls;
    const method = this.pickOverload(findMethods(start, name.toLowerCase()), args, start, overload);
    if (!method) return this.unsupported(`method ${cls.displayName}.${name} with ${args.length} argument(s)`, line);
    const owner = method.owner;
    const decl = method.decl;
    if (!runNow && decl.annotations.some((a) => a.name === 'future')) {
      try {
        this.rt.future(owner.key, decl.name, args);
      } catch (error) {
        throw error instanceof PlatformError ? this.toApexThrow(error) : error;
      }
      return null;
    }
    if (!decl.body) return this.unsupported(`call to abstract method ${owner.displayName}.${name}`, line);
    const isStatic = decl.modifiers.has('static');
    if (!isStatic && !self)
      return this.unsupported(`instance method ${owner.displayName}.${name} called statically`, line);
    const locals = new Map<string, Value>();
    decl.params.forEach((p, i) => locals.set(p.name.toLowerCase(), this.coerce(args[i] ?? null, p.type)));
    const frame: Frame = {
      scopes: [locals],
      cls: owner,
      self: isStatic ? undefined : self,
      file: owner.decl?.file ?? '',
    };
    // Apex Developer Guide, "Execution Governors and Limits": a call chain deeper than 1 000 methods
    // ends the transaction with "Maximum stack depth reached: 1001".
    if (this.stack.length >= MAX_STACK_DEPTH)
      this.raise('System.LimitException', `Maximum stack depth reached: ${MAX_STACK_DEPTH + 1}`);
    this.stack.push(this.currentFile ? `${this.currentFile}: line ${line}` : '');
    this.apexFrames.push({ name: `Class.${owner.displayName}.${decl.name}`, callLine: line });
    const savedLine = this.currentLine;
    const savedFile = this.currentFile;
    this.rt.enterMethod(owner, decl);
    try {
      const c = this.execBlock(decl.body, frame);
      const result = typeof c === 'object' ? c.ret : null;
      return decl.returnType === 'void' ? null : this.coerce(result, decl.returnType);
    } catch (error) {
      // Node's own stack is smaller than Apex's: say so where it ran out instead of crashing.
      if (error instanceof RangeError && error.message.includes('call stack'))
        throw new UnsupportedApexFeature(
          `a call chain ${this.stack.length} methods deep (the local runtime's stack ends before Apex's 1 000)`,
          this.currentFile,
          line,
        );
      throw error;
    } finally {
      this.rt.exitMethod();
      this.stack.pop();
      this.apexFrames.pop();
      this.currentLine = savedLine;
      this.currentFile = savedFile;
    }
  }

  /**
   * The overload to run: the one the compile phase chose by static types (Apex Developer Guide,
   * "Using Methods" / "Understanding Rules of Conversion": overloads are chosen at compile time), or,
   * where it could not tell, the first whose parameters the argument values fit.
   */
  private pickOverload(
    candidates: { decl: A.MethodDecl; owner: ClassInfo }[],
    args: Value[],
    context: ClassInfo,
    overload?: A.TypeRef[],
  ): { decl: A.MethodDecl; owner: ClassInfo } | undefined {
    const sameArity = candidates.filter((c) => c.decl.params.length === args.length);
    if (sameArity.length <= 1) return sameArity[0];
    const chosen = overload && sameArity.find((c) => c.decl.params.every((p, i) => sameTypeRef(p.type, overload[i])));
    if (chosen) return chosen;
    return (
      sameArity.find((c) =>
        c.decl.params.every((p, i) => args[i] === null || this.isInstance(args[i] as Value, p.type, context)),
      ) ?? sameArity[0]
    );
  }

  private exceptionMethod(ex: ApexObject, name: string, args: Value[]): Value {
    switch (name.toLowerCase()) {
      case 'getmessage':
        return ex.fields.get('message') ?? null;
      case 'gettypename':
        return ex.cls.displayName;
      case 'getcause':
        return ex.fields.get('cause') ?? null;
      case 'getlinenumber':
        return ex.fields.get('$line') ?? null;
      case 'getstacktracestring':
        return ex.fields.get('$stack') ?? '';
      case 'setmessage':
        ex.fields.set('message', args[0] ?? null);
        return null;
      case 'initcause':
        ex.fields.set('cause', args[0] ?? null);
        return null;
      default:
        return this.invokeMethod(ex.cls, ex, name, args, this.currentLine, true);
    }
  }

  // ---- object creation ----

  private construct(expr: A.NewExpr, frame: Frame): Value {
    const type = expr.type;
    const base = type.name.toLowerCase();
    if (base === 'list' || base === 'set' || base === 'map') return this.newCollection(expr, frame);
    const object = this.rt.schema.getObject(type.name);
    if (object && !lookupClass(this.rt.classes, type.name, frame.cls)?.decl) {
      const record = this.rt.newSObject(object);
      for (const init of expr.fieldInits ?? []) this.rt.setField(record, init.name, this.eval(init.value, frame));
      if (!expr.fieldInits && expr.args.length > 0)
        return this.unsupported(`new ${type.name}(...) with positional arguments`, expr.line);
      return record;
    }
    const cls = lookupClass(this.rt.classes, type.name, frame.cls);
    const args = expr.args.map((a) => this.eval(a, frame));
    if (cls) return this.instantiate(cls, args, expr.line);
    return this.rt.natives.construct(this, type, args, expr.line);
  }

  private newCollection(expr: A.NewExpr, frame: Frame): Value {
    const type = typeName(expr.type);
    const base = expr.type.name.toLowerCase();
    const [first, second] = type.args;
    if (!first) return this.unsupported(`raw ${expr.type.name} without type arguments`, expr.line);
    if (base === 'map') {
      const map = new ApexMap(first, second ?? { name: 'Object', args: [] });
      for (const e of expr.entries ?? []) {
        const k = this.eval(e.key, frame);
        map.entries.set(keyOf(k), [k, this.eval(e.value, frame)]);
      }
      const source = expr.args[0] ? this.eval(expr.args[0], frame) : null;
      if (source instanceof ApexMap) for (const [k, entry] of source.entries) map.entries.set(k, [...entry]);
      else if (source instanceof ApexList)
        for (const item of source.items)
          if (item instanceof SObjectValue)
            map.entries.set(keyOf(this.rt.getField(item, 'Id')), [this.rt.getField(item, 'Id'), item]);
      return map;
    }
    const items = (expr.elements ?? []).map((e) => this.coerce(this.eval(e, frame), expr.type.args[0] as A.TypeRef));
    const source = expr.args[0] ? this.eval(expr.args[0], frame) : null;
    if (source instanceof ApexList) items.push(...source.items);
    else if (source instanceof ApexSet) items.push(...source.entries.values());
    else if (typeof source === 'number' && base === 'list') {
      // new List<T>(capacity) is not Apex; `new T[n]` arrives as arraySize.
      return this.unsupported('List constructor with an Integer', expr.line);
    }
    if (expr.arraySize) {
      const size = this.eval(expr.arraySize, frame);
      if (typeof size !== 'number') return this.unsupported('array size', expr.line);
      for (let i = 0; i < size; i++) items.push(null);
    }
    if (base === 'list') return new ApexList(first, items);
    const set = new ApexSet(first);
    for (const item of items) set.entries.set(keyOf(item), item);
    return set;
  }

  /** `new Foo(args)`: field initializers along the hierarchy, instance initializers, then the constructor. */
  instantiate(cls: ClassInfo, args: Value[], line: number): ApexObject {
    if (cls.isException && !cls.decl) {
      const ex = this.newException(cls, null);
      this.initExceptionArgs(ex, args);
      return ex;
    }
    if (cls.isInterface || cls.decl?.modifiers.has('abstract'))
      return this.unsupported(`new on abstract ${cls.displayName}`, line);
    const object = cls.isException ? this.newException(cls, null) : new ApexObject(cls);
    this.runConstructor(cls, object, args, line);
    return object;
  }

  private initExceptionArgs(ex: ApexObject, args: Value[]): void {
    for (const arg of args) {
      if (typeof arg === 'string' || arg === null) ex.fields.set('message', arg);
      else if (arg instanceof ApexObject && arg.cls.isException) ex.fields.set('cause', arg);
    }
  }

  private runConstructor(cls: ClassInfo, object: ApexObject, args: Value[], line: number): void {
    if (!cls.decl) {
      if (cls.isException) this.initExceptionArgs(object, args);
      return;
    }
    const ctor = cls.constructors.find((c) => c.params.length === args.length);
    const explicitChain = ctor?.body.statements[0];
    const chainsToOther =
      explicitChain?.kind === 'expr' &&
      explicitChain.expr.kind === 'call' &&
      !explicitChain.expr.target &&
      ['this', 'super'].includes(explicitChain.expr.name.toLowerCase());
    if (!chainsToOther) {
      if (cls.superclass)
        this.runConstructor(
          cls.superclass,
          object,
          cls.isException && cls.superclass.decl === undefined ? args : [],
          line,
        );
      this.initInstanceFields(cls, object);
    } else if (explicitChain.expr.kind === 'call' && explicitChain.expr.name.toLowerCase() === 'super') {
      // super(...) runs the parent's chain; this class's fields are initialised right after it.
    }
    if (!ctor) {
      if (args.length > 0 && !cls.isException)
        this.unsupported(`constructor ${cls.displayName} with ${args.length} argument(s)`, line);
      if (cls.isException) this.initExceptionArgs(object, args);
      return;
    }
    const locals = new Map<string, Value>();
    ctor.params.forEach((p, i) => locals.set(p.name.toLowerCase(), this.coerce(args[i] ?? null, p.type)));
    const frame: Frame = { scopes: [locals], cls, self: object, file: cls.decl.file };
    this.stack.push(this.currentFile ? `${this.currentFile}: line ${line}` : '');
    this.apexFrames.push({ name: `Class.${cls.displayName}.<init>`, callLine: line });
    try {
      if (chainsToOther && explicitChain.expr.kind === 'call') {
        this.mark(explicitChain, frame);
        const chainArgs = explicitChain.expr.args.map((a) => this.eval(a, frame));
        const isSuper = explicitChain.expr.name.toLowerCase() === 'super';
        const target = isSuper ? cls.superclass : cls;
        if (!target) this.unsupported('super() without a superclass', line);
        this.runConstructor(target as ClassInfo, object, chainArgs, line);
        if (isSuper) this.initInstanceFields(cls, object);
        this.execBlock({ ...ctor.body, statements: ctor.body.statements.slice(1) }, frame);
      } else {
        this.execBlock(ctor.body, frame);
      }
    } finally {
      this.stack.pop();
      this.apexFrames.pop();
    }
  }

  private initInstanceFields(cls: ClassInfo, object: ApexObject): void {
    const frame: Frame = { scopes: [new Map()], cls, self: object, file: cls.decl?.file ?? '' };
    for (const member of cls.decl?.members ?? []) {
      if ((member.kind === 'field' || member.kind === 'property') && !member.modifiers.has('static')) {
        const init =
          member.kind === 'field' && member.init ? this.coerce(this.eval(member.init, frame), member.type) : null;
        object.fields.set(member.name.toLowerCase(), init);
      } else if (member.kind === 'initializer' && !member.isStatic) {
        this.execBlock(member.body, frame);
      }
    }
  }

  // ---- types ----

  isInstance(value: Value, type: A.TypeRef, context: ClassInfo): boolean {
    const name = type.name.toLowerCase();
    if (name === 'object') return true;
    if (value instanceof ApexObject) {
      const cls = lookupClass(this.rt.classes, type.name, context);
      return cls !== undefined && isSubclassOf(value.cls, cls);
    }
    if (value instanceof SObjectValue) return name === 'sobject' || value.object.name.toLowerCase() === name;
    // A collection is an instance of a collection type its cast would accept: `List<Integer>` is no
    // `List<String>` ("Expression Operators", instanceof, consistent with the cast's TypeException).
    if (value instanceof ApexList || value instanceof ApexSet || value instanceof ApexMap)
      return (name === 'list' || name === 'set' || name === 'map') && collectionCastable(value, name, type);
    if (value instanceof EnumValue) return value.enumType.toLowerCase() === name || name === 'enum';
    // A platform object (RestRequest, HttpResponse …) is an instance of its own type, named with or
    // without its System namespace.
    if (value instanceof NativeObject) {
      const own = value.typeName.toLowerCase();
      return own === name || `system.${own}` === name || own === `system.${name}`;
    }
    // A Date is also a Datetime to instanceof (`Object o = Date.today(); o instanceof Datetime` is true).
    if (name === 'datetime' && value instanceof ApexDate) return true;
    return primitiveName(value) === name || (name === 'string' && value instanceof ApexId);
  }

  /**
   * Explicit cast: checks the runtime type as the platform does (TypeException). A primitive cast
   * converts numbers only when the operand is declared as a number; from an `Object` reference the
   * value's runtime type must be the target type itself (Id counts as a String).
   */
  cast(value: Value, type: A.TypeRef, context: ClassInfo, operandType?: A.TypeRef): Value {
    if (value === null) return null;
    const name = type.name.toLowerCase();
    if (PRIMITIVES.has(name) && operandType?.name.toLowerCase() === 'object' && !castsFromObject(value, name)) {
      this.raise('System.TypeException', `Invalid conversion from runtime type ${typeLabel(value)} to ${type.name}`);
    }
    if ((name === 'list' || name === 'set' || name === 'map') && !collectionCastable(value, name, type))
      this.raise(
        'System.TypeException',
        `Invalid conversion from runtime type ${collectionLabel(value)} to ${typeText(type)}`,
      );
    if (PRIMITIVES.has(name) || name === 'list' || name === 'set' || name === 'map')
      return this.coerce(value, type, true);
    if (!this.isInstance(value, type, context)) {
      this.raise('System.TypeException', `Invalid conversion from runtime type ${typeLabel(value)} to ${type.name}`);
    }
    return value;
  }

  /** Implicit conversion on assignment: numeric widening, String → Id, Id → String. */
  coerce(value: Value, type: A.TypeRef | 'void', explicit = false): Value {
    if (value === null || type === 'void') return value;
    const name = type.name.toLowerCase();
    switch (name) {
      case 'decimal':
        return numericKind(value) && !(value instanceof ApexDecimal) ? toDecimal(value) : value;
      case 'double':
        return numericKind(value) && !(value instanceof ApexDouble) ? new ApexDouble(toNumber(value)) : value;
      case 'long':
        if (typeof value === 'number') return new ApexLong(BigInt(value));
        if (explicit && numericKind(value)) return new ApexLong(BigInt(Math.trunc(toNumber(value))));
        return value;
      case 'integer':
        if (explicit && numericKind(value) && typeof value !== 'number') return Math.trunc(toNumber(value)) | 0;
        return value;
      case 'id':
        if (typeof value === 'string') {
          if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value))
            this.raise('System.StringException', `Invalid id: ${value}`);
          return new ApexId(value);
        }
        return value;
      case 'string':
        return value instanceof ApexId ? value.value : value;
      case 'datetime':
        // A Date becomes a Datetime at midnight GMT (not the user's midnight).
        return value instanceof ApexDate ? new ApexDatetime(Date.UTC(value.year, value.month - 1, value.day)) : value;
      default:
        return value instanceof ApexList && (name === 'sobject' || this.rt.schema.hasObject(type.name))
          ? this.singleRow(value)
          : value;
    }
  }

  /** `Account a = [SELECT …]`: exactly one row, or the platform's QueryException. */
  private singleRow(rows: ApexList): Value {
    if (rows.items.length === 0) this.raise('System.QueryException', 'List has no rows for assignment to SObject');
    if (rows.items.length > 1)
      this.raise('System.QueryException', 'List has more than 1 row for assignment to SObject');
    return rows.items[0] as Value;
  }
}

function findField(cls: ClassInfo, key: string): { cls: ClassInfo; decl: A.FieldDecl | A.PropertyDecl } | undefined {
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    const decl = c.fields.get(key);
    if (decl) return { cls: c, decl };
  }
  return undefined;
}

/**
 * A method's overloads, nearest class first. An override (same parameter types) hides the inherited
 * method; overloads of the same arity with other parameter types all stay, for pickOverload.
 */
function findMethods(cls: ClassInfo, key: string): { decl: A.MethodDecl; owner: ClassInfo }[] {
  const found: { decl: A.MethodDecl; owner: ClassInfo }[] = [];
  const seen = new Set<string>();
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    for (const decl of c.methods.get(key) ?? []) {
      if (seen.has(signature(decl)) && decl.body) continue;
      if (decl.body) seen.add(signature(decl));
      found.push({ decl, owner: c });
    }
  }
  return found.filter((f) => f.decl.body || !found.some((g) => g.decl.body && signature(g.decl) === signature(f.decl)));
}

function signature(decl: A.MethodDecl): string {
  return decl.params.map((p) => typeText(p.type).toLowerCase()).join(',');
}

function literalValue(literal: A.Literal): Value {
  switch (literal.type) {
    case 'null':
      return null;
    case 'boolean':
    case 'string':
    case 'integer':
      return literal.value;
    case 'long':
      return new ApexLong(literal.value);
    case 'decimal':
      return /[dD]$/.test(literal.text)
        ? new ApexDouble(Number(literal.text.slice(0, -1)))
        : ApexDecimal.parse(literal.text);
  }
}

function zeroLike(v: Value): Value {
  if (v instanceof ApexLong) return new ApexLong(0n);
  if (v instanceof ApexDouble) return new ApexDouble(0);
  if (v instanceof ApexDecimal) return new ApexDecimal(0n, 0);
  return 0;
}

function isReferenceless(v: Value): boolean {
  return (
    v === null ||
    typeof v !== 'object' ||
    v instanceof ApexLong ||
    v instanceof ApexDecimal ||
    v instanceof ApexDouble ||
    v instanceof ApexId
  );
}

export function typeName(type: A.TypeRef): TypeName {
  return { name: type.name, args: type.args.map(typeName) };
}

/** Whether a cast from an `Object` reference holding `value` to primitive `target` succeeds. */
function castsFromObject(value: Value, target: string): boolean {
  const actual = primitiveName(value);
  if (actual === target || target === 'object') return true;
  if (target === 'string') return actual === 'id';
  if (target === 'datetime') return actual === 'date';
  // A String that holds a valid Id casts to Id (the coercion raises StringException otherwise).
  return target === 'id' && actual === 'string';
}

function primitiveName(value: Value): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'integer';
  if (value instanceof ApexLong) return 'long';
  if (value instanceof ApexDouble) return 'double';
  if (value instanceof ApexDecimal) return 'decimal';
  if (value instanceof ApexId) return 'id';
  if (value instanceof ApexDate) return 'date';
  if (value instanceof ApexDatetime) return 'datetime';
  if (value instanceof ApexTime) return 'time';
  if (value instanceof ApexBlob) return 'blob';
  return 'object';
}

export function typeLabel(value: Value): string {
  if (value === null) return 'null';
  if (value instanceof SObjectValue) return value.object.name;
  if (value instanceof ApexObject) return value.cls.displayName;
  if (value instanceof ApexList) return `List<${value.elementType.name}>`;
  if (value instanceof ApexSet) return `Set<${value.elementType.name}>`;
  if (value instanceof ApexMap) return `Map<${value.keyType.name},${value.valueType.name}>`;
  if (value instanceof NativeObject) return value.typeName;
  if (value instanceof EnumValue) return value.enumType;
  const name = primitiveName(value);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function describeRef(ref: Ref): string {
  if (ref.kind === 'class') return ref.cls.displayName;
  if (ref.kind === 'native') return ref.name;
  if (ref.kind === 'sobjectType') return ref.object.name;
  return 'value';
}

export { stringOf };

/** Element types a cast can tell apart at run time: primitives other than String/Id, which convert. */
const DISTINCT_ELEMENTS = new Set([
  'integer',
  'long',
  'decimal',
  'double',
  'boolean',
  'date',
  'datetime',
  'time',
  'blob',
]);

/**
 * A collection cast needs the same kind of collection, and primitive element types that match
 * (`(List<String>)` of a List<Integer> throws). Other element types are left to the declared types.
 */
function collectionCastable(value: Value, kind: string, type: A.TypeRef): boolean {
  const actual =
    value instanceof ApexList
      ? (['list', [value.elementType]] as const)
      : value instanceof ApexSet
        ? (['set', [value.elementType]] as const)
        : value instanceof ApexMap
          ? (['map', [value.keyType, value.valueType]] as const)
          : undefined;
  if (!actual) return false;
  if (actual[0] !== kind) return false;
  return actual[1].every((element, index) => {
    const target = type.args[index]?.name.toLowerCase();
    const runtime = element.name.toLowerCase();
    if (!target || target === runtime) return true;
    const textual = (n: string): boolean => n === 'string' || n === 'id';
    if (textual(target) && textual(runtime)) return true;
    return !(DISTINCT_ELEMENTS.has(target) || DISTINCT_ELEMENTS.has(runtime)) || target === 'object';
  });
}

function collectionLabel(value: Value): string {
  if (value instanceof ApexList) return `List<${value.elementType.name}>`;
  if (value instanceof ApexSet) return `Set<${value.elementType.name}>`;
  if (value instanceof ApexMap) return `Map<${value.keyType.name},${value.valueType.name}>`;
  return typeLabel(value);
}

function typeText(type: A.TypeRef): string {
  return type.args.length ? `${type.name}<${type.args.map(typeText).join(',')}>` : type.name;
}

/** Two written types name the same type: the last segment of a dotted name, case-insensitively. */
function sameTypeRef(a: A.TypeRef, b: A.TypeRef | undefined): boolean {
  const last = (t: A.TypeRef): string => (t.name.split('.').pop() ?? '').toLowerCase();
  return (
    b !== undefined &&
    last(a) === last(b) &&
    a.args.length === b.args.length &&
    a.args.every((arg, i) => sameTypeRef(arg, b.args[i]))
  );
}
