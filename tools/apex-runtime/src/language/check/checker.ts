// The compile phase (issue 8): run when a project loads, before any test, over every class and
// trigger. It reports, with file and line, what a deploy of the code would refuse — and only what it
// can tell with certainty: wherever a type is not known (standard-library members the runtime does not
// describe, dynamic SObject access, SOQL result shapes), the expression is `unknown` and nothing that
// depends on it is reported. The same walk types cast operands for the interpreter, in anonymous Apex
// too (where nothing is reported). Class-level rules live here: `override` (Apex Developer Guide,
// "Extending a Class": a subclass overrides a virtual or abstract method with the `override` keyword,
// and only a method it inherits can be overridden).
import type * as A from '../ast.ts';
import { reservedNameProblem } from './reserved.ts';
import type { ClassInfo } from '../classes.ts';
import type { CompileDiagnostic } from '../errors.ts';
import { methodText } from './calls.ts';
import { Diagnostics, memberFrame, type Frame } from './frame.ts';
import { StatementChecker } from './statements.ts';
import { closedChain, closedHierarchy, signatureKey, type CheckEnv } from './symbols.ts';
import type { SType } from './types.ts';

export type { CheckEnv } from './symbols.ts';

/** Checks the project's classes (the registry's, inner ones included) and triggers; returns every error found. */
export function checkProject(env: CheckEnv, triggers: A.TriggerDecl[]): CompileDiagnostic[] {
  const sink = new Diagnostics();
  const checker = new ClassChecker(env, sink);
  const classes = new Set([...env.registry.values()].filter((c) => c.decl));
  for (const cls of classes) checker.checkClass(cls);
  for (const trigger of triggers) checker.checkTrigger(trigger);
  return sink.list.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/**
 * Anonymous Apex is compiled before it runs, as the Tooling API's `executeAnonymous` does: it is code
 * outside every class (so only public and global members are visible to it). Casts get their
 * operands' static types on the way. Returns every error; the caller runs nothing when there is one.
 */
export function checkAnonymous(env: CheckEnv, block: A.Block): CompileDiagnostic[] {
  const sink = new Diagnostics();
  new ClassChecker(env, sink).body(block, memberFrame({ file: 'anonymous', isStatic: false, member: 'anonymous' }));
  return sink.list.sort((a, b) => a.line - b.line);
}

class ClassChecker extends StatementChecker {
  checkClass(cls: ClassInfo): void {
    const decl = cls.decl as A.ClassDecl;
    const head = memberFrame({ file: decl.file, cls, isStatic: true, member: 'field' });
    if (decl.extendsType) this.typeOf(decl.extendsType, head, decl.line);
    decl.implementsTypes.forEach((t) => this.typeOf(t, head, decl.line));
    for (const member of decl.members) this.member(cls, decl, member);
    if (decl.kind !== 'class') return;
    this.checkOverrides(cls, decl);
    this.checkSuperclass(cls, decl, head);
    if (!decl.modifiers.has('abstract')) this.checkImplemented(cls, decl, head);
  }

  checkTrigger(trigger: A.TriggerDecl): void {
    this.body(trigger.body, memberFrame({ file: trigger.file, isStatic: false, member: 'trigger' }));
  }

  private member(cls: ClassInfo, decl: A.ClassDecl, member: A.Member): void {
    const base = { file: decl.file, cls };
    switch (member.kind) {
      case 'field':
        return this.field(member, memberFrame({ ...base, isStatic: member.modifiers.has('static'), member: 'field' }));
      case 'property':
        return this.property(member, { ...base, isStatic: member.modifiers.has('static') });
      case 'method':
        return this.method(member, base);
      case 'constructor': {
        const frame = memberFrame({ ...base, isStatic: false, member: 'constructor' }, this.params(member, base));
        return this.body(member.body, frame);
      }
      case 'initializer':
        return this.body(member.body, memberFrame({ ...base, isStatic: member.isStatic, member: 'initializer' }));
      default:
        // Inner classes are checked on their own (they are in the registry).
        return;
    }
  }

  private field(member: A.FieldDecl, f: Frame): void {
    this.refuseReserved(member.name, f, member.line);
    const type = this.typeOf(member.type, f, member.line);
    if (member.init) this.checkAssignable(this.value(member.init, f), type, f, member.line);
  }

  private property(member: A.PropertyDecl, base: Pick<Frame, 'file' | 'cls' | 'isStatic'>): void {
    const probe = memberFrame({ ...base, member: 'accessor' });
    this.refuseReserved(member.name, probe, member.line);
    const type = this.typeOf(member.type, probe, member.line);
    const frame = (params?: Map<string, SType>): Frame =>
      memberFrame({ ...base, member: 'accessor', property: member, returnType: type }, params);
    if (member.getter && member.getter !== 'auto') this.body(member.getter, frame());
    if (member.setter && member.setter !== 'auto') this.body(member.setter, frame(new Map([['value', type]])));
  }

  private method(member: A.MethodDecl, base: Pick<Frame, 'file' | 'cls'>): void {
    const isStatic = member.modifiers.has('static');
    const probe = memberFrame({ ...base, isStatic, member: 'method' });
    const returnType = member.returnType === 'void' ? undefined : this.typeOf(member.returnType, probe, member.line);
    const params = this.params(member, base);
    if (!member.body) return;
    const frame = memberFrame({ ...base, isStatic, member: 'method', returnType }, params);
    this.body(member.body, frame, returnType ? { type: returnType, line: member.line } : undefined);
  }

  /** The parameters' scope, each type checked ("Invalid type"). */
  private params(member: A.MethodDecl | A.ConstructorDecl, base: Pick<Frame, 'file' | 'cls'>): Map<string, SType> {
    const probe = memberFrame({ ...base, isStatic: false, member: 'method' });
    for (const p of member.params) this.refuseReserved(p.name, probe, member.line);
    return new Map(member.params.map((p) => [p.name.toLowerCase(), this.typeOf(p.type, probe, member.line)]));
  }

  private refuseReserved(name: string, f: Frame, line: number): void {
    const problem = reservedNameProblem(name);
    if (problem) this.sink.report(f, line, problem);
  }

  // ---- override ----

  /**
   * A method with the signature of an inherited virtual or abstract method needs `override`; a method
   * marked `override` needs an inherited method of its name and arity to override. Private and static
   * methods, and hierarchies with supertypes outside the project, are left alone.
   */
  private checkOverrides(cls: ClassInfo, decl: A.ClassDecl): void {
    const frame = memberFrame({ file: decl.file, cls, isStatic: false, member: 'method' });
    for (const member of decl.members) {
      if (member.kind !== 'method' || member.modifiers.has('static')) continue;
      if (member.modifiers.has('override')) this.checkOverriding(cls, member, frame);
      else this.checkOverrideKeyword(cls, member, frame);
    }
  }

  private checkOverriding(cls: ClassInfo, method: A.MethodDecl, f: Frame): void {
    if (/^(tostring|equals|hashcode)$/i.test(method.name) || !closedHierarchy(cls)) return;
    const inherited = ancestorMethods(cls, method.name, true).some((m) => m.params.length === method.params.length);
    if (!inherited) {
      this.sink.report(
        f,
        method.line,
        `@Override specified for non-overriding method: ${methodText(this.env, method, cls)}`,
      );
      return;
    }
    // "Extending a Class": only a virtual or abstract method (or an override, itself overridable) can be overridden.
    const signature = signatureKey(this.env, method.params, cls);
    if (signature.includes('?')) return;
    const sealed = ancestorMethods(cls, method.name, false).find(
      (m) =>
        !m.modifiers.has('private') &&
        !OVERRIDABLE.some((modifier) => m.modifiers.has(modifier)) &&
        signatureKey(this.env, m.params, ownerOf(cls, m)) === signature,
    );
    if (sealed)
      this.sink.report(
        f,
        method.line,
        `Non-virtual, non-abstract methods cannot be overridden: ${methodText(this.env, sealed, ownerOf(cls, sealed))}`,
      );
  }

  // ---- the superclass and the supertypes' methods ----

  /**
   * "Extending a Class": only a virtual or abstract class can be extended (an exception's own rules are
   * left to the platform's exception classes). A constructor that chains to no other constructor calls
   * the superclass's no-argument one, which must exist ("Using Constructors").
   */
  private checkSuperclass(cls: ClassInfo, decl: A.ClassDecl, f: Frame): void {
    const parent = cls.superclass;
    if (!parent?.decl || parent.isException || parent.isInterface) return;
    if (!parent.decl.modifiers.has('virtual') && !parent.decl.modifiers.has('abstract')) {
      this.sink.report(f, decl.line, `Non-virtual and non-abstract type cannot be extended: ${parent.displayName}`);
      return;
    }
    const hasDefault = parent.constructors.length === 0 || parent.constructors.some((c) => c.params.length === 0);
    if (hasDefault) return;
    const problem = `No default constructor available in super type: ${parent.displayName}`;
    if (cls.constructors.length === 0) this.sink.report(f, decl.line, problem);
    for (const constructor of cls.constructors)
      if (!chainsExplicitly(constructor)) this.sink.report(f, constructor.line, problem);
  }

  /**
   * "Interfaces" and "Abstract and Virtual Classes": a concrete class implements every method of its
   * interfaces (theirs and its superclasses') and every abstract method it inherits. Only hierarchies
   * wholly in the project, whose parameter types are all known, are judged.
   */
  private checkImplemented(cls: ClassInfo, decl: A.ClassDecl, f: Frame): void {
    if (!closedHierarchy(cls)) return;
    const implemented = new Set<string>();
    for (let c: ClassInfo | undefined = cls; c; c = c.superclass)
      for (const overloads of c.methods.values())
        for (const m of overloads) if (m.body && !m.modifiers.has('abstract')) implemented.add(this.methodKey(m, c));
    for (const { owner, method, kind } of requiredMethods(cls)) {
      const key = this.methodKey(method, owner);
      if (key.includes('?') || implemented.has(key)) continue;
      implemented.add(key);
      const text = methodText(this.env, method, owner);
      this.sink.report(f, decl.line, `Class ${cls.displayName} must implement the ${kind}: ${text}`);
    }
  }

  private methodKey(method: A.MethodDecl, owner: ClassInfo): string {
    return `${method.name.toLowerCase()}(${signatureKey(this.env, method.params, owner)})`;
  }

  private checkOverrideKeyword(cls: ClassInfo, method: A.MethodDecl, f: Frame): void {
    if (method.modifiers.has('private') || !closedChain(cls)) return;
    const signature = signatureKey(this.env, method.params, cls);
    if (signature.includes('?')) return;
    const overridden = ancestorMethods(cls, method.name, false).find(
      (m) =>
        !m.modifiers.has('private') &&
        !m.modifiers.has('static') &&
        (m.modifiers.has('virtual') || m.modifiers.has('abstract') || m.modifiers.has('override')) &&
        signatureKey(this.env, m.params, ownerOf(cls, m)) === signature,
    );
    if (overridden)
      this.sink.report(f, method.line, `Method must use the override keyword: ${methodText(this.env, method, cls)}`);
  }
}

const OVERRIDABLE = ['virtual', 'abstract', 'override'] as const;

/** A constructor whose first statement is `this(…)` or `super(…)`. */
function chainsExplicitly(constructor: A.ConstructorDecl): boolean {
  const [first] = constructor.body.statements;
  return (
    first?.kind === 'expr' && first.expr.kind === 'call' && !first.expr.target && /^(this|super)$/.test(first.expr.name)
  );
}

interface Required {
  owner: ClassInfo;
  method: A.MethodDecl;
  kind: 'method' | 'abstract method';
}

/** The interface methods and the superclasses' abstract methods a concrete class must implement. */
function requiredMethods(cls: ClassInfo): Required[] {
  const found: Required[] = [];
  const seen = new Set<ClassInfo>();
  const visitInterface = (i: ClassInfo): void => {
    if (seen.has(i)) return;
    seen.add(i);
    for (const overloads of i.methods.values())
      for (const method of overloads) found.push({ owner: i, method, kind: 'method' });
    i.interfaces.forEach(visitInterface);
  };
  for (let c: ClassInfo | undefined = cls; c; c = c.superclass) {
    c.interfaces.forEach(visitInterface);
    if (c === cls) continue;
    for (const overloads of c.methods.values())
      for (const method of overloads)
        if (method.modifiers.has('abstract')) found.push({ owner: c, method, kind: 'abstract method' });
  }
  return found;
}

/** Methods of that name declared by the superclasses (and, with `interfaces`, by every supertype). */
function ancestorMethods(cls: ClassInfo, name: string, interfaces: boolean): A.MethodDecl[] {
  const key = name.toLowerCase();
  const found: A.MethodDecl[] = [];
  const visitInterfaces = (c: ClassInfo): void =>
    c.interfaces.forEach((i) => {
      found.push(...(i.methods.get(key) ?? []));
      visitInterfaces(i);
    });
  if (interfaces) visitInterfaces(cls);
  for (let c = cls.superclass; c; c = c.superclass) {
    found.push(...(c.methods.get(key) ?? []));
    if (interfaces) visitInterfaces(c);
  }
  return found;
}

/** The superclass that declares a method (its parameter types resolve in its own context). */
function ownerOf(cls: ClassInfo, method: A.MethodDecl): ClassInfo {
  for (let c = cls.superclass; c; c = c.superclass) if (c.decl?.members.includes(method)) return c;
  return cls;
}
