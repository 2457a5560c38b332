// Runs Apex snippets on the fixture project, each in a fresh transaction on fresh data.
import path from 'node:path';
import { ApexThrow } from '../src/interpreter/interpreter.ts';
import { Runtime, type RuntimeOptions } from '../src/org/runtime.ts';

export interface Harness {
  rt: Runtime;
  /** Runs a snippet and returns what it printed with System.debug. */
  run(apex: string): string[];
  /** Runs a snippet that must raise an Apex exception, and returns its type and message. */
  raised(apex: string): { type: string; message: string };
  /** The same as `Type: message`. */
  raisedText(apex: string): string;
}

export function apexHarness(options: RuntimeOptions & { inTest?: boolean } = {}): Harness {
  const rt = new Runtime(path.join(import.meta.dirname, 'fixture'), options);
  rt.inTest = options.inTest ?? false;
  const base = rt.org.store.snapshot();
  const run = (apex: string): string[] => {
    rt.org.store.restore(base);
    rt.debugLog.length = 0;
    rt.runAnonymous(apex);
    return [...rt.debugLog];
  };
  const raised = (apex: string): { type: string; message: string } => {
    try {
      run(apex);
    } catch (error) {
      if (error instanceof ApexThrow)
        return { type: error.exception.cls.displayName, message: String(error.exception.fields.get('message')) };
      throw error;
    }
    throw new Error('expected an Apex exception');
  };
  return { rt, run, raised, raisedText: (apex) => Object.values(raised(apex)).join(': ') };
}
