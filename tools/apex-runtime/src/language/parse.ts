// ANTLR parse tree → the runtime's AST (ast.ts). Anything the converter does not know becomes an
// UnsupportedApexFeature at load time, naming the construct, file and line.
import {
  AnnotationContext,
  ApexErrorListener,
  ApexParserFactory,
  Arth1ExpressionContext,
  Arth2ExpressionContext,
  AssignExpressionContext,
  BitAndExpressionContext,
  BitExpressionContext,
  BitNotExpressionContext,
  BitOrExpressionContext,
  BlockContext,
  CastExpressionContext,
  ClassBodyDeclarationContext,
  ClassDeclarationContext,
  CmpExpressionContext,
  CoalExpressionContext,
  CondExpressionContext,
  CreatorContext,
  DotExpressionContext,
  EnumDeclarationContext,
  FieldDeclarationContext,
  EqualityExpressionContext,
  ExpressionContext,
  FormalParametersContext,
  InstanceOfExpressionContext,
  InterfaceDeclarationContext,
  LiteralContext,
  LiteralPrimaryContext,
  LocalVariableDeclarationContext,
  LogAndExpressionContext,
  LogOrExpressionContext,
  MemberDeclarationContext,
  MethodCallExpressionContext,
  ModifierContext,
  NegExpressionContext,
  NewExpressionContext,
  PostOpExpressionContext,
  PreOpExpressionContext,
  PrimaryExpressionContext,
  SoqlPrimaryContext,
  SoslPrimaryContext,
  StatementContext,
  SubExpressionContext,
  ArrayExpressionContext,
  IdPrimaryContext,
  ThisPrimaryContext,
  SuperPrimaryContext,
  TypeRefPrimaryContext,
  TypeRefContext,
  WhenLiteralContext,
  type ApexParserRuleContext as ParserRuleContext,
  type QueryContext,
} from '@apexdevtools/apex-parser';
import type * as A from './ast.ts';
import { UnsupportedApexFeature } from './errors.ts';
import { fromSoslContext } from './soql/sosl.ts';

class SyntaxErrors extends ApexErrorListener {
  readonly messages: string[] = [];

  apexSyntaxError(line: number, column: number, message: string): void {
    this.messages.push(`${line}:${column + 1} ${message}`);
  }
}

/** Hook for inline SOQL: the SOQL module turns the query into its own AST, with binds converted by `expr`. */
export type SoqlConverter = (
  query: QueryContext,
  convertBind: (e: ExpressionContext) => A.Expr,
  file: string,
  line: number,
) => unknown;

/** Parsed inline SOQL, opaque to the converter. */
export interface ParsedSoql extends A.Node {
  kind: 'soql';
  query: unknown;
}

const present = (node: unknown): boolean => node !== null && node !== undefined;
const hasFinal = (modifiers: ModifierContext[]): boolean =>
  modifiers.some((m) => m.getText().toLowerCase() === 'final');

export class ApexConverter {
  private readonly file: string;
  private readonly soql: SoqlConverter | undefined;

  constructor(file: string, soql?: SoqlConverter) {
    this.file = file;
    this.soql = soql;
  }

  private unsupported(construct: string, ctx: ParserRuleContext): never {
    throw new UnsupportedApexFeature(construct, this.file, ctx.start.line);
  }

  // ---- units ----

  classUnit(source: string): A.ClassDecl {
    const errors = new SyntaxErrors();
    const { parser } = ApexParserFactory.createLexerAndParser(source, errors);
    const unit = parser.compilationUnit();
    if (errors.messages.length > 0) throw new SyntaxError(`${this.file}: ${errors.messages.join('; ')}`);
    const type = unit.typeDeclaration();
    const modifiers = type.modifier_list();
    if (present(type.classDeclaration())) return this.classDecl(type.classDeclaration(), modifiers);
    if (present(type.interfaceDeclaration())) return this.interfaceDecl(type.interfaceDeclaration(), modifiers);
    return this.enumDecl(type.enumDeclaration(), modifiers);
  }

