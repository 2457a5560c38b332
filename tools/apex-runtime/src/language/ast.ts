// The runtime's own syntax tree: a compact, typed copy of what the ANTLR Apex grammar parses,
// so the interpreter never walks ANTLR contexts. Every node carries its source line (coverage,
// stack traces, UnsupportedApexFeature messages).

export interface TypeRef {
  /** Dotted name as written, e.g. `List`, `Schema.SObjectType`, `Outer.Inner`. */
  name: string;
  args: TypeRef[];
  /** `String[]` is `List<String>`; kept as a List with this flag for messages only. */
  array?: boolean;
}

export interface Node {
  line: number;
}

export type Modifier =
  | 'public'
  | 'private'
  | 'protected'
  | 'global'
  | 'static'
  | 'final'
  | 'abstract'
  | 'virtual'
  | 'override'
  | 'transient'
  | 'testmethod'
  | 'webservice'
  | 'with sharing'
  | 'without sharing'
  | 'inherited sharing';

export interface Annotation {
  /** Lower-case name: `istest`, `testsetup`, `auraenabled`, `future`, `invocablemethod` … */
  name: string;
  /** Lower-case keys; values as written (booleans and strings unquoted). */
  params: Record<string, string | boolean>;
}

export interface Decl extends Node {
  name: string;
  modifiers: Set<Modifier>;
  annotations: Annotation[];
}

export interface FieldDecl extends Decl {
  kind: 'field';
  type: TypeRef;
  init?: Expr;
}

export interface PropertyDecl extends Decl {
  kind: 'property';
  type: TypeRef;
  /** Undefined when the accessor is absent; `auto` for `get;`/`set;`. */
  getter?: Block | 'auto';
  setter?: Block | 'auto';
}

export interface Param {
  name: string;
  type: TypeRef;
}

export interface MethodDecl extends Decl {
  kind: 'method';
  returnType: TypeRef | 'void';
  params: Param[];
  /** Undefined for abstract and interface methods. */
  body?: Block;
}

export interface ConstructorDecl extends Decl {
  kind: 'constructor';
  params: Param[];
  body: Block;
}

export interface InitializerDecl extends Node {
  kind: 'initializer';
  isStatic: boolean;
  body: Block;
}

export interface ClassDecl extends Decl {
  kind: 'class' | 'interface' | 'enum';
  extendsType?: TypeRef;
  implementsTypes: TypeRef[];
  enumValues: string[];
  members: Member[];
  /** Source file, for messages and coverage. */
  file: string;
}

export interface TriggerDecl extends Node {
  kind: 'trigger';
  name: string;
  object: string;
  /** e.g. `after insert`, `before update`. */
  events: string[];
  body: Block;
  file: string;
}

export type Member = FieldDecl | PropertyDecl | MethodDecl | ConstructorDecl | InitializerDecl | ClassDecl;

// ---- statements ----

export interface Block extends Node {
  kind: 'block';
  statements: Stmt[];
}

export interface LocalVarStmt extends Node {
  kind: 'local';
  type: TypeRef;
  vars: { name: string; init?: Expr }[];
  /** `final Integer x …`: assigned once, where declared or later. */
  isFinal?: true;
}

export interface ExprStmt extends Node {
  kind: 'expr';
  expr: Expr;
}

export interface IfStmt extends Node {
  kind: 'if';
  cond: Expr;
  then: Stmt;
  else?: Stmt;
}

export interface ForStmt extends Node {
  kind: 'for';
  init?: LocalVarStmt | Expr[];
  cond?: Expr;
  update: Expr[];
  body: Stmt;
}

export interface ForEachStmt extends Node {
  kind: 'foreach';
  varType: TypeRef;
  varName: string;
  iterable: Expr;
  body: Stmt;
}

export interface WhileStmt extends Node {
  kind: 'while' | 'dowhile';
  cond: Expr;
  body: Stmt;
}

export interface TryStmt extends Node {
  kind: 'try';
  body: Block;
  catches: { type: TypeRef; name: string; body: Block; line: number }[];
  finallyBody?: Block;
}

export interface ReturnStmt extends Node {
  kind: 'return';
  value?: Expr;
}

export interface ThrowStmt extends Node {
  kind: 'throw';
  value: Expr;
}

export interface JumpStmt extends Node {
  kind: 'break' | 'continue';
}

export type DmlOperation = 'insert' | 'update' | 'delete' | 'undelete' | 'upsert' | 'merge';

export interface DmlStmt extends Node {
  kind: 'dml';
  operation: DmlOperation;
  target: Expr;
  /** `as system` / `as user`. */
  accessLevel?: 'system' | 'user';
  /** Upsert external id field. */
  externalId?: string;
  /** Merge: the record(s) merged into `target`. */
  mergeSource?: Expr;
}

