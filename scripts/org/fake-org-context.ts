// A stand-in for the Salesforce CLI, npm and the LWC build: records every command the org commands
// run, in order, and answers each from a table of realistic CLI answers (shapes taken from the
// pinned CLI 2.146.3's --json output). Nothing is spawned and no network is touched.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OrgContext } from './command.ts';
import type { SfMode, SfOutput } from './sf.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** What `sf … --json` prints; for a `show` command only `status` matters. */
export interface CliAnswer {
  status: number;
  result?: unknown;
  name?: string;
  message?: string;
  data?: unknown;
}

export const ok = (result: unknown): CliAnswer => ({ status: 0, result });
export const fail = (name: string, message: string, extra: Partial<CliAnswer> = {}): CliAnswer => ({
  status: 1,
  name,
  message,
  ...extra,
});

/** The debug log of `sf apex run` after CleverTapBackgroundJobs.start(), as the platform writes it. */
export const JOBS_LOG = [
  '65.0 APEX_CODE,DEBUG;APEX_PROFILING,INFO',
  "Execute Anonymous: System.debug(LoggingLevel.ERROR, 'CLEVERTAP_JOBS ' + JSON.serialize(jobs));",
  '10:15:02.41 (41229012)|USER_DEBUG|[3]|ERROR|CLEVERTAP_JOBS [' +
    '{"state":"WAITING","nextFireTime":"2026-05-04T10:30:00.000Z","name":"CleverTap Drainer :30"},' +
    '{"state":"WAITING","nextFireTime":"2026-05-05T02:37:00.000Z","name":"CleverTap Log Purge"},' +
    '{"state":"WAITING","nextFireTime":"2026-05-04T11:07:00.000Z","name":"CleverTap Watchdog"}]',
  '10:15:02.41 (41312000)|CODE_UNIT_FINISHED|execute_anonymous_apex',
].join('\n');

const hubPackage = (Name: string, Id: string) => ({
  Id,
  Name,
  NamespacePrefix: 'ctimport',
  ContainerOptions: 'Managed',
  SubscriberPackageId: '033' + Id.slice(3),
});

export const HUB_PACKAGES = [
  hubPackage('CleverTap Import', '0Ho000000000001AAA'),
  hubPackage('CleverTap Import Quotes', '0Ho000000000002AAA'),
  hubPackage('CleverTap Import Field Service', '0Ho000000000003AAA'),
  hubPackage('CleverTap Import Orders', '0Ho000000000004AAA'),
];

export const versionCreated = (n: number): CliAnswer =>
  ok({
    Id: `08c00000000000${n}AAA`,
    Status: 'Success',
    Package2Id: '0Ho000000000001AAA',
    SubscriberPackageVersionId: `04t00000000000${n}AAA`,
    VersionNumber: `0.1.0.${n}`,
    CodeCoverage: 90 + n,
    HasPassedCodeCoverageCheck: true,
  });

/** The happy path of every command. */
const DEFAULT_ANSWERS: Record<string, CliAnswer | CliAnswer[]> = {
  'sobject list': ok(['Account', 'Case', 'Contact', 'Lead', 'Opportunity', 'Order', 'Quote', 'ServiceAppointment']),
  'project deploy start': { status: 0 },
  'org assign permset': ok({ successes: [{ name: 'admin@example.com', value: 'CleverTap_Admin' }], failures: [] }),
  'apex run': ok({ success: true, compiled: true, compileProblem: '', exceptionMessage: '', logs: JOBS_LOG }),
  'org create scratch': ok({ username: 'test-kx3@example.com', orgId: '00D000000000001AAA', warnings: [] }),
  'data import tree': ok([
    { refId: 'AccountRef1', type: 'Account', id: '001000000000001AAA' },
    { refId: 'AccountRef2', type: 'Account', id: '001000000000002AAA' },
    { refId: 'ContactRef1', type: 'Contact', id: '003000000000001AAA' },
    { refId: 'LeadRef1', type: 'Lead', id: '00Q000000000001AAA' },
  ]),
  'org open': ok({
    orgId: '00D000000000001AAA',
    username: 'test-kx3@example.com',
    url: 'https://power-fun-1234-dev-ed.scratch.my.salesforce.com/secur/frontdoor.jsp?otp=abc',
  }),
  'org display': ok({ instanceUrl: 'https://power-fun-1234-dev-ed.scratch.my.salesforce.com' }),
  'package list': ok(HUB_PACKAGES),
  'package version create': [versionCreated(1), versionCreated(2), versionCreated(3), versionCreated(4)],
};

export interface FakeOrg {
  ctx: OrgContext;
  /** Every command in order: `sf …`, `npm test`, `build-lwc`. */
  calls: string[];
  /** The text of each Apex file passed to `sf apex run --file`, read when the command ran. */
  apexSources: string[];
  /** The files passed to `sf apex run --file` (to check they are gone afterwards). */
  apexFiles: string[];
  output: string[];
}

export interface FakeOptions {
  answers?: Record<string, CliAnswer | CliAnswer[]>;
  root?: string;
  env?: Record<string, string>;
  checksStatus?: number;
}

/** The command's words before its first flag: `org assign permset`. */
const commandOf = (args: readonly string[]): string => {
  const flag = args.findIndex((arg) => arg.startsWith('-'));
  return args.slice(0, flag < 0 ? args.length : flag).join(' ');
};

export function fakeOrg(options: FakeOptions = {}): FakeOrg {
  const answers = { ...DEFAULT_ANSWERS, ...options.answers };
  const asked = new Map<string, number>();
  const calls: string[] = [];
  const apexSources: string[] = [];
  const apexFiles: string[] = [];
  const output: string[] = [];
  const sf = (args: readonly string[], mode: SfMode): SfOutput => {
    calls.push(['sf', ...args].join(' '));
    const command = commandOf(args);
    const file = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
    if (command === 'apex run' && file) {
      apexFiles.push(file);
      apexSources.push(existsSync(file) ? readFileSync(file, 'utf8') : '(missing)');
    }
    const answer = answerFor(answers, asked, command);
    return { status: answer.status, stdout: mode === 'capture' ? JSON.stringify(answer, null, 2) : '' };
  };
  const ctx: OrgContext = {
    sf,
    runChecks: () => {
      calls.push('npm test');
      return options.checksStatus ?? 0;
    },
    buildLwc: () => void calls.push('build-lwc'),
    log: (line) => void output.push(line),
    root: options.root ?? REPO_ROOT,
    env: options.env ?? {},
  };
  return { ctx, calls, apexSources, apexFiles, output };
}

/** A list of answers is served in order (one per call), its last one repeated. */
function answerFor(
  answers: Record<string, CliAnswer | CliAnswer[]>,
  asked: Map<string, number>,
  command: string,
): CliAnswer {
  const entry = answers[command];
  if (!entry) throw new Error(`The fake CLI has no answer for "sf ${command}"`);
  const count = asked.get(command) ?? 0;
  asked.set(command, count + 1);
  if (!Array.isArray(entry)) return entry;
  return entry[Math.min(count, entry.length - 1)] as CliAnswer;
}

/** Replaces the random temporary Apex file path so calls can be compared exactly. */
export const withApexFile = (calls: string[]): string[] =>
  calls.map((call) => call.replace(/--file \S+/, '--file <apex>'));