  triggerUnit(source: string): A.TriggerDecl {
    const errors = new SyntaxErrors();
    const { parser } = ApexParserFactory.createLexerAndParser(source, errors);
    const unit = parser.triggerUnit();
    if (errors.messages.length > 0) throw new SyntaxError(`${this.file}: ${errors.messages.join('; ')}`);
    const [name, object] = unit.id_list().map((id) => id.getText());
    const statements: A.Stmt[] = [];
    for (const member of unit.triggerBlock().triggerBlockMember_list()) {
      // `List<Contact> more = …;` at a trigger's top level parses as a field: it is a local variable.
      const field = present(member.triggerMemberDeclaration())
        ? member.triggerMemberDeclaration().fieldDeclaration()
        : undefined;
      if (field && present(field) && member.modifier_list().length === 0) statements.push(this.localVar(field));
      else if (!present(member.statement())) this.unsupported('member declaration in a trigger', member);
      else statements.push(this.statement(member.statement()));
    }
    return {
      kind: 'trigger',
      name: name ?? '',
      object: object ?? '',
      events: unit
        .triggerCase_list()
        .map((c) => (c.getChild(0).getText() + ' ' + c.getChild(1).getText()).toLowerCase()),
      body: { kind: 'block', statements, line: unit.triggerBlock().start.line },
      file: this.file,
      line: unit.start.line,
    };
  }

  /** Anonymous Apex: statements only (what the local org and benchmarks run). */
  anonymous(source: string): A.Block {
    const errors = new SyntaxErrors();
    const { parser } = ApexParserFactory.createLexerAndParser(source, errors);
    const unit = parser.anonymousUnit();
    if (errors.messages.length > 0) throw new SyntaxError(`anonymous: ${errors.messages.join('; ')}`);
    const statements = unit
      .anonymousBlock()
      .anonymousBlockMember_list()
      .map((member): A.Stmt => {
        if (present(member.statement())) return this.statement(member.statement());
        // Top-level `Type name = value;` parses as a field declaration: in anonymous Apex it is a local.
        const field = member.anonymousMemberDeclaration()?.fieldDeclaration();
        if (!present(field)) return this.unsupported('method or class declared in anonymous Apex', member);
        const final = hasFinal(member.modifier_list());
        if (member.modifier_list().length > (final ? 1 : 0))
          return this.unsupported('a modifier other than final on an anonymous Apex variable', member);
        return this.localVar(field, final);
      });
    return { kind: 'block', statements, line: 1 };
  }

  // ---- declarations ----

  private modifiers(list: ModifierContext[]): { modifiers: Set<A.Modifier>; annotations: A.Annotation[] } {
    const modifiers = new Set<A.Modifier>();
    const annotations: A.Annotation[] = [];
    for (const m of list) {
      if (present(m.annotation())) {
        annotations.push(this.annotation(m.annotation()));
      } else if (present(m.SHARING())) {
        const kind = present(m.WITH()) ? 'with' : present(m.WITHOUT()) ? 'without' : 'inherited';
        modifiers.add(`${kind} sharing` as A.Modifier);
      } else {
        modifiers.add(m.getText().toLowerCase() as A.Modifier);
      }
    }
    return { modifiers, annotations };
  }

  private annotation(ctx: AnnotationContext): A.Annotation {
    const params: Record<string, string | boolean> = {};
    if (present(ctx.elementValuePairs())) {
      for (const pair of ctx.elementValuePairs().elementValuePair_list()) {
        params[pair.id().getText().toLowerCase()] = this.annotationValue(pair.elementValue().getText());
      }
    } else if (present(ctx.elementValue())) {
      params.value = this.annotationValue(ctx.elementValue().getText());
    }
    return { name: ctx.id().getText().toLowerCase(), params };
  }

  private annotationValue(text: string): string | boolean {
    if (/^true$/i.test(text)) return true;
    if (/^false$/i.test(text)) return false;
    return text.replace(/^'(.*)'$/s, '$1');
  }

  private classDecl(ctx: ClassDeclarationContext, modifierList: ModifierContext[]): A.ClassDecl {
    return {
      kind: 'class',
      name: ctx.id().getText(),
      ...this.modifiers(modifierList),
      extendsType: present(ctx.typeRef()) ? this.typeRef(ctx.typeRef()) : undefined,
      implementsTypes: present(ctx.typeList())
        ? ctx
            .typeList()
            .typeRef_list()
            .map((t) => this.typeRef(t))
        : [],
      enumValues: [],
      members: ctx
        .classBody()
        .classBodyDeclaration_list()
        .flatMap((d) => this.member(d)),
      file: this.file,
      line: ctx.start.line,
    };
  }

