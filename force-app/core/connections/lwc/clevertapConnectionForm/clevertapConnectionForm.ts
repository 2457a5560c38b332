import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import regions from '@salesforce/apex/CleverTapConnectionsController.regions';
import saveConnection from '@salesforce/apex/CleverTapConnectionsController.saveConnection';
import testConnection from '@salesforce/apex/CleverTapConnectionsController.testConnection';
import titleNew from '@salesforce/label/c.CT_Conn_Form_New';
import titleEdit from '@salesforce/label/c.CT_Conn_Form_Edit';
import regionLabel from '@salesforce/label/c.CT_Conn_Field_Region';
import regionHelp from '@salesforce/label/c.CT_Conn_Field_Region_Help';
import nameLabel from '@salesforce/label/c.CT_Conn_Field_Name';
import accountLabel from '@salesforce/label/c.CT_Conn_Field_Account';
import accountHelp from '@salesforce/label/c.CT_Conn_Field_Account_Help';
import passcodeLabel from '@salesforce/label/c.CT_Conn_Field_Passcode';
import passcodeHelp from '@salesforce/label/c.CT_Conn_Field_Passcode_Help';
import passcodeSet from '@salesforce/label/c.CT_Conn_Passcode_Set';
import passcodeReplace from '@salesforce/label/c.CT_Conn_Passcode_Replace';
import modeLabel from '@salesforce/label/c.CT_Conn_Field_Mode';
import modeHelp from '@salesforce/label/c.CT_Conn_Field_Mode_Help';
import modeImmediate from '@salesforce/label/c.CT_Conn_Mode_Immediate';
import modeScheduled from '@salesforce/label/c.CT_Conn_Mode_Scheduled';
import activeLabel from '@salesforce/label/c.CT_Conn_Field_Active';
import save from '@salesforce/label/c.CT_Conn_Save';
import cancel from '@salesforce/label/c.CT_Conn_Cancel';
import test from '@salesforce/label/c.CT_Conn_Test';
import connected from '@salesforce/label/c.CT_Conn_Test_Connected';
import invalid from '@salesforce/label/c.CT_Conn_Test_Invalid';
import testError from '@salesforce/label/c.CT_Conn_Test_Error';
import fixFields from '@salesforce/label/c.CT_Conn_Fix_Fields';
import saving from '@salesforce/label/c.CT_Conn_Saving';
import unknownError from '@salesforce/label/c.CT_Conn_Unknown_Error';
import { errorMessage as messageOf } from 'c/clevertapErrors';

/** ConnectionView of CleverTapConnectionsController (no passcode, only whether one is stored). */
export interface ConnectionView {
  id: string;
  name: string;
  regionCode: string;
  regionLabel: string;
  accountId: string;
  deliveryMode: string;
  active: boolean;
  status: string;
  statusDetail?: string;
  lastTestedAt?: string;
  hasPasscode: boolean;
  syncCount: number;
  message?: string;
}

interface RegionOption {
  code: string;
  label: string;
  host: string;
}

interface TestView {
  status: string;
  message?: string;
  testedAt?: string;
  connection?: ConnectionView;
}

/** What the modal resolves with; undefined when dismissed without a save. */
export interface ConnectionFormResult {
  saved: boolean;
  connection?: ConnectionView;
}

interface Validatable extends HTMLElement {
  reportValidity(): boolean;
}

type FieldName = 'regionCode' | 'name' | 'accountId' | 'passcode' | 'deliveryMode';

/** A failed call's message, or this screen's "something went wrong" label. */
export const errorMessage = (error: unknown): string => messageOf(error, unknownError);

export default class ClevertapConnectionForm extends LightningModal {
  /** The connection to edit; undefined adds a new one. */
  @api connection?: ConnectionView;

  readonly labels = {
    regionLabel,
    regionHelp,
    nameLabel,
    accountLabel,
    accountHelp,
    passcodeLabel,
    passcodeHelp,
    passcodeSet,
    passcodeReplace,
    modeLabel,
    modeHelp,
    activeLabel,
    save,
    cancel,
    test,
    saving,
  };
  readonly modeOptions = [
    { label: modeImmediate, value: 'Immediate' },
    { label: modeScheduled, value: 'Scheduled' },
  ];

