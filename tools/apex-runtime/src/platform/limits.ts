// Governor limits with the platform's numbers and messages. A breach raises System.LimitException,
// which the interpreter never lets a catch block handle. CPU time is not modelled: `statements`
// (Apex statements executed) is the deterministic stand-in. Heap is estimated (heap.ts).
import { PlatformError } from '../language/errors.ts';

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
  /** The largest heap estimate seen in this transaction (bytes). */
  heapPeak = 0;
  /** The statement count at which the runtime next estimates the heap. */
  nextHeapSample = 1000;
  /** The last estimate: its bytes, the values it visited and the statement count it was taken at. */
  lastHeap = { bytes: 0, visits: 0, at: -Infinity };

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

  /** 6 MB synchronous, 12 MB asynchronous ("Execution Governors and Limits", total heap size). */
  heapLimit(): number {
    return this.context === 'async' ? 12_000_000 : 6_000_000;
  }

  /** Records a heap estimate; over the limit it raises the platform's LimitException. */
  heap(bytes: number): number {
    this.heapPeak = Math.max(this.heapPeak, bytes);
    if (bytes > this.heapLimit())
      throw new PlatformError('System.LimitException', `Apex heap size too large: ${bytes}`);
    return bytes;
  }

  /** Spends `amount` of a limit, raising LimitException when the platform would. */
  spend(name: LimitName, amount = 1): void {
    const next = this.used[name] + amount;
    if (next > this.limit(name))
      throw new PlatformError('System.LimitException', LIMITS[name].message.replace('{n}', String(next)));
    this.used[name] = next;
  }
}