  private interfaceDecl(ctx: InterfaceDeclarationContext, modifierList: ModifierContext[]): A.ClassDecl {
    const members: A.Member[] = ctx
      .interfaceBody()
      .interfaceMethodDeclaration_list()
      .map((m) => ({
        kind: 'method',
        name: m.id().getText(),
        ...this.modifiers(m.modifier_list()),
        returnType: present(m.VOID()) ? 'void' : this.typeRef(m.typeRef()),
        params: this.params(m.formalParameters()),
        line: m.start.line,
      }));
    return {
      kind: 'interface',
      name: ctx.id().getText(),
      ...this.modifiers(modifierList),
      implementsTypes: present(ctx.typeList())
        ? ctx
            .typeList()
            .typeRef_list()
            .map((t) => this.typeRef(t))
        : [],
      enumValues: [],
      members,
      file: this.file,
      line: ctx.start.line,
    };
  }

  private enumDecl(ctx: EnumDeclarationContext, modifierList: ModifierContext[]): A.ClassDecl {
    return {
      kind: 'enum',
      name: ctx.id().getText(),
      ...this.modifiers(modifierList),
      implementsTypes: [],
      enumValues: present(ctx.enumConstants())
        ? ctx
            .enumConstants()
            .id_list()
            .map((id) => id.getText())
        : [],
      members: [],
      file: this.file,
      line: ctx.start.line,
    };
  }

  private member(ctx: ClassBodyDeclarationContext): A.Member[] {
    if (present(ctx.block())) {
      return [
        { kind: 'initializer', isStatic: present(ctx.STATIC()), body: this.block(ctx.block()), line: ctx.start.line },
      ];
    }
    if (!present(ctx.memberDeclaration())) return [];
    return this.memberDeclaration(ctx.memberDeclaration(), ctx.modifier_list());
  }

  private memberDeclaration(ctx: MemberDeclarationContext, modifierList: ModifierContext[]): A.Member[] {
    const mods = this.modifiers(modifierList);
    const line = ctx.start.line;
    if (present(ctx.methodDeclaration())) {
      const m = ctx.methodDeclaration();
      return [
        {
          kind: 'method',
          name: m.id().getText(),
          ...mods,
          returnType: present(m.VOID()) ? 'void' : this.typeRef(m.typeRef()),
          params: this.params(m.formalParameters()),
          body: present(m.block()) ? this.block(m.block()) : undefined,
          line,
        },
      ];
    }
    if (present(ctx.constructorDeclaration())) {
      const c = ctx.constructorDeclaration();
      return [
        {
          kind: 'constructor',
          name: c.qualifiedName().getText(),
          ...mods,
          params: this.params(c.formalParameters()),
          body: this.block(c.block()),
          line,
        },
      ];
    }
    if (present(ctx.fieldDeclaration())) {
      const f = ctx.fieldDeclaration();
      const type = this.typeRef(f.typeRef());
      return f
        .variableDeclarators()
        .variableDeclarator_list()
        .map((v) => ({
          kind: 'field',
          name: v.id().getText(),
          modifiers: mods.modifiers,
          annotations: mods.annotations,
          type,
          init: present(v.expression()) ? this.expr(v.expression()) : undefined,
          line: v.start.line,
        }));
    }
    if (present(ctx.propertyDeclaration())) {
      const p = ctx.propertyDeclaration();
      const property: A.PropertyDecl = {
        kind: 'property',
        name: p.id().getText(),
        ...mods,
        type: this.typeRef(p.typeRef()),
        line,
      };
      for (const block of p.propertyBlock_list()) {
        if (present(block.getter()))
          property.getter = present(block.getter().block()) ? this.block(block.getter().block()) : 'auto';
        if (present(block.setter()))
          property.setter = present(block.setter().block()) ? this.block(block.setter().block()) : 'auto';
      }
      return [property];
    }
    if (present(ctx.classDeclaration())) return [this.classDecl(ctx.classDeclaration(), modifierList)];
    if (present(ctx.interfaceDeclaration())) return [this.interfaceDecl(ctx.interfaceDeclaration(), modifierList)];
    if (present(ctx.enumDeclaration())) return [this.enumDecl(ctx.enumDeclaration(), modifierList)];
    return this.unsupported('member declaration', ctx);
  }

  private params(ctx: FormalParametersContext): A.Param[] {
    if (!present(ctx.formalParameterList())) return [];
    return ctx
      .formalParameterList()
      .formalParameter_list()
      .map((p) => ({ name: p.id().getText(), type: this.typeRef(p.typeRef()) }));
  }

