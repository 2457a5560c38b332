import { LightningElement, wire } from 'lwc';
import missingApex from '@salesforce/apex/NoSuchClass.noSuchMethod';
import canConfigure from '@salesforce/customPermission/CleverTap_Configure';
import settingsTitle from '@salesforce/label/c.CT_Settings_Title';
import userId from '@salesforce/user/Id';
import LightningConfirm from 'lightning/confirm';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import ShimsModal from 'probe/shimsModal';

interface PageReference {
  type: string;
  attributes?: Record<string, string | undefined>;
}
type Navigate = (ref: PageReference) => void;

/** Uses each platform module once; the results are shown as text for the browser test to read. */
export default class Shims extends NavigationMixin(LightningElement) {
  userId = userId;
  label = settingsTitle;
  permission = String(canConfigure);
  pageRef = '';
  apexError = '';
  confirmResult = '';
  modalResult = '';

  @wire(CurrentPageReference)
  wiredPageRef(ref: PageReference | undefined): void {
    this.pageRef = JSON.stringify(ref ?? null);
  }

  navigateToEventsLog(): void {
    const navigate = (this as unknown as Record<symbol, Navigate>)[NavigationMixin.Navigate as unknown as symbol];
    navigate.call(this, { type: 'standard__navItemPage', attributes: { apiName: 'CleverTap_Events_Log' } });
  }

  toast(): void {
    this.dispatchEvent(new ShowToastEvent({ title: 'Probe', message: 'Toast from the probe', variant: 'warning' }));
  }

  refresh(): void {
    this.dispatchEvent(new RefreshEvent());
  }

  async callMissingApex(): Promise<void> {
    try {
      await missingApex({});
    } catch (error) {
      const { body, status } = error as { body: { message: string }; status: number };
      this.apexError = `${status}: ${body.message}`;
    }
  }

  async confirm(): Promise<void> {
    const result = await LightningConfirm.open({ message: 'Probe confirm?', label: 'Probe', theme: 'warning' });
    this.confirmResult = String(result);
  }

  async openModal(): Promise<void> {
    const result = await ShimsModal.open({ size: 'small', heading: 'Probe modal' });
    this.modalResult = String(result);
  }
}