export interface SwitchStmt extends Node {
  kind: 'switch';
  subject: Expr;
  whens: SwitchWhen[];
}

export type SwitchWhen =
  | { kind: 'values'; values: Expr[]; body: Block }
  | { kind: 'type'; type: TypeRef; varName: string; body: Block }
  | { kind: 'else'; body: Block };

export interface RunAsStmt extends Node {
  kind: 'runas';
  user: Expr;
  body: Block;
}

export type Stmt =
  | Block
  | LocalVarStmt
  | ExprStmt
  | IfStmt
  | ForStmt
  | ForEachStmt
  | WhileStmt
  | TryStmt
  | ReturnStmt
  | ThrowStmt
  | JumpStmt
  | DmlStmt
  | SwitchStmt
  | RunAsStmt
  | UnsupportedStmt;

/**
 * A statement the runtime cannot run, kept so the class still loads: running it throws the
 * UnsupportedApexFeature met while loading, so only the tests that reach it fail.
 */
export interface UnsupportedStmt {
  kind: 'unsupported';
  error: Error;
  line: number;
}

// ---- expressions ----

export type Literal =
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: 'integer'; value: number }
  | { type: 'long'; value: bigint }
  | { type: 'decimal'; text: string }
  | { type: 'string'; value: string };

export interface LiteralExpr extends Node {
  kind: 'literal';
  value: Literal;
}

/** A bare identifier: a local, a member, a class name or a namespace — resolved at run time. */
export interface NameExpr extends Node {
  kind: 'name';
  name: string;
}

export interface DotExpr extends Node {
  kind: 'dot';
  target: Expr;
  name: string;
  safe: boolean;
}

export interface CallExpr extends Node {
  kind: 'call';
  /** Undefined for an unqualified call `foo(x)`, `this(x)` or `super(x)`. */
  target?: Expr;
  name: string;
  args: Expr[];
  safe: boolean;
  /**
   * The parameter types of the overload Apex chooses by the arguments' static types, set by the
   * compile phase where it can tell; the interpreter then runs that overload (or its override).
   */
  overload?: TypeRef[];
}

export interface NewExpr extends Node {
  kind: 'new';
  type: TypeRef;
  args: Expr[];
  /** `new Account(Name = 'x')`. */
  fieldInits?: { name: string; value: Expr }[];
  /** `new List<X>{a, b}` / `new Set<X>{…}`. */
  elements?: Expr[];
  /** `new Map<K, V>{k => v}`. */
  entries?: { key: Expr; value: Expr }[];
  /** `new String[5]`. */
  arraySize?: Expr;
}

export interface IndexExpr extends Node {
  kind: 'index';
  target: Expr;
  index: Expr;
}

export interface UnaryExpr extends Node {
  kind: 'unary';
  op: '!' | '-' | '+' | '~' | '++pre' | '--pre' | '++post' | '--post';
  operand: Expr;
}

export interface BinaryExpr extends Node {
  kind: 'binary';
  op: string;
  left: Expr;
  right: Expr;
}

export interface AssignExpr extends Node {
  kind: 'assign';
  /** `=` or a compound operator such as `+=`. */
  op: string;
  target: Expr;
  value: Expr;
}

export interface TernaryExpr extends Node {
  kind: 'ternary';
  cond: Expr;
  then: Expr;
  else: Expr;
}

export interface InstanceOfExpr extends Node {
  kind: 'instanceof';
  operand: Expr;
  type: TypeRef;
}

export interface CastExpr extends Node {
  kind: 'cast';
  type: TypeRef;
  operand: Expr;
  /** The operand's declared type, where the declarations show it (`check/declared-types.ts`). */
  operandType?: TypeRef;
}

export interface ThisExpr extends Node {
  kind: 'this' | 'super';
}

/** `Foo.class`. */
export interface ClassLiteralExpr extends Node {
  kind: 'classref';
  type: TypeRef;
}

/** Inline SOSL: `[FIND … RETURNING …]`, converted by soql/sosl.ts (run by platform/soql/search.ts). */
export interface SoslExpr extends Node {
  kind: 'sosl';
  query: unknown;
}

export interface SoqlExpr extends Node {
  kind: 'soql';
  /** The query text between the brackets, binds included as written. */
  text: string;
  /** Bind expressions keyed by their position in `text` order. */
  binds: Expr[];
}

export type Expr =
  | LiteralExpr
  | NameExpr
  | DotExpr
  | CallExpr
  | NewExpr
  | IndexExpr
  | UnaryExpr
  | BinaryExpr
  | AssignExpr
  | TernaryExpr
  | InstanceOfExpr
  | CastExpr
  | ThisExpr
  | ClassLiteralExpr
  | SoqlExpr
  | SoslExpr;
