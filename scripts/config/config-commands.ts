/**
 * The export and import flows behind `npm run syncs:export` and `npm run syncs:import`, apart from
 * their command lines so tests run them against a local org.
 */
import type { Connection } from 'jsforce';
import { applyPlan, type ApplyResult } from './apply.ts';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  formatDocument,
  parseDocument,
  type ConfigDocument,
  type DocumentProblem,
} from './document.ts';
import { checkAgainstOrg, orgSchemaOf } from './org-checks.ts';
import { readOrgState, type OrgState } from './org-state.ts';
import { checkConnectionsExist, formatPlan, isNoop, planImport, type Plan } from './plan.ts';

function documentOf(state: OrgState): ConfigDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    connections: state.connections.map((c) => ({ ...c.fields, syncs: c.syncs.map((s) => s.config) })),
  };
}

export interface ExportResult {
  text: string;
  document: ConfigDocument;
  /** Values in the org the format refuses (set outside the wizard): importing the file will say so too. */
  problems: DocumentProblem[];
}

export async function exportConfig(conn: Connection): Promise<ExportResult> {
  const document = documentOf(await readOrgState(conn));
  const text = formatDocument(document);
  const checked = parseDocument(JSON.parse(text));
  return { text, document, problems: checked.ok ? [] : checked.problems };
}

export interface ImportOptions {
  dryRun: boolean;
  replacePasscodes: boolean;
  /** Passcodes found so far (lower-case connection name → passcode), e.g. from the environment. */
  passcodes: Map<string, string>;
  /** Imports the file's only connection under this name (a template into an existing connection). */
  connectionName?: string;
  /** Asked for each connection that needs a passcode and has none yet; undefined skips it. */
  askPasscode?: (connectionName: string) => Promise<string | undefined>;
}

export type ImportOutcome =
  | { ok: false; stage: 'file' | 'org'; problems: DocumentProblem[] }
  | { ok: true; plan: Plan; planText: string; applied?: ApplyResult; noop: boolean };

/** Reads the file's JSON text; every problem is found before anything in the org changes. */
export async function importConfig(conn: Connection, fileText: string, options: ImportOptions): Promise<ImportOutcome> {
  let input: unknown;
  try {
    input = JSON.parse(fileText);
  } catch (error) {
    return { ok: false, stage: 'file', problems: [{ path: '$', message: `is not JSON: ${(error as Error).message}` }] };
  }
  const parsed = parseDocument(input);
  if (!parsed.ok) return { ok: false, stage: 'file', problems: parsed.problems };
  const doc = retarget(parsed.document, options.connectionName);
  if (!doc) {
    const message = 'holds several connections: --connection renames the connection of a file that has one';
    return { ok: false, stage: 'file', problems: [{ path: '$.connections', message }] };
  }
  const orgProblems = await checkAgainstOrg(doc, orgSchemaOf(conn));
  if (orgProblems.length > 0) return { ok: false, stage: 'org', problems: orgProblems };
  const state = await readOrgState(conn);
  const missing = checkConnectionsExist(doc, state);
  if (missing.length > 0) return { ok: false, stage: 'org', problems: missing };
  const passcodes = new Map(options.passcodes);
  if (!options.dryRun && options.askPasscode) await askMissing(doc, state, passcodes, options);
  const plan = planImport(doc, state, { given: new Set(passcodes.keys()), replace: options.replacePasscodes });
  const planText = formatPlan(plan);
  const noop = isNoop(plan);
  if (options.dryRun || noop) return { ok: true, plan, planText, noop };
  return { ok: true, plan, planText, noop, applied: await applyPlan(conn, plan, passcodes) };
}

/** Prompts only for connections that would otherwise stay without a passcode. */
async function askMissing(
  doc: ConfigDocument,
  state: OrgState,
  passcodes: Map<string, string>,
  options: ImportOptions,
): Promise<void> {
  const stored = new Set(state.connections.filter((c) => c.hasPasscode).map((c) => c.fields.name.toLowerCase()));
  for (const c of doc.connections) {
    const name = c.name.toLowerCase();
    if (passcodes.has(name) || (stored.has(name) && !options.replacePasscodes)) continue;
    const answer = await options.askPasscode?.(c.name);
    if (answer) passcodes.set(name, answer);
  }
}

/** The document with its one connection renamed, or undefined when it has several. */
function retarget(doc: ConfigDocument, name: string | undefined): ConfigDocument | undefined {
  if (name === undefined) return doc;
  if (doc.connections.length > 1) return undefined;
  return { ...doc, connections: doc.connections.map((c) => ({ ...c, name })) };
}
