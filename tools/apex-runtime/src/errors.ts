// The two ways the runtime fails: an Apex exception the code under test may catch, and a
// construct the runtime does not implement, which must never pass silently.

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