  typeRef(ctx: TypeRefContext): A.TypeRef {
    const parts = ctx.typeName_list();
    const last = parts[parts.length - 1];
    const name = parts.map((p) => (present(p.id()) ? p.id().getText() : p.getChild(0).getText())).join('.');
    const args =
      last && present(last.typeArguments())
        ? last
            .typeArguments()
            .typeList()
            .typeRef_list()
            .map((t) => this.typeRef(t))
        : [];
    const type: A.TypeRef = { name, args };
    if (present(ctx.arraySubscripts()) && ctx.arraySubscripts().LBRACK_list().length > 0) {
      return { name: 'List', args: [type], array: true };
    }
    return type;
  }

  // ---- statements ----

  block(ctx: BlockContext): A.Block {
    return { kind: 'block', statements: ctx.statement_list().map((s) => this.statement(s)), line: ctx.start.line };
  }

  private statement(ctx: StatementContext): A.Stmt {
    try {
      return this.supportedStatement(ctx);
    } catch (error) {
      if (!(error instanceof UnsupportedApexFeature)) throw error;
      return { kind: 'unsupported', error, line: ctx.start.line };
    }
  }

  private supportedStatement(ctx: StatementContext): A.Stmt {
    const line = ctx.start.line;
    if (present(ctx.block())) return this.block(ctx.block());
    if (present(ctx.localVariableDeclarationStatement())) {
      return this.localVar(ctx.localVariableDeclarationStatement().localVariableDeclaration());
    }
    if (present(ctx.expressionStatement()))
      return { kind: 'expr', expr: this.expr(ctx.expressionStatement().expression()), line };
    if (present(ctx.ifStatement())) {
      const s = ctx.ifStatement();
      const [then, otherwise] = s.statement_list();
      return {
        kind: 'if',
        cond: this.expr(s.parExpression().expression()),
        then: this.statement(then as StatementContext),
        else: otherwise ? this.statement(otherwise) : undefined,
        line,
      };
    }
    if (present(ctx.forStatement())) return this.forStatement(ctx);
    if (present(ctx.whileStatement())) {
      const s = ctx.whileStatement();
      if (!present(s.statement())) return this.unsupported('while without a body', s);
      return {
        kind: 'while',
        cond: this.expr(s.parExpression().expression()),
        body: this.statement(s.statement()),
        line,
      };
    }
    if (present(ctx.doWhileStatement())) {
      const s = ctx.doWhileStatement();
      return { kind: 'dowhile', cond: this.expr(s.parExpression().expression()), body: this.block(s.block()), line };
    }
    if (present(ctx.tryStatement())) {
      const s = ctx.tryStatement();
      return {
        kind: 'try',
        body: this.block(s.block()),
        catches: s.catchClause_list().map((c) => ({
          type: { name: c.qualifiedName().getText(), args: [] },
          name: c.id().getText(),
          body: this.block(c.block()),
          line: c.start.line,
        })),
        finallyBody: present(s.finallyBlock()) ? this.block(s.finallyBlock().block()) : undefined,
        line,
      };
    }
    if (present(ctx.returnStatement())) {
      const s = ctx.returnStatement();
      return { kind: 'return', value: present(s.expression()) ? this.expr(s.expression()) : undefined, line };
    }
    if (present(ctx.throwStatement()))
      return { kind: 'throw', value: this.expr(ctx.throwStatement().expression()), line };
    if (present(ctx.breakStatement())) return { kind: 'break', line };
    if (present(ctx.continueStatement())) return { kind: 'continue', line };
    if (present(ctx.switchStatement())) return this.switchStatement(ctx);
    if (present(ctx.runAsStatement())) {
      const s = ctx.runAsStatement();
      const [user] = present(s.expressionList()) ? s.expressionList().expression_list() : [];
      if (!user) return this.unsupported('System.runAs without a user', s);
      return { kind: 'runas', user: this.expr(user), body: this.block(s.block()), line };
    }
    return this.dmlStatement(ctx);
  }

