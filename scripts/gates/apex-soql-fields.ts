// Closes two gaps apex-ls leaves open (see shared/TOOLCHAIN.md, "Apex checks"):
//  1. field and object names inside static SOQL (`[SELECT … FROM …]`) are never checked;
//  2. once the project adds a field to a standard object, apex-ls stops checking that object's fields.
// Both are checked here against loadSchema(): the jar's standard objects plus the project's metadata.
// Precision over recall: whatever cannot be resolved for sure (unknown objects, polymorphic hops,
// untyped expressions) is skipped, never reported.
// Usage: npx tsx scripts/gates/apex-soql-fields.ts [root]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApexErrorListener,
  ApexParserFactory,
  ArrayExpressionContext,
  BlockContext,
  BoundExpressionContext,
  CatchClauseContext,
  ClassBodyContext,
  ClassDeclarationContext,
  ConstructorDeclarationContext,
  DotExpressionContext,
  EnumDeclarationContext,
  FieldNameContext,
  ForStatementContext,
  FromNameListContext,
  IdPrimaryContext,
  InterfaceDeclarationContext,
  LocalVariableDeclarationContext,
  MethodDeclarationContext,
  PrimaryExpressionContext,
  QueryContext,
  SelectEntryContext,
  SoqlLiteralContext,
  SubFieldEntryContext,
  SubQueryContext,
  ThisPrimaryContext,
  TriggerBlockContext,
  TypeOfContext,
  TypeRefContext,
  ValueContext,
  WhenControlContext,
  WithClauseContext,
  type ApexParseTree,
  type ApexParserRuleContext,
  type ExpressionContext,
  type FieldDeclarationContext,
  type PropertyDeclarationContext,
} from '@apexdevtools/apex-parser';
import { type Finding, formatFinding, reportFindings } from '../lib/findings.ts';
import { listFiles } from '../lib/files.ts';
import { readProject } from '../lib/project.ts';
import { type Schema, type SchemaField, type SchemaObject, loadSchema } from '../lib/schema.ts';

export interface SoqlFieldsResult {
  findings: Finding[];
  /** Things deliberately not checked (TYPEOF, files that do not parse): printed, never failing. */
  notes: Finding[];
}

export function checkApexSoqlFields(root: string): Finding[] {
  return analyzeApexSoqlFields(root).findings;
}

