import { LightningElement, api } from 'lwc';
import LightningConfirm from 'lightning/confirm';
import { navigate } from '../../../platform/navigation.ts';
import { api as call } from '../../../platform/session.ts';
import { ShowToastEvent } from '../../../platform/toast.ts';

interface ObjectInfo {
  name: string;
  label: string;
  pluralLabel: string;
}
interface Page {
  total: number;
  page: number;
  pageSize: number;
  columns: string[];
  /** Column labels, named by the server as the form's field labels are. */
  columnLabels: Record<string, string>;
  records: Record<string, unknown>[];
}

const PAGE_SIZE = 25;
const AUDIT_FIELDS = ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

/** Records of the supported objects: a paged list (newest first), a form, and a bulk load. */
export default class RecordsPage extends LightningElement {
  @api objectApiName = 'Lead';
  @api recordId: string | undefined;
  @api actionName: string | undefined;
  objects: { label: string; value: string }[] = [];
  rows: Record<string, unknown>[] = [];
  columns: unknown[] = [];
  total = 0;
  page = 1;
  formOpen = false;
  editId: string | undefined;
  bulkCount = 500;
  busy = false;
  error = '';
  private typesOf: { object: string; types: Map<string, string> } | undefined;

  override async connectedCallback(): Promise<void> {
    const objects = await call<ObjectInfo[]>('/api/objects');
    this.objects = objects.map((o) => ({ label: o.pluralLabel, value: o.name }));
    if (this.recordId || this.actionName === 'new') this.openForm(this.recordId);
    await this.load();
  }

  get heading(): string {
    return this.objects.find((o) => o.value === this.objectApiName)?.label ?? this.objectApiName;
  }

  get pageText(): string {
    const pages = Math.max(1, Math.ceil(this.total / PAGE_SIZE));
    return `${this.total} records · page ${this.page} of ${pages}`;
  }

  get noPrevious(): boolean {
    return this.page <= 1;
  }

  get noNext(): boolean {
    return this.page * PAGE_SIZE >= this.total;
  }

  get isEmpty(): boolean {
    return this.total === 0 && !this.error;
  }

  async load(): Promise<void> {
    try {
      const [result, types] = await Promise.all([
        call<Page>(`/api/records/${this.objectApiName}?page=${this.page}&pageSize=${PAGE_SIZE}`),
        this.fieldTypes(),
      ]);
      this.total = result.total;
      this.rows = result.records;
      this.columns = [
        ...result.columns.map((name) => ({
          label: result.columnLabels[name] ?? name,
          fieldName: name,
          ...cellType(types.get(name)),
        })),
        { label: 'Id', fieldName: 'Id', type: 'text' },
        {
          type: 'action',
          typeAttributes: {
            rowActions: [
              { label: 'Edit', name: 'edit' },
              { label: 'Delete', name: 'delete' },
            ],
          },
        },
      ];
      this.error = '';
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Each field's type, from the object's describe plus the audit fields every object has. */
  private async fieldTypes(): Promise<Map<string, string>> {
    if (this.typesOf?.object !== this.objectApiName) {
      const describe = await call<{ fields: { name: string; type: string }[] }>(`/api/objects/${this.objectApiName}`);
      const types = new Map<string, string>(AUDIT_FIELDS.map((name) => [name, 'datetime']));
      for (const field of describe.fields) types.set(field.name, field.type);
      this.typesOf = { object: this.objectApiName, types };
    }
    return this.typesOf.types;
  }

  handleObjectChange(event: CustomEvent<{ value: string }>): void {
    navigate({ type: 'standard__objectPage', attributes: { objectApiName: event.detail.value, actionName: 'list' } });
  }

  handleNew(): void {
    this.openForm(undefined);
  }

  private openForm(id: string | undefined): void {
    this.editId = id;
    this.formOpen = true;
  }

  async handleRowAction(event: CustomEvent<{ action: { name: string }; row: { Id: string } }>): Promise<void> {
    const { action, row } = event.detail;
    if (action.name === 'edit') {
      this.formOpen = false;
      await Promise.resolve();
      this.openForm(row.Id);
      return;
    }
    // As Lightning does, a delete is confirmed first.
    const sure = await LightningConfirm.open({
      message: `Delete ${this.objectApiName} ${row.Id}? Its triggers run as for any delete.`,
      label: `Delete ${this.objectApiName}`,
      theme: 'warning',
    });
    if (!sure) return;
    try {
      await call(`/api/records/${this.objectApiName}/${row.Id}`, { method: 'DELETE' });
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Deleted',
          message: `${this.objectApiName} ${row.Id} was deleted.`,
          variant: 'success',
        }),
      );
      await this.load();
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({ title: 'Delete failed', message: (error as Error).message, variant: 'error' }),
      );
    }
  }

  async handleSaved(event: CustomEvent<{ id: string; created: boolean }>): Promise<void> {
    this.formOpen = false;
    const verb = event.detail.created ? 'created' : 'saved';
    this.dispatchEvent(
      new ShowToastEvent({
        title: 'Saved',
        message: `${this.objectApiName} ${event.detail.id} was ${verb}.`,
        variant: 'success',
      }),
    );
    this.page = 1;
    await this.load();
  }

  handleCancel(): void {
    this.formOpen = false;
  }

  handleBulkCount(event: CustomEvent<{ value: string }>): void {
    this.bulkCount = Number(event.detail.value);
  }

  async handleBulk(): Promise<void> {
    this.busy = true;
    try {
      const result = await call<{ created: number; failed: number; transactions: number; firstError?: string }>(
        `/api/records/${this.objectApiName}/bulk`,
        { method: 'POST', body: JSON.stringify({ count: this.bulkCount }) },
      );
      const failed = result.failed > 0 ? `, ${result.failed} failed (${result.firstError ?? ''})` : '';
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Bulk load done',
          message: `${result.created} ${this.objectApiName} records created in ${result.transactions} transactions${failed}.`,
          variant: result.failed > 0 ? 'warning' : 'success',
        }),
      );
      this.page = 1;
      await this.load();
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({ title: 'Bulk load failed', message: (error as Error).message, variant: 'error' }),
      );
    } finally {
      this.busy = false;
    }
  }

  async previous(): Promise<void> {
    this.page--;
    await this.load();
  }

  async next(): Promise<void> {
    this.page++;
    await this.load();
  }
}

/** The datatable cell type of a field type, formatted as Lightning's list views show it. */
function cellType(type: string | undefined): { type: string; typeAttributes?: Record<string, string> } {
  switch (type) {
    case 'datetime':
      return {
        type: 'date',
        typeAttributes: { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' },
      };
    case 'date':
      return { type: 'date-local' };
    case 'int':
    case 'double':
      return { type: 'number' };
    case 'currency':
    case 'email':
    case 'phone':
    case 'url':
    case 'boolean':
      return { type };
    case 'percent':
      return { type: 'number' };
    default:
      return { type: 'text' };
  }
}