  private dmlStatement(ctx: StatementContext): A.DmlStmt {
    const line = ctx.start.line;
    const forms = [
      ['insert', ctx.insertStatement()],
      ['update', ctx.updateStatement()],
      ['delete', ctx.deleteStatement()],
      ['undelete', ctx.undeleteStatement()],
      ['upsert', ctx.upsertStatement()],
    ] as const;
    for (const [operation, s] of forms) {
      if (!present(s)) continue;
      const level = present(s.accessLevel()) ? (present(s.accessLevel().SYSTEM()) ? 'system' : 'user') : undefined;
      const dml: A.DmlStmt = { kind: 'dml', operation, target: this.expr(s.expression()), accessLevel: level, line };
      if (operation === 'upsert' && present(ctx.upsertStatement().qualifiedName())) {
        dml.externalId = ctx.upsertStatement().qualifiedName().getText();
      }
      return dml;
    }
    return this.unsupported(`statement "${ctx.getText().slice(0, 40)}"`, ctx);
  }

  /** A local variable statement (also a top-level declaration of anonymous Apex). */
  private localVar(ctx: LocalVariableDeclarationContext | FieldDeclarationContext, final = false): A.LocalVarStmt {
    const isFinal = final || (ctx instanceof LocalVariableDeclarationContext && hasFinal(ctx.modifier_list()));
    return {
      kind: 'local',
      ...(isFinal ? { isFinal: true as const } : {}),
      type: this.typeRef(ctx.typeRef()),
      vars: ctx
        .variableDeclarators()
        .variableDeclarator_list()
        .map((v) => ({
          name: v.id().getText(),
          init: present(v.expression()) ? this.expr(v.expression()) : undefined,
        })),
      line: ctx.start.line,
    };
  }

  private forStatement(ctx: StatementContext): A.Stmt {
    const s = ctx.forStatement();
    const control = s.forControl();
    if (!present(s.statement())) return this.unsupported('for without a body', s);
    const body = this.statement(s.statement());
    const line = ctx.start.line;
    if (present(control.enhancedForControl())) {
      const e = control.enhancedForControl();
      return {
        kind: 'foreach',
        varType: this.typeRef(e.typeRef()),
        varName: e.id().getText(),
        iterable: this.expr(e.expression()),
        body,
        line,
      };
    }
    const init = control.forInit();
    return {
      kind: 'for',
      init: !present(init)
        ? undefined
        : present(init.localVariableDeclaration())
          ? this.localVar(init.localVariableDeclaration())
          : init
              .expressionList()
              .expression_list()
              .map((e) => this.expr(e)),
      cond: present(control.expression()) ? this.expr(control.expression()) : undefined,
      update: present(control.forUpdate())
        ? control
            .forUpdate()
            .expressionList()
            .expression_list()
            .map((e) => this.expr(e))
        : [],
      body,
      line,
    };
  }

  private switchStatement(ctx: StatementContext): A.SwitchStmt {
    const s = ctx.switchStatement();
    const whens: A.SwitchWhen[] = s.whenControl_list().map((w) => {
      const value = w.whenValue();
      const body = this.block(w.block());
      if (present(value.ELSE())) return { kind: 'else', body };
      if (present(value.typeRef()))
        return { kind: 'type', type: this.typeRef(value.typeRef()), varName: value.id().getText(), body };
      return { kind: 'values', values: value.whenLiteral_list().map((l) => this.whenLiteral(l)), body };
    });
    return { kind: 'switch', subject: this.expr(s.expression()), whens, line: ctx.start.line };
  }

  private whenLiteral(ctx: WhenLiteralContext): A.Expr {
    const line = ctx.start.line;
    if (present(ctx.whenLiteral())) return this.whenLiteral(ctx.whenLiteral());
    if (present(ctx.qualifiedName())) return { kind: 'name', name: ctx.qualifiedName().getText(), line };
    if (present(ctx.NULL())) return { kind: 'literal', value: { type: 'null' }, line };
    if (present(ctx.StringLiteral()))
      return { kind: 'literal', value: { type: 'string', value: unquote(ctx.StringLiteral().getText()) }, line };
    const negative = ctx.SUB_list().length % 2 === 1;
    if (present(ctx.LongLiteral())) {
      const value = BigInt(ctx.LongLiteral().getText().replace(/[lL]$/, ''));
      return { kind: 'literal', value: { type: 'long', value: negative ? -value : value }, line };
    }
    const value = Number(ctx.IntegerLiteral().getText());
    return { kind: 'literal', value: { type: 'integer', value: negative ? -value : value }, line };
  }

  // ---- expressions ----

