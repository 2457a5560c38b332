// The ways the runtime fails: an Apex exception the code under test may catch, a construct the
// runtime does not implement, which must never pass silently, and code the Apex compiler refuses.

/** A platform exception (e.g. `System.QueryException`) raised by native code; the interpreter turns it into an Apex exception. */
export class PlatformError extends Error {
  readonly apexType: string;

  constructor(apexType: string, message: string) {
    super(message);
    this.apexType = apexType;
  }
}

/** Something the runtime does not implement: the test that reaches it is an ERROR, never a PASS. */
export class UnsupportedApexFeature extends Error {
  constructor(construct: string, file: string, line: number) {
    super(`UnsupportedApexFeature: ${construct} at ${file}:${line}`);
  }
}

/** One compile error: where the deploy would point, and what it would say. */
export interface CompileDiagnostic {
  file: string;
  line: number;
  message: string;
}

/**
 * Code the Apex compiler refuses: the project does not load, as a deploy of it would fail. Carries
 * every error found (a deploy lists them all), one `Compile error at file:line: message` per line.
 */
export class ApexCompileError extends Error {
  readonly diagnostics: CompileDiagnostic[];

  constructor(diagnostics: CompileDiagnostic[]) {
    super(diagnostics.map((d) => `Compile error at ${d.file}:${d.line}: ${d.message}`).join('\n'));
    this.diagnostics = diagnostics;
  }
}
