// What the compile phase knows at a point of the code: the member being checked, its static-ness,
// the local variables in scope (one map per block, the parameters first) and where to report.
import type * as A from '../ast.ts';
import type { ClassInfo } from '../classes.ts';
import type { CompileDiagnostic } from '../errors.ts';
import type { FieldRef, TypeTarget } from './symbols.ts';
import type { SType } from './types.ts';

export type MemberKind = 'method' | 'constructor' | 'initializer' | 'field' | 'accessor' | 'trigger' | 'anonymous';

export interface Frame {
  file: string;
  /** The class whose code this is; absent in trigger bodies and anonymous Apex. */
  cls?: ClassInfo;
  /** Static method, static initializer, static field initializer or static property accessor. */
  isStatic: boolean;
  member: MemberKind;
  /** Inside a property's accessor: its name reads and writes the backing field. */
  property?: A.PropertyDecl;
  /** The declared return type of a method (or a getter's property type); absent where nothing is returned. */
  returnType?: SType;
  /** Local variables, innermost block last; the method's parameters are the first map. */
  scopes: Map<string, SType>[];
  /**
   * A statement the runtime could not parse was met: a variable it declared is invisible here, so
   * names not found in scope are unknown from then on (never "Variable does not exist").
   */
  lenient: boolean;
}

/** An expression's meaning: a value of a static type (a field when it names one), or a type / namespace. */
export type Typed = { kind: 'value'; type: SType; field?: FieldRef } | { kind: 'type'; target: TypeTarget };

export interface Sink {
  report(frame: Frame, line: number, message: string): void;
}

/** Collects diagnostics. */
export class Diagnostics implements Sink {
  readonly list: CompileDiagnostic[] = [];

  report(frame: Frame, line: number, message: string): void {
    this.list.push({ file: frame.file, line, message });
  }
}

export function lookupLocal(frame: Frame, name: string): SType | undefined {
  const key = name.toLowerCase();
  for (let i = frame.scopes.length - 1; i >= 0; i--) {
    const found = (frame.scopes[i] as Map<string, SType>).get(key);
    if (found) return found;
  }
  return undefined;
}

/** A frame for a member: `params` become the first scope. */
export function memberFrame(
  base: Pick<Frame, 'file' | 'cls' | 'isStatic' | 'member'> & Partial<Frame>,
  params: Map<string, SType> = new Map(),
): Frame {
  return { lenient: false, ...base, scopes: [params] };
}
