import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import ClevertapConnectionForm, { errorMessage } from 'c/clevertapConnectionForm';
import type { ConnectionFormResult, ConnectionView } from 'c/clevertapConnectionForm';
import listConnections from '@salesforce/apex/CleverTapConnectionsController.listConnections';
import deletionImpact from '@salesforce/apex/CleverTapConnectionsController.deletionImpact';
import deleteConnection from '@salesforce/apex/CleverTapConnectionsController.deleteConnection';
import canConfigure from '@salesforce/customPermission/CleverTap_Configure';
import title from '@salesforce/label/c.CT_Conn_Title';
import add from '@salesforce/label/c.CT_Conn_Add';
import colName from '@salesforce/label/c.CT_Conn_Col_Name';
import colRegion from '@salesforce/label/c.CT_Conn_Col_Region';
import colAccount from '@salesforce/label/c.CT_Conn_Col_Account';
import colStatus from '@salesforce/label/c.CT_Conn_Col_Status';
import colDetail from '@salesforce/label/c.CT_Conn_Col_Detail';
import colTested from '@salesforce/label/c.CT_Conn_Col_Tested';
import actionEdit from '@salesforce/label/c.CT_Conn_Action_Edit';
import actionDelete from '@salesforce/label/c.CT_Conn_Action_Delete';
import actionMap from '@salesforce/label/c.CT_Conn_Action_Map';
import emptyAdmin from '@salesforce/label/c.CT_Conn_Empty_Admin';
import emptyViewer from '@salesforce/label/c.CT_Conn_Empty_Viewer';
import loading from '@salesforce/label/c.CT_Conn_Loading';
import deleteTitle from '@salesforce/label/c.CT_Conn_Delete_Title';
import deleted from '@salesforce/label/c.CT_Conn_Deleted';
import savedToast from '@salesforce/label/c.CT_Conn_Saved';
import loadError from '@salesforce/label/c.CT_Conn_Load_Error';
import deleteError from '@salesforce/label/c.CT_Conn_Delete_Error';

interface DeletionImpact {
  syncCount: number;
  queuedRecords: number;
  message: string;
}

interface RowAction {
  name: 'edit' | 'delete' | 'map';
}

/** The modal's static open(), which the lightning/modal typings leave out. */
interface ModalOpener {
  open(options: {
    size: string;
    label: string;
    connection?: ConnectionView;
  }): Promise<ConnectionFormResult | undefined>;
}

interface ConfirmOpener {
  open(options: { message: string; label: string; theme?: string; variant?: string }): Promise<boolean>;
}

/** Connections tab: list, add, edit, delete, and hand a connection to the Map Field tab. */
export default class ClevertapConnections extends LightningElement {
  readonly labels = { title, add, loading };
  readonly canConfigure = canConfigure === true;

  connections: ConnectionView[] = [];
  loaded = false;
  busy = false;
  error?: string;

  get columns(): Record<string, unknown>[] {
    const actions = [
      ...(this.canConfigure
        ? [
            { label: actionEdit, name: 'edit' },
            { label: actionDelete, name: 'delete' },
          ]
        : []),
      { label: actionMap, name: 'map' },
    ];
    return [
      { label: colName, fieldName: 'name', type: 'text' },
      { label: colRegion, fieldName: 'regionLabel', type: 'text' },
      { label: colAccount, fieldName: 'accountId', type: 'text' },
      { label: colStatus, fieldName: 'status', type: 'text', cellAttributes: { class: { fieldName: 'statusClass' } } },
      { label: colDetail, fieldName: 'statusDetail', type: 'text', wrapText: true },
      {
        label: colTested,
        fieldName: 'lastTestedAt',
        type: 'date',
        typeAttributes: { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' },
      },
      { type: 'action', typeAttributes: { rowActions: actions } },
    ];
  }

  get rows(): (ConnectionView & { statusClass: string })[] {
    return this.connections.map((c) => ({ ...c, statusClass: statusClass(c.status) }));
  }

  get isEmpty(): boolean {
    return this.loaded && !this.error && this.connections.length === 0;
  }

  get hasRows(): boolean {
    return this.connections.length > 0;
  }

  get emptyText(): string {
    return this.canConfigure ? emptyAdmin : emptyViewer;
  }

  override connectedCallback(): void {
    this.load();
  }

  async load(): Promise<void> {
    this.busy = true;
    try {
      this.connections = (await listConnections()) as ConnectionView[];
      this.error = undefined;
    } catch (e) {
      this.error = `${loadError} ${errorMessage(e)}`;
    } finally {
      this.loaded = true;
      this.busy = false;
    }
  }

  async handleAdd(): Promise<void> {
    await this.openForm(undefined);
  }

  async handleRowAction(event: CustomEvent<{ action: RowAction; row: ConnectionView }>): Promise<void> {
    const { action, row } = event.detail;
    if (action.name === 'edit') {
      await this.openForm(row);
    } else if (action.name === 'delete') {
      await this.confirmDelete(row);
    } else {
      this.dispatchEvent(new CustomEvent('mapfield', { detail: { connectionId: row.id, connectionName: row.name } }));
    }
  }

  private async openForm(connection: ConnectionView | undefined): Promise<void> {
    const result = await (ClevertapConnectionForm as unknown as ModalOpener).open({
      size: 'small',
      label: connection ? connection.name : add,
      connection,
    });
    if (result?.saved) {
      this.toast(savedToast, 'success');
    }
    await this.load();
  }

  private async confirmDelete(row: ConnectionView): Promise<void> {
    this.busy = true;
    try {
      const impact = (await deletionImpact({ connectionId: row.id })) as DeletionImpact;
      this.busy = false;
      const confirmed = await (LightningConfirm as unknown as ConfirmOpener).open({
        message: impact.message,
        label: deleteTitle,
        theme: 'warning',
      });
      if (!confirmed) return;
      this.busy = true;
      await deleteConnection({ connectionId: row.id });
      this.toast(deleted, 'success');
      await this.load();
    } catch (e) {
      this.error = `${deleteError} ${errorMessage(e)}`;
    } finally {
      this.busy = false;
    }
  }

  private toast(message: string, variant: 'success' | 'error'): void {
    this.dispatchEvent(new ShowToastEvent({ message, variant }));
  }
}

function statusClass(status: string): string {
  if (status === 'Active') return 'slds-text-color_success';
  if (status === 'Invalid Credentials') return 'slds-text-color_error';
  return 'slds-text-color_weak';
}
