/**
 * `--target-org <alias|local>` → a jsforce Connection. A real org is reached with the Salesforce
 * CLI's stored authorisation (`sf org display`), so these commands never handle a password; `local`
 * is the local org started by `npm start`, which serves the same REST API subset.
 */
import { spawnSync } from 'node:child_process';
import { Connection } from 'jsforce';
import { readLocalSession } from '../../tools/local-org/session.ts';
import { SF_ENV, sfBin } from '../org/sf.ts';

/** The project's API version (sfdx-project.json `sourceApiVersion`). */
export const API_VERSION = '65.0';

export interface OrgTarget {
  instanceUrl: string;
  accessToken: string;
}

export function connectionTo(target: OrgTarget): Connection {
  return new Connection({ instanceUrl: target.instanceUrl, accessToken: target.accessToken, version: API_VERSION });
}

/** Resolves `--target-org`; throws an Error whose message tells the user what to do. */
export function resolveTarget(alias: string | undefined, options: { dataDir?: string } = {}): OrgTarget {
  if (!alias)
    throw new Error(
      'Say which org: --target-org <alias> (an org authorised with `sf org login web`) or --target-org local.',
    );
  if (alias === 'local') return readLocalSession(options.dataDir);
  const run = spawnSync(sfBin(), ['org', 'display', '--target-org', alias, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, ...SF_ENV },
  });
  if (run.error) throw run.error;
  const answer = parseJson(run.stdout) as
    { status?: number; result?: Partial<OrgTarget>; message?: string } | undefined;
  const { accessToken, instanceUrl } = answer?.result ?? {};
  if (answer?.status !== 0 || !accessToken || !instanceUrl)
    throw new Error(
      `The Salesforce CLI cannot reach org "${alias}"${answer?.message ? `: ${answer.message}` : ''}. Authorise it with \`sf org login web --alias ${alias}\`.`,
    );
  return { accessToken, instanceUrl };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