  expr(ctx: ExpressionContext): A.Expr {
    const line = ctx.start.line;
    if (ctx instanceof PrimaryExpressionContext) return this.primary(ctx);
    if (ctx instanceof DotExpressionContext) {
      const target = this.expr(ctx.expression());
      const safe = present(ctx.QUESTIONDOT());
      if (present(ctx.dotMethodCall())) {
        const call = ctx.dotMethodCall();
        return {
          kind: 'call',
          target,
          name: call.anyId().getText(),
          args: this.args(call.expressionList()),
          safe,
          line,
        };
      }
      return { kind: 'dot', target, name: ctx.anyId().getText(), safe, line };
    }
    if (ctx instanceof MethodCallExpressionContext) {
      const call = ctx.methodCall();
      const name = present(call.THIS()) ? 'this' : present(call.SUPER()) ? 'super' : call.id().getText();
      return { kind: 'call', name, args: this.args(call.expressionList()), safe: false, line };
    }
    if (ctx instanceof NewExpressionContext) return this.creator(ctx.creator(), line);
    if (ctx instanceof ArrayExpressionContext) {
      const [target, index] = ctx.expression_list();
      return {
        kind: 'index',
        target: this.expr(target as ExpressionContext),
        index: this.expr(index as ExpressionContext),
        line,
      };
    }
    if (ctx instanceof SubExpressionContext) return this.expr(ctx.expression());
    if (ctx instanceof AssignExpressionContext) {
      const [target, value] = ctx.expression_list();
      return {
        kind: 'assign',
        op: ctx.getChild(1).getText(),
        target: this.expr(target as ExpressionContext),
        value: this.expr(value as ExpressionContext),
        line,
      };
    }
    if (ctx instanceof CondExpressionContext) {
      const [cond, then, otherwise] = ctx.expression_list().map((e) => this.expr(e));
      return { kind: 'ternary', cond: cond as A.Expr, then: then as A.Expr, else: otherwise as A.Expr, line };
    }
    if (ctx instanceof InstanceOfExpressionContext) {
      return { kind: 'instanceof', operand: this.expr(ctx.expression()), type: this.typeRef(ctx.typeRef()), line };
    }
    if (ctx instanceof CastExpressionContext)
      return { kind: 'cast', type: this.typeRef(ctx.typeRef()), operand: this.expr(ctx.expression()), line };
    if (ctx instanceof NegExpressionContext) {
      return { kind: 'unary', op: present(ctx.BANG()) ? '!' : '~', operand: this.expr(ctx.expression()), line };
    }
    if (ctx instanceof PreOpExpressionContext) {
      const op = ctx.getChild(0).getText();
      const mapped = op === '++' ? '++pre' : op === '--' ? '--pre' : (op as '+' | '-');
      return { kind: 'unary', op: mapped, operand: this.expr(ctx.expression()), line };
    }
    if (ctx instanceof PostOpExpressionContext) {
      return {
        kind: 'unary',
        op: present(ctx.INC()) ? '++post' : '--post',
        operand: this.expr(ctx.expression()),
        line,
      };
    }
    if (
      ctx instanceof Arth1ExpressionContext ||
      ctx instanceof Arth2ExpressionContext ||
      ctx instanceof CmpExpressionContext ||
      ctx instanceof EqualityExpressionContext ||
      ctx instanceof BitExpressionContext ||
      ctx instanceof BitAndExpressionContext ||
      ctx instanceof BitNotExpressionContext ||
      ctx instanceof BitOrExpressionContext ||
      ctx instanceof LogAndExpressionContext ||
      ctx instanceof LogOrExpressionContext ||
      ctx instanceof CoalExpressionContext
    ) {
      const [left, right] = ctx.expression_list();
      return {
        kind: 'binary',
        op: operatorBetween(ctx),
        left: this.expr(left as ExpressionContext),
        right: this.expr(right as ExpressionContext),
        line,
      };
    }
    return this.unsupported(`expression "${ctx.getText().slice(0, 40)}"`, ctx);
  }

  private args(list: { expression_list(): ExpressionContext[] } | null | undefined): A.Expr[] {
    return present(list)
      ? (list as { expression_list(): ExpressionContext[] }).expression_list().map((e) => this.expr(e))
      : [];
  }

