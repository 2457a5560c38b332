// Who may use a member of a project class (Apex Developer Guide, "Access Modifiers"): `private` — the
// default — means the top-level class that declares it, its inner classes included; `protected` adds
// the classes that extend it; `public`, `global` and `webservice` reach everywhere, as do an
// interface's methods and an enum's values. A `@TestVisible` member is visible to test code ("TestVisible
// Annotation"): here, any class whose top-level class is `@IsTest`. An inner class is private unless
// declared otherwise, like a member.
import type * as A from '../ast.ts';
import type { ClassInfo } from '../classes.ts';
import { closedChain } from './symbols.ts';

export function topLevel(cls: ClassInfo): ClassInfo {
  let top = cls;
  while (top.outer) top = top.outer;
  return top;
}

/** Whether code of `from` (absent: a trigger or anonymous Apex) may use `decl`, declared by `owner`. */
export function isVisible(owner: ClassInfo, decl: A.Decl, from: ClassInfo | undefined): boolean {
  const m = decl.modifiers;
  if (owner.isInterface || owner.isEnum || m.has('public') || m.has('global') || m.has('webservice')) return true;
  if (from && topLevel(from) === topLevel(owner)) return true;
  if (from && decl.annotations.some((a) => a.name === 'testvisible') && isTestCode(from)) return true;
  return m.has('protected') && from !== undefined && extendsOwner(from, owner);
}

function isTestCode(cls: ClassInfo): boolean {
  return topLevel(cls).decl?.annotations.some((a) => a.name === 'istest') ?? false;
}

/**
 * `from` or one of its outer classes extends `owner`. A chain that leaves the project is given the
 * benefit of the doubt (nothing is reported where the compiler's answer is not certain).
 */
function extendsOwner(from: ClassInfo, owner: ClassInfo): boolean {
  for (let c: ClassInfo | undefined = from; c; c = c.outer) {
    if (!closedChain(c)) return true;
    for (let s = c.superclass; s; s = s.superclass) if (s === owner) return true;
  }
  return false;
}
