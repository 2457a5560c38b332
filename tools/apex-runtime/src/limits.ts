// Governor limits with the platform's numbers and messages. A breach raises System.LimitException,
// which the interpreter never lets a catch block handle. CPU time and heap are not modelled;
// `statements` (Apex statements executed) is the deterministic stand-in.
import { PlatformError } from './errors.ts';

export type LimitContext = 'sync' | 'async';

interface LimitSpec {
  sync: number;
  async: number;
  /** Message of the LimitException, with `{n}` for the count that breached it. */
  message: string;
}

/** Apex Developer Guide, "Execution Governors and Limits" (per-transaction limits). */
export const LIMITS = {
  queries: { sync: 100, async: 200, message: 'Too many SOQL queries: {n}' },
  queryRows: { sync: 50_000, async: 50_000, message: 'Too many query rows: {n}' },
  soslQueries: { sync: 20, async: 20, message: 'Too many SOSL queries: {n}' },
  dmlStatements: { sync: 150, async: 150, message: 'Too many DML statements: {n}' },
  dmlRows: { sync: 10_000, async: 10_000, message: 'Too many DML rows: {n}' },
  callouts: { sync: 100, async: 100, message: 'Too many callouts: {n}' },
  queueableJobs: { sync: 50, async: 1, message: 'Too many queueable jobs added to the queue: {n}' },
  futureCalls: { sync: 50, async: 0, message: 'Too many future calls: {n}' },
  publishImmediate: { sync: 150, async: 150, message: 'Too many immediate EventBus.publish calls: {n}' },
  emailInvocations: { sync: 10, async: 10, message: 'Too many Email Invocations: {n}' },
} satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;

export class GovernorLimits {
  readonly context: LimitContext;
  readonly used: Record<LimitName, number> = {
    queries: 0,
    queryRows: 0,
    soslQueries: 0,
    dmlStatements: 0,
    dmlRows: 0,
    callouts: 0,
    queueableJobs: 0,
    futureCalls: 0,
    publishImmediate: 0,
    emailInvocations: 0,
  };
  /** Apex statements executed: deterministic, unlike CPU time. */
  statements = 0;

  constructor(context: LimitContext) {
    this.context = context;
  }

  limit(name: LimitName): number {
    return LIMITS[name][this.context];
  }

  snapshot(): Record<LimitName, number> {
    return { ...this.used };
  }

  restore(used: Record<LimitName, number>): void {
    Object.assign(this.used, used);
  }

  /** Spends `amount` of a limit, raising LimitException when the platform would. */
  spend(name: LimitName, amount = 1): void {
    const next = this.used[name] + amount;
    if (next > this.limit(name))
      throw new PlatformError('System.LimitException', LIMITS[name].message.replace('{n}', String(next)));
    this.used[name] = next;
  }
}