  private primary(ctx: PrimaryExpressionContext): A.Expr {
    const p = ctx.primary();
    const line = ctx.start.line;
    if (p instanceof LiteralPrimaryContext) return { kind: 'literal', value: literal(p.literal()), line };
    if (p instanceof IdPrimaryContext) return { kind: 'name', name: p.id().getText(), line };
    if (p instanceof ThisPrimaryContext) return { kind: 'this', line };
    if (p instanceof SuperPrimaryContext) return { kind: 'super', line };
    if (p instanceof TypeRefPrimaryContext) return { kind: 'classref', type: this.typeRef(p.typeRef()), line };
    if (p instanceof SoqlPrimaryContext) {
      if (!this.soql) return this.unsupported('inline SOQL', p);
      const query = this.soql(p.soqlLiteral().query(), (e) => this.expr(e), this.file, line);
      return { kind: 'soql', query, line } as unknown as A.Expr;
    }
    if (p instanceof SoslPrimaryContext) {
      if (!this.soql) return this.unsupported('inline SOSL', p);
      const query = fromSoslContext(p.soslLiteral(), (e) => this.expr(e), this.file, line);
      return { kind: 'sosl', query, line } as unknown as A.Expr;
    }
    return this.unsupported(`primary "${p.getText().slice(0, 40)}"`, p);
  }

  private creator(ctx: CreatorContext, line: number): A.NewExpr {
    const pairs = ctx.createdName().idCreatedNamePair_list();
    const last = pairs[pairs.length - 1];
    const type: A.TypeRef = {
      name: pairs.map((p) => p.anyId().getText()).join('.'),
      args:
        last && present(last.typeList())
          ? last
              .typeList()
              .typeRef_list()
              .map((t) => this.typeRef(t))
          : [],
    };
    if (present(ctx.classCreatorRest())) {
      const args = this.args(ctx.classCreatorRest().arguments().expressionList());
      const node: A.NewExpr = { kind: 'new', type, args, line };
      if (args.length > 0 && args.every((a) => a.kind === 'assign' && a.op === '=' && a.target.kind === 'name')) {
        node.fieldInits = args.map((a) => {
          const assign = a as A.AssignExpr;
          return { name: (assign.target as A.NameExpr).name, value: assign.value };
        });
      }
      return node;
    }
    if (present(ctx.noRest())) return { kind: 'new', type, args: [], elements: [], line };
    if (present(ctx.setCreatorRest())) {
      return {
        kind: 'new',
        type,
        args: [],
        elements: ctx
          .setCreatorRest()
          .expression_list()
          .map((e) => this.expr(e)),
        line,
      };
    }
    if (present(ctx.mapCreatorRest())) {
      const entries = ctx
        .mapCreatorRest()
        .mapCreatorRestPair_list()
        .map((pair) => {
          const [key, value] = pair.expression_list().map((e) => this.expr(e));
          return { key: key as A.Expr, value: value as A.Expr };
        });
      return { kind: 'new', type, args: [], entries, line };
    }
    const rest = ctx.arrayCreatorRest();
    const listType: A.TypeRef = { name: 'List', args: [type], array: true };
    if (present(rest.arrayInitializer())) {
      return {
        kind: 'new',
        type: listType,
        args: [],
        elements: rest
          .arrayInitializer()
          .expression_list()
          .map((e) => this.expr(e)),
        line,
      };
    }
    return { kind: 'new', type: listType, args: [], arraySize: this.expr(rest.expression()), line };
  }
}

/** The operator token(s) between the two operands, e.g. `>=`, `>>>`, `!==`. */
function operatorBetween(ctx: ExpressionContext): string {
  let op = '';
  for (let i = 1; i < ctx.getChildCount() - 1; i++) op += ctx.getChild(i).getText();
  return op;
}

function literal(ctx: LiteralContext): A.Literal {
  const text = ctx.getText();
  if (present(ctx.NULL())) return { type: 'null' };
  if (present(ctx.BooleanLiteral())) return { type: 'boolean', value: text.toLowerCase() === 'true' };
  if (present(ctx.StringLiteral())) return { type: 'string', value: unquote(text) };
  if (present(ctx.IntegerLiteral())) return { type: 'integer', value: Number(text) };
  if (present(ctx.LongLiteral())) return { type: 'long', value: BigInt(text.replace(/[lL]$/, '')) };
  return { type: 'decimal', text };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', "'": "'", '"': '"', '\\': '\\' };

/** Apex string literal → its value (backslash escapes, `\uXXXX`). */
export function unquote(text: string): string {
  return text
    .slice(1, -1)
    .replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, esc: string) =>
      esc.length === 5 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : (ESCAPES[esc] ?? esc),
    );
}
