import { LightningElement } from 'lwc';
import { api as call } from '../../../platform/session.ts';

interface Job {
  className: string;
  kind: string;
  phase: string;
  error?: string;
  used: Record<string, number>;
  statements: number;
  finishedAt: string;
}

/** Setup → Apex Jobs, as the local org keeps it: every async transaction's outcome and the scheduled jobs. */
export default class JobsPage extends LightningElement {
  jobs: Record<string, unknown>[] = [];
  error = '';
  scheduled: Record<string, unknown>[] = [];
  jobColumns = [
    { label: 'Finished', fieldName: 'finishedAt', type: 'text', initialWidth: 200 },
    { label: 'Apex Class', fieldName: 'className', type: 'text' },
    { label: 'Job Type', fieldName: 'kind', type: 'text' },
    { label: 'Phase', fieldName: 'phase', type: 'text' },
    { label: 'Status', fieldName: 'status', type: 'text' },
    { label: 'SOQL', fieldName: 'soql', type: 'number', initialWidth: 80 },
    { label: 'DML', fieldName: 'dml', type: 'number', initialWidth: 80 },
    { label: 'Callouts', fieldName: 'callouts', type: 'number', initialWidth: 90 },
    { label: 'Statements', fieldName: 'statements', type: 'number', initialWidth: 110 },
    { label: 'Error', fieldName: 'error', type: 'text', wrapText: true },
  ];
  scheduledColumns = [
    { label: 'Job Name', fieldName: 'name', type: 'text' },
    { label: 'Apex Class', fieldName: 'className', type: 'text' },
    { label: 'Cron', fieldName: 'cron', type: 'text' },
    { label: 'Next Run', fieldName: 'nextFireTime', type: 'text' },
    { label: 'State', fieldName: 'state', type: 'text' },
  ];

  override connectedCallback(): void {
    this.refresh().catch((error: Error) => {
      this.error = error.message;
    });
  }

  get hasJobs(): boolean {
    return this.jobs.length > 0;
  }

  get hasScheduled(): boolean {
    return this.scheduled.length > 0;
  }

  get jobsTitle(): string {
    return `Apex Jobs (${this.jobs.length})`;
  }

  get scheduledTitle(): string {
    return `Scheduled Jobs (${this.scheduled.length})`;
  }

  async refresh(): Promise<void> {
    const [jobs, scheduled] = await Promise.all([
      call<Job[]>('/api/jobs'),
      call<Record<string, unknown>[]>('/api/scheduled'),
    ]);
    this.jobs = jobs.slice(0, 500).map((job, i) => ({
      key: `${i}`,
      ...job,
      status: job.error ? 'Failed' : 'Completed',
      soql: job.used.queries ?? 0,
      dml: job.used.dmlStatements ?? 0,
      callouts: job.used.callouts ?? 0,
    }));
    this.scheduled = scheduled;
  }
}