export function analyzeApexSoqlFields(root: string): SoqlFieldsResult {
  const schema = loadSchema(root);
  const isApex = (name: string): boolean => name.endsWith('.cls') || name.endsWith('.trigger');
  const files = readProject(root)
    .packageDirs.filter((dir) => existsSync(dir))
    .flatMap((dir) => listFiles(dir, isApex));
  const topLevelTypes = new Set(files.map((file) => path.parse(file).name.toLowerCase()));
  const result: SoqlFieldsResult = { findings: [], notes: [] };
  for (const file of files) checkFile({ schema, file, topLevelTypes, result });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Parse-tree helpers

type Node = ApexParserRuleContext;

function isRule(tree: ApexParseTree): tree is Node {
  return 'children' in tree && 'start' in tree;
}

function kids(node: Node): Node[] {
  return (node.children ?? []).filter(isRule);
}

/** Every descendant of a type (nested ones too), without entering subtrees `stop` accepts (subqueries, binds). */
function collect<T extends Node>(
  node: Node,
  type: abstract new (...args: never[]) => T,
  stop?: (n: Node) => boolean,
): T[] {
  const out: T[] = [];
  for (const child of kids(node)) {
    if (child instanceof type) out.push(child);
    if (!stop?.(child)) out.push(...collect(child, type, stop));
  }
  return out;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

interface FileContext {
  schema: Schema;
  file: string;
  /** The project's class and trigger names, lower-cased. */
  topLevelTypes: Set<string>;
  result: SoqlFieldsResult;
}

interface Check extends FileContext {
  /** Apex types visible in this file (top-level and its inner types): they shadow a same-named SObject. */
  apexTypes: Set<string>;
}

class SilentErrors extends ApexErrorListener {
  count = 0;
  apexSyntaxError(): void {
    this.count++;
  }
}

function checkFile(ctx: FileContext): void {
  const errors = new SilentErrors();
  const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(ctx.file, 'utf8'), errors);
  const tree: Node = ctx.file.endsWith('.trigger') ? parser.triggerUnit() : parser.compilationUnit();
  if (errors.count > 0) {
    const message = 'does not parse; SOQL and field names not checked (the syntax gate reports it)';
    ctx.result.notes.push({ file: ctx.file, line: 0, rule: 'apex-unparsed', message });
    return;
  }
  const apexTypes = new Set(ctx.topLevelTypes);
  for (const type of [ClassDeclarationContext, InterfaceDeclarationContext, EnumDeclarationContext]) {
    for (const decl of collect<Node & { id(): Node }>(tree, type)) apexTypes.add(decl.id().getText().toLowerCase());
  }
  const check: Check = { ...ctx, apexTypes };
  for (const literal of collect(tree, SoqlLiteralContext)) {
    const query = literal.query();
    checkQuery(check, query, fromObject(check, query));
  }
  for (const dot of collect(tree, DotExpressionContext)) checkFieldAccess(check, dot);
}

function report(check: Check, at: Node, rule: string, message: string): void {
  check.result.findings.push({ file: check.file, line: at.start.line, column: at.start.column + 1, rule, message });
}

// ---------------------------------------------------------------------------------------------
// SOQL

type AnyQuery = QueryContext | SubQueryContext;

/** The object a query reads; undefined when it is unknown or has no field data (then only FROM is checked). */
function fromObject(check: Check, query: AnyQuery): SchemaObject | undefined {
  const from = query.fromNameList();
  const names = from.fieldName_list();
  if (names.length !== 1 || names[0].soqlId_list().length !== 1) return undefined; // `FROM Contact c, c.Account a`
  const name = names[0].getText();
  if (!check.schema.hasObject(name)) {
    report(check, names[0], 'soql-unknown-object', `Unknown object '${name}' in SOQL FROM`);
    return undefined;
  }
  return check.schema.getObject(name);
}

/** A subquery in the select list reads a child relationship of the outer object. */
function childObject(check: Check, parent: SchemaObject | undefined, query: SubQueryContext): SchemaObject | undefined {
  const names = query.fromNameList().fieldName_list();
  if (!parent || names.length !== 1) return undefined;
  const name = names[0].getText();
  const child = check.schema.getChildRelationship(parent.name, name);
  if (!child) {
    const message = `${parent.name} has no child relationship '${name}' (subquery FROM ${name})`;
    report(check, names[0], 'soql-unknown-field', message);
    return undefined;
  }
  return check.schema.getObject(child.childObject);
}

/** Not entered when collecting a query's own field names: each is checked on its own terms. */
const OWN_SCOPE = (n: Node): boolean =>
  n instanceof SubQueryContext ||
  n instanceof BoundExpressionContext ||
  n instanceof TypeOfContext ||
  n instanceof FromNameListContext ||
  n instanceof WithClauseContext;

function checkQuery(check: Check, query: AnyQuery, object: SchemaObject | undefined): void {
  const ownSubqueries = (n: Node): boolean => n instanceof BoundExpressionContext || n instanceof SubQueryContext;
  for (const sub of collect(query, SubQueryContext, ownSubqueries)) {
    const parent = sub.parentCtx;
    const isChild = parent instanceof SelectEntryContext || parent instanceof SubFieldEntryContext;
    if (isChild) checkQuery(check, sub, childObject(check, object, sub));
    else if (parent instanceof ValueContext) checkQuery(check, sub, fromObject(check, sub));
  }
  for (const typeOf of collect(query, TypeOfContext, OWN_SCOPE)) {
    const note = { file: check.file, line: typeOf.start.line, column: typeOf.start.column + 1 };
    check.result.notes.push({ ...note, rule: 'soql-typeof-unchecked', message: 'TYPEOF is not checked' });
  }
  if (!object) return;
  const aliases = queryAliases(query);
  for (const fieldName of collect(query, FieldNameContext, OWN_SCOPE)) {
    checkFieldPath(check, object, fieldName, aliases);
  }
}

/** FROM alias (`FROM Account a`) and select-list aliases (`COUNT(Id) total`), lower-cased. */
function queryAliases(query: AnyQuery): Set<string> {
  const aliases = new Set<string>();
  const fromAlias = query.fromNameList().soqlId_list()[0];
  if (fromAlias) aliases.add(fromAlias.getText().toLowerCase());
  if (query instanceof QueryContext) {
    for (const entry of query.selectList().selectEntry_list()) {
      const alias = entry.soqlId();
      if (alias) aliases.add(alias.getText().toLowerCase());
    }
  }
  return aliases;
}

/** `Name`, `Account.Owner.Name`, `Parent__r.Name`, `What.Name`: every hop a relationship, the last a field. */
function checkFieldPath(check: Check, from: SchemaObject, fieldName: FieldNameContext, aliases: Set<string>): void {
  let ids = fieldName.soqlId_list();
  const first = ids[0].getText();
  if (ids.length === 1 && aliases.has(first.toLowerCase())) return;
  const prefixed = aliases.has(first.toLowerCase()) || same(first, from.name);
  if (ids.length > 1 && prefixed && !check.schema.getRelationship(from.name, first)) ids = ids.slice(1);
  let object = from;
  for (const [i, id] of ids.entries()) {
    const name = id.getText();
    if (i === ids.length - 1) {
      if (check.schema.getField(object.name, name)) return;
      report(check, id, 'soql-unknown-field', unknownFieldMessage(check, object, name, fieldName));
      return;
    }
    const relationship = check.schema.getRelationship(object.name, name);
    if (!relationship) {
      report(check, id, 'soql-unknown-field', unknownRelationshipMessage(check, object, name, fieldName));
      return;
    }
    const parent = parentObject(check.schema, relationship);
    if (!parent) return; // polymorphic or outside the stored objects: cannot say more
    object = parent;
  }
}

/** Where a relationship leads: its one parent, or `Name` for a polymorphic Name-pointing lookup. */
function parentObject(schema: Schema, relationship: SchemaField): SchemaObject | undefined {
  if (relationship.namePointing) return schema.getObject('Name');
  if (relationship.polymorphic || relationship.referenceTo.length !== 1) return undefined;
  return schema.getObject(relationship.referenceTo[0]);
}

function unknownFieldMessage(check: Check, object: SchemaObject, name: string, path: Node): string {
  const where = `${object.name}${object.name === 'Name' ? ' (what a polymorphic relationship exposes)' : ''}`;
  const hint = check.schema.getRelationship(object.name, name)
    ? `; '${name}' is a relationship, select one of its fields`
    : '';
  return `No field '${name}' on ${where} (SOQL ${path.getText()})${hint}`;
}

function unknownRelationshipMessage(check: Check, object: SchemaObject, name: string, path: Node): string {
  const lookup = check.schema.getField(object.name, name);
  const hint = lookup?.relationshipName ? `; traverse the lookup as '${lookup.relationshipName}'` : '';
  return `${object.name} has no relationship '${name}' (SOQL ${path.getText()})${hint}`;
}

// ---------------------------------------------------------------------------------------------
// Field access on variables typed as an extended standard object

/** Members every SObject type or variable has besides its fields (`Lead.SObjectType`, `Lead.Fields.X`). */
const TYPE_MEMBERS = new Set(['sobjecttype', 'fields']);

/**
 * `x.F`, `x[i].F`, `this.x.F`, `x.Rel.F` and field tokens `Lead.F`: reported only when the object is
 * certain and is a standard object the project extends (apex-ls checks all the others).
 */
function checkFieldAccess(check: Check, dot: DotExpressionContext): void {
  const member = dot.anyId();
  if (!member) return; // a method call
  const object = expressionObject(check, dot.expression());
  if (!object || !check.schema.isExtended(object.name)) return;
  const name = member.getText();
  const { schema } = check;
  if (TYPE_MEMBERS.has(name.toLowerCase())) return;
  if (schema.getField(object.name, name) || schema.getRelationship(object.name, name)) return;
  if (schema.getChildRelationship(object.name, name)) return;
  const message = `No field '${name}' on ${object.name} (${dot.getText()}); ${object.name} has project fields, so apex-ls does not check it`;
  report(check, member, 'unknown-sobject-field', message);
}

/** The stored SObject an expression certainly evaluates to (or names, for a field token), or undefined. */
function expressionObject(check: Check, expr: ExpressionContext): SchemaObject | undefined {
  if (expr instanceof PrimaryExpressionContext) {
    const primary = expr.primary();
    return primary instanceof IdPrimaryContext ? identifierObject(check, primary, false) : undefined;
  }
  if (expr instanceof ArrayExpressionContext) {
    const list = expr.expression(0);
    const primary = list instanceof PrimaryExpressionContext ? list.primary() : undefined;
    return primary instanceof IdPrimaryContext ? identifierObject(check, primary, true) : undefined;
  }
  if (expr instanceof DotExpressionContext && expr.anyId()) {
    const inner = expr.expression();
    const name = expr.anyId().getText();
    if (inner instanceof PrimaryExpressionContext && inner.primary() instanceof ThisPrimaryContext) {
      return classFieldObject(check, expr, name);
    }
    const owner = expressionObject(check, inner);
    const relationship = owner && check.schema.getRelationship(owner.name, name);
    return relationship ? parentObject(check.schema, relationship) : undefined;
  }
  return undefined;
}

/**
 * A variable's declared SObject type; with `element`, the element type of its List or array.
 * An undeclared name spelled exactly like a stored object (`Lead`) is that object's type: `Lead.Foo__c`.
 */
function identifierObject(check: Check, primary: IdPrimaryContext, element: boolean): SchemaObject | undefined {
  const name = primary.id().getText();
  if (check.apexTypes.has(name.toLowerCase())) return undefined;
  const declaration = findDeclaration(primary, name);
  if (declaration) return declaration.typeRef ? typeObject(check, declaration.typeRef, element) : undefined;
  const object = element ? undefined : check.schema.getObject(name);
  return object?.name === name ? object : undefined;
}

function classFieldObject(check: Check, usage: Node, name: string): SchemaObject | undefined {
  for (let node = usage.parentCtx; node; node = node.parentCtx) {
    if (node instanceof ClassBodyContext) {
      const typeRef = classBodyDeclarations(node).find((d) => same(d.name, name))?.typeRef;
      return typeRef ? typeObject(check, typeRef, false) : undefined;
    }
  }
  return undefined;
}

/** `Lead`, `Schema.Lead`; with `element`, `List<Lead>` and `Lead[]` give Lead. Shadowing Apex types give nothing. */
function typeObject(check: Check, typeRef: TypeRefContext, element: boolean): SchemaObject | undefined {
  let names = typeRef.typeName_list();
  if (names.length === 2 && same(names[0].getText(), 'Schema')) names = names.slice(1);
  if (names.length !== 1) return undefined;
  const [typeName] = names;
  const isArray = typeRef.arraySubscripts()?.getText() === '[]';
  if (element && typeName.LIST() && !isArray) {
    const inner = typeName.typeArguments()?.typeList()?.typeRef_list();
    return inner?.length === 1 ? typeObject(check, inner[0], false) : undefined;
  }
  if (element !== isArray || !typeName.id() || typeName.typeArguments()) return undefined;
  const name = typeName.id().getText();
  return check.apexTypes.has(name.toLowerCase()) ? undefined : check.schema.getObject(name);
}

// ---------------------------------------------------------------------------------------------
// Scopes: find the declaration a name refers to, innermost first, stopping at the enclosing class

interface Declaration {
  name: string;
  /** Undefined for declarations whose type is never an SObject (catch variables). */
  typeRef?: TypeRefContext;
}

/** The declaration `name` refers to as seen from `usage`; undefined when not in this class (inherited, outer). */
function findDeclaration(usage: Node, name: string): Declaration | undefined {
  let child: Node = usage;
  for (let node = usage.parentCtx; node; child = node, node = node.parentCtx) {
    const found = visibleDeclarations(node, child).find((d) => same(d.name, name));
    if (found) return found;
    if (node instanceof ClassBodyContext || node instanceof TriggerBlockContext) return undefined;
  }
  return undefined;
}

function visibleDeclarations(node: Node, child: Node): Declaration[] {
  if (node instanceof BlockContext || node instanceof TriggerBlockContext) {
    const before = kids(node).slice(0, kids(node).indexOf(child));
    return before
      .flatMap((statement) => collect(statement, LocalVariableDeclarationContext, isNestedScope))
      .flatMap(locals);
  }
  if (node instanceof ForStatementContext) {
    const control = node.forControl();
    const enhanced = control?.enhancedForControl();
    if (enhanced) return [{ name: enhanced.id().getText(), typeRef: enhanced.typeRef() }];
    const init = control?.forInit()?.localVariableDeclaration();
    return init ? locals(init) : [];
  }
  if (node instanceof MethodDeclarationContext || node instanceof ConstructorDeclarationContext) {
    const params = node.formalParameters().formalParameterList()?.formalParameter_list() ?? [];
    return params.map((p) => ({ name: p.id().getText(), typeRef: p.typeRef() }));
  }
  if (node instanceof CatchClauseContext) return [{ name: node.id().getText() }];
  if (node instanceof WhenControlContext) {
    const value = node.whenValue();
    const typeRef = value.typeRef();
    return typeRef && value.id() ? [{ name: value.id().getText(), typeRef }] : [];
  }
  if (node instanceof ClassBodyContext) return classBodyDeclarations(node);
  return [];
}

/** Statements that open their own scope: their locals are not visible to later siblings. */
function isNestedScope(node: Node): boolean {
  return node instanceof BlockContext || node instanceof ForStatementContext || node instanceof ClassBodyContext;
}

function locals(decl: LocalVariableDeclarationContext): Declaration[] {
  const typeRef = decl.typeRef();
  return decl
    .variableDeclarators()
    .variableDeclarator_list()
    .map((v) => ({ name: v.id().getText(), typeRef }));
}

function classBodyDeclarations(body: ClassBodyContext): Declaration[] {
  return body.classBodyDeclaration_list().flatMap((member) => {
    const decl = member.memberDeclaration();
    const field: FieldDeclarationContext | null = decl?.fieldDeclaration() ?? null;
    const property: PropertyDeclarationContext | null = decl?.propertyDeclaration() ?? null;
    if (field) {
      const typeRef = field.typeRef();
      return field
        .variableDeclarators()
        .variableDeclarator_list()
        .map((v) => ({ name: v.id().getText(), typeRef }));
    }
    return property ? [{ name: property.id().getText(), typeRef: property.typeRef() }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// CLI

function main(): void {
  const root = path.resolve(process.argv[2] ?? process.cwd());
  const { findings, notes } = analyzeApexSoqlFields(root);
  for (const note of notes) console.log(`note: ${formatFinding(note, root)}`);
  reportFindings('apex-soql-fields', findings, root);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
