/**
 * `npm run deploy -- --target-org local`: the local org already runs this checkout's source (it loads
 * it when `npm start` starts it, so a restart picks up changes), so "deploy" there is the rest of what
 * deploy does to an org: the running user gets CleverTap_Admin and the background jobs start, through
 * the same REST API a real org serves.
 */
import type { Connection } from 'jsforce';
import { queryAll } from '../config/org-state.ts';
import { ADMIN_PERMISSION_SET, START_JOBS_APEX } from './deploy.ts';

export async function deployToLocalOrg(conn: Connection, username: string, log: (line: string) => void): Promise<void> {
  log("The local org runs this checkout's source: restart npm start to load Apex or metadata changes.");
  await assignAdminPermissionSet(conn, username, log);
  const run = await conn.tooling.executeAnonymous(START_JOBS_APEX);
  if (!run.success)
    throw new Error(
      `Starting the background jobs failed: ${run.compileProblem ?? run.exceptionMessage ?? 'no reason given'}`,
    );
  const jobs = await queryAll(
    conn,
    'SELECT CronJobDetail.Name, State, NextFireTime FROM CronTrigger ORDER BY CronJobDetail.Name',
  );
  log('✓ Background jobs started:');
  for (const job of jobs) {
    const name = String((job.CronJobDetail as { Name?: string } | null)?.Name ?? '');
    log(
      `    ${name.padEnd(24)} ${String(job.State)}${job.NextFireTime ? `, next run ${String(job.NextFireTime)}` : ''}`,
    );
  }
}

async function assignAdminPermissionSet(
  conn: Connection,
  username: string,
  log: (line: string) => void,
): Promise<void> {
  const [user] = await queryAll(conn, `SELECT Id FROM User WHERE Username = '${username.replace(/'/g, "\\'")}'`);
  const [set] = await queryAll(conn, `SELECT Id FROM PermissionSet WHERE Name = '${ADMIN_PERMISSION_SET}'`);
  if (!user || !set)
    throw new Error(`The user ${username} or the permission set ${ADMIN_PERMISSION_SET} is not in the local org.`);
  const assigned = await queryAll(
    conn,
    `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${user.Id}' AND PermissionSetId = '${set.Id}'`,
  );
  if (assigned.length === 0)
    await conn.sobject('PermissionSetAssignment').create({ AssigneeId: user.Id, PermissionSetId: set.Id });
  log(
    `✓ Permission set ${ADMIN_PERMISSION_SET} ${assigned.length > 0 ? 'was already assigned' : 'assigned'} to ${username}`,
  );
}