  regionOptions: { label: string; value: string }[] = [];
  values: Record<FieldName, string> = {
    regionCode: '',
    name: '',
    accountId: '',
    passcode: '',
    deliveryMode: 'Immediate',
  };
  active = true;
  replacingPasscode = false;
  busy = false;
  error?: string;
  notice?: string;
  testResult?: { heading: string; message?: string; good: boolean };
  /** The connection as last saved from this form; set once a save succeeded. */
  saved?: ConnectionView;
  private dirty = false;

  override connectedCallback(): void {
    const c = this.connection;
    if (c) {
      this.values = {
        regionCode: c.regionCode,
        name: c.name,
        accountId: c.accountId,
        passcode: '',
        deliveryMode: c.deliveryMode || 'Immediate',
      };
      this.active = c.active;
    }
    this.loadRegions();
  }

  get heading(): string {
    return this.current ? titleEdit : titleNew;
  }

  /** The stored connection this form edits: the one passed in, or the one the form has saved. */
  get current(): ConnectionView | undefined {
    return this.saved ?? this.connection;
  }

  get showPasscodeInput(): boolean {
    return !this.current?.hasPasscode || this.replacingPasscode;
  }

  get passcodeRequired(): boolean {
    return this.active && !this.current?.hasPasscode;
  }

  get testClass(): string {
    return `test-result slds-box slds-box_x-small slds-m-top_small ${
      this.testResult?.good ? 'slds-theme_success' : 'slds-theme_error'
    }`;
  }

  private async loadRegions(): Promise<void> {
    try {
      const list = (await regions()) as RegionOption[];
      this.regionOptions = list.map((r) => ({ label: r.label, value: r.code }));
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  handleChange(event: Event): void {
    const target = event.target as HTMLInputElement & { dataset: { field?: FieldName } };
    const field = target.dataset.field;
    if (!field) return;
    this.values = { ...this.values, [field]: (event as CustomEvent<{ value?: string }>).detail?.value ?? target.value };
    this.dirty = true;
  }

  handleActive(event: Event): void {
    this.active = (event.target as HTMLInputElement).checked;
    this.dirty = true;
  }

  handleReplace(): void {
    this.replacingPasscode = true;
  }

  handleCancel(): void {
    this.close(this.saved ? ({ saved: true, connection: this.saved } as ConnectionFormResult) : undefined);
  }

  async handleSave(): Promise<void> {
    const view = await this.saveIfValid();
    if (view && !view.message) {
      this.close({ saved: true, connection: view } as ConnectionFormResult);
    }
  }

  /** Saves first when the form has changes or was never saved, then asks CleverTap. */
  async handleTest(): Promise<void> {
    this.testResult = undefined;
    let id = this.current?.id;
    if (!id || this.dirty) {
      const view = await this.saveIfValid();
      if (!view) return;
      id = view.id;
    }
    this.busy = true;
    this.error = undefined;
    try {
      const result = (await testConnection({ connectionId: id })) as TestView;
      if (result.connection) this.saved = result.connection;
      this.testResult = {
        heading: headingOf(result.status),
        message: result.message,
        good: result.status === 'Connected',
      };
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  /** Saves when every field is valid; keeps the inputs and shows the error otherwise. */
  private async saveIfValid(): Promise<ConnectionView | undefined> {
    this.error = undefined;
    this.notice = undefined;
    if (!this.reportValidity()) {
      this.error = fixFields;
      return undefined;
    }
    this.busy = true;
    try {
      const view = (await saveConnection({ input: JSON.stringify(this.payload()) })) as ConnectionView;
      this.saved = view;
      this.dirty = false;
      this.replacingPasscode = false;
      this.values = { ...this.values, passcode: '' };
      this.active = view.active;
      this.notice = view.message;
      return view;
    } catch (e) {
      this.error = errorMessage(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  private payload(): Record<string, unknown> {
    return {
      id: this.current?.id,
      name: this.values.name,
      regionCode: this.values.regionCode,
      accountId: this.values.accountId,
      passcode: this.showPasscodeInput ? this.values.passcode : null,
      deliveryMode: this.values.deliveryMode,
      active: this.active,
    };
  }

  private reportValidity(): boolean {
    const inputs = [...(this.template?.querySelectorAll<Validatable>('.field') ?? [])];
    return inputs.map((input) => input.reportValidity()).every(Boolean);
  }
}

function headingOf(status: string): string {
  if (status === 'Connected') return connected;
  if (status === 'Invalid Credentials') return invalid;
  return testError;
}
