import { LightningElement } from 'lwc';
import title from '@salesforce/label/c.CT_Settings_Title';
import intro from '@salesforce/label/c.CT_Settings_Intro';
import connectionsTab from '@salesforce/label/c.CT_Settings_Tab_Connections';
import mapFieldTab from '@salesforce/label/c.CT_Settings_Tab_Map_Field';
import settingsTab from '@salesforce/label/c.CT_Settings_Tab_Settings';
import canConfigure from '@salesforce/customPermission/CleverTap_Configure';

type TabValue = 'connections' | 'mapField' | 'settings';

interface ConnectionChoice {
  connectionId: string;
  connectionName: string;
}

interface SyncChoice {
  connectionId: string;
  syncId?: string;
}

/**
 * The CleverTap Settings tab: Connections, Map Field (a connection's Integration Sync List, or the
 * sync wizard while one is added or edited) and Settings (admins only). It only routes between the
 * panels; each panel talks to its own controller.
 */
export default class ClevertapSettings extends LightningElement {
  readonly labels = { title, intro, connectionsTab, mapFieldTab, settingsTab };
  readonly canConfigure = canConfigure === true;

  activeTab: TabValue = 'connections';
  connectionId?: string;
  connectionName?: string;
  syncId?: string;
  editingSync = false;

  handleTabActive(event: Event): void {
    this.activeTab = (event.target as HTMLElement & { value: TabValue }).value;
  }

  handleMapField(event: CustomEvent<ConnectionChoice>): void {
    this.connectionId = event.detail.connectionId;
    this.connectionName = event.detail.connectionName;
    this.editingSync = false;
    this.activeTab = 'mapField';
  }

  handleAddSync(event: CustomEvent<SyncChoice>): void {
    this.openWizard(event.detail.connectionId, undefined);
  }

  handleEditSync(event: CustomEvent<SyncChoice>): void {
    this.openWizard(event.detail.connectionId, event.detail.syncId);
  }

  /** Back to the list, which loads afresh when it renders again (a saved sync shows at once). */
  handleWizardClose(): void {
    this.editingSync = false;
    this.syncId = undefined;
  }

  private openWizard(connectionId: string, syncId: string | undefined): void {
    this.connectionId = connectionId;
    this.syncId = syncId;
    this.editingSync = true;
  }
}
