import { LightningElement, api } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import sourceEntities from '@salesforce/apex/CleverTapSyncEditorController.sourceEntities';
import fields from '@salesforce/apex/CleverTapSyncEditorController.fields';
import loadSync from '@salesforce/apex/CleverTapSyncEditorController.loadSync';
import saveSync from '@salesforce/apex/CleverTapSyncEditorController.saveSync';
import findRecords from '@salesforce/apex/CleverTapSyncEditorController.findRecords';
import preview from '@salesforce/apex/CleverTapSyncEditorController.preview';
import sendTest from '@salesforce/apex/CleverTapSyncEditorController.sendTest';
import titleNew from '@salesforce/label/c.CT_Wiz_Title_New';
import titleEdit from '@salesforce/label/c.CT_Wiz_Title_Edit';
import active from '@salesforce/label/c.CT_Wiz_Active';
import working from '@salesforce/label/c.CT_Wiz_Working';
import stepConfiguration from '@salesforce/label/c.CT_Wiz_Step_Configuration';
import stepRequired from '@salesforce/label/c.CT_Wiz_Step_Required';
import stepAdditional from '@salesforce/label/c.CT_Wiz_Step_Additional';
import stepWhen from '@salesforce/label/c.CT_Wiz_Step_When';
import stepPreview from '@salesforce/label/c.CT_Wiz_Step_Preview';
import syncName from '@salesforce/label/c.CT_Wiz_Sync_Name';
import syncType from '@salesforce/label/c.CT_Wiz_Sync_Type';
import syncTypeValue from '@salesforce/label/c.CT_Wiz_Sync_Type_Value';
import sourceEntity from '@salesforce/label/c.CT_Wiz_Source_Entity';
import targetEntity from '@salesforce/label/c.CT_Wiz_Target_Entity';
import profile from '@salesforce/label/c.CT_Wiz_Profile';
import eventTarget from '@salesforce/label/c.CT_Wiz_Event';
import requiredMapping from '@salesforce/label/c.CT_Wiz_Required_Mapping';
import customerId from '@salesforce/label/c.CT_Wiz_Customer_Id';
import customerIdHelp from '@salesforce/label/c.CT_Wiz_Customer_Id_Help';
import insertField from '@salesforce/label/c.CT_Wiz_Insert_Field';
import insert from '@salesforce/label/c.CT_Wiz_Insert';
import eventName from '@salesforce/label/c.CT_Wiz_Event_Name';
import eventNameHelp from '@salesforce/label/c.CT_Wiz_Event_Name_Help';
import additionalFields from '@salesforce/label/c.CT_Wiz_Additional_Fields';
import noMappings from '@salesforce/label/c.CT_Wiz_No_Mappings';
import targetField from '@salesforce/label/c.CT_Wiz_Target_Field';
import sourceField from '@salesforce/label/c.CT_Wiz_Source_Field';
import chooseField from '@salesforce/label/c.CT_Wiz_Choose_Field';
import backToObject from '@salesforce/label/c.CT_Wiz_Back_To_Object';
import dataType from '@salesforce/label/c.CT_Wiz_Data_Type';
import addField from '@salesforce/label/c.CT_Wiz_Add_Field';
import removeField from '@salesforce/label/c.CT_Wiz_Remove_Field';
import triggerEvents from '@salesforce/label/c.CT_Wiz_Trigger_Events';
import deleteAction from '@salesforce/label/c.CT_Wiz_Delete_Action';
import deleteNone from '@salesforce/label/c.CT_Wiz_Delete_None';
import deleteEvent from '@salesforce/label/c.CT_Wiz_Delete_Event';
import deleteProfile from '@salesforce/label/c.CT_Wiz_Delete_Profile';
import deleteEventName from '@salesforce/label/c.CT_Wiz_Delete_Event_Name';
import filters from '@salesforce/label/c.CT_Wiz_Filters';
import filtersHelp from '@salesforce/label/c.CT_Wiz_Filters_Help';
import filterField from '@salesforce/label/c.CT_Wiz_Filter_Field';
import operator from '@salesforce/label/c.CT_Wiz_Operator';
import value from '@salesforce/label/c.CT_Wiz_Value';
import addFilter from '@salesforce/label/c.CT_Wiz_Add_Filter';
import removeFilter from '@salesforce/label/c.CT_Wiz_Remove_Filter';
import onlyWhenChanged from '@salesforce/label/c.CT_Wiz_Only_When_Changed';
import findRecord from '@salesforce/label/c.CT_Wiz_Find_Record';
import search from '@salesforce/label/c.CT_Wiz_Search';
import record from '@salesforce/label/c.CT_Wiz_Record';
import noRecords from '@salesforce/label/c.CT_Wiz_No_Records';
import previewLabel from '@salesforce/label/c.CT_Wiz_Preview';
import identity from '@salesforce/label/c.CT_Wiz_Identity';
import sendTestLabel from '@salesforce/label/c.CT_Wiz_Send_Test';
import sendTestHelp from '@salesforce/label/c.CT_Wiz_Send_Test_Help';
import testAnswer from '@salesforce/label/c.CT_Wiz_Test_Answer';
import testStatus from '@salesforce/label/c.CT_Wiz_Test_Status';
import cancel from '@salesforce/label/c.CT_Wiz_Cancel';
import back from '@salesforce/label/c.CT_Wiz_Back';
import next from '@salesforce/label/c.CT_Wiz_Next';
import save from '@salesforce/label/c.CT_Wiz_Save';
import saved from '@salesforce/label/c.CT_Wiz_Saved';
import fixFields from '@salesforce/label/c.CT_Wiz_Fix_Fields';
import loadError from '@salesforce/label/c.CT_Wiz_Load_Error';
import unknownError from '@salesforce/label/c.CT_Wiz_Unknown_Error';
import { errorMessage as messageOf } from 'c/clevertapErrors';

interface SourceEntity {
  value: string;
  label: string;
  custom: boolean;
  note?: string;
  triggerEvents: string[];
  defaultIdentity: string;
}

interface FieldOption {
  path: string;
  label: string;
  type: string;
  suggestedDataType: string;
  relationship: boolean;
  referenceTo?: string;
}

interface Criterion {
  field?: string;
  operator?: string;
  value?: string;
}

interface Mapping {
  targetField?: string;
  sourceField?: string;
  dataType?: string;
}

export interface SyncInput {
  id?: string;
  connectionId?: string;
  name?: string;
  sourceObject?: string;
  target?: string;
  customerIdTemplate?: string;
  eventNameTemplate?: string;
  triggerEvents: string[];
  deleteAction?: string;
  deleteEventName?: string;
  onlyWhenChanged: boolean;
  active: boolean;
  filter: Criterion[];
  mappings: Mapping[];
}

interface TestSendView {
  status: string;
  httpStatus?: number;
  response?: string;
  message?: string;
}

interface PreviewView {
  identity?: string;
  eventName?: string;
  payloadJson?: string;
  problems: string[];
  warnings: string[];
}

/** A mapping row on the page: the relationship path its Source Field picker is walking. */
interface MappingRow extends Mapping {
  key: number;
  walk: string;
}

interface FilterRow extends Criterion {
  key: number;
}

type Step = 'configuration' | 'required' | 'additional' | 'when' | 'preview';
const STEPS: Step[] = ['configuration', 'required', 'additional', 'when', 'preview'];
const OPERATORS = [
  'equals',
  'not equals',
  'contains',
  'starts with',
  'greater than',
  'less than',
  'is null',
  'is not null',
  'is changed',
  'changed from',
  'changed to',
];
const NO_VALUE = new Set(['is null', 'is not null', 'is changed']);
const DATA_TYPES = ['String', 'Number', 'Boolean', 'Date', 'Multi-value'];

/** A failed call's message, or this screen's "something went wrong" label. */
export const errorMessage = (error: unknown): string => messageOf(error, unknownError);

/** Add New Sync and Edit: configuration → required mapping → additional fields → when to send → preview. */
export default class ClevertapSyncWizard extends LightningElement {
  @api connectionId?: string;
  @api syncId?: string;

  readonly labels = {
    active,
    working,
    syncName,
    syncType,
    syncTypeValue,
    sourceEntity,
    targetEntity,
    requiredMapping,
    customerId,
    customerIdHelp,
    insertField,
    insert,
    eventName,
    eventNameHelp,
    additionalFields,
    noMappings,
    targetField,
    chooseField,
    backToObject,
    dataType,
    addField,
    removeField,
    triggerEvents,
    deleteAction,
    deleteEventName,
    filters,
    filtersHelp,
    filterField,
    operator,
    value,
    addFilter,
    removeFilter,
    onlyWhenChanged,
    findRecord,
    search,
    record,
    noRecords,
    preview: previewLabel,
    identity,
    sendTest: sendTestLabel,
    sendTestHelp,
    testAnswer,
    cancel,
    back,
    next,
    save,
  };
  readonly steps = [
    { value: 'configuration', label: stepConfiguration },
    { value: 'required', label: stepRequired },
    { value: 'additional', label: stepAdditional },
    { value: 'when', label: stepWhen },
    { value: 'preview', label: stepPreview },
  ];
  readonly targetOptions = [
    { label: profile, value: 'Profile' },
    { label: eventTarget, value: 'Event' },
  ];
  readonly dataTypeOptions = DATA_TYPES.map((t) => ({ label: t, value: t }));
  readonly operatorOptions = OPERATORS.map((o) => ({ label: o, value: o }));

  stepValue: Step = 'configuration';
  busy = false;
  error?: string;
  entities: SourceEntity[] = [];
  form: SyncInput = {
    triggerEvents: ['Create', 'Update'],
    deleteAction: 'None',
    onlyWhenChanged: false,
    active: true,
    filter: [],
    mappings: [],
  };
  mappings: MappingRow[] = [];
  filterRows: FilterRow[] = [];
  fieldsByWalk: Record<string, FieldOption[]> = {};
  tokenField?: string;
  searchTerm = '';
  records?: { id: string; name: string }[];
  recordId?: string;
  previewResult?: PreviewView;
  testResult?: TestSendView;
  private nextKey = 0;

  get heading(): string {
    return this.isEdit ? titleEdit : titleNew;
  }
  get isEdit(): boolean {
    return !!this.syncId;
  }
  get isConfiguration(): boolean {
    return this.stepValue === 'configuration';
  }
  get isRequiredMapping(): boolean {
    return this.stepValue === 'required';
  }
  get isAdditionalFields(): boolean {
    return this.stepValue === 'additional';
  }
  get isWhenToSend(): boolean {
    return this.stepValue === 'when';
  }
  get isPreview(): boolean {
    return this.stepValue === 'preview';
  }
  get hasBack(): boolean {
    return this.stepValue !== 'configuration';
  }
  get hasNext(): boolean {
    return this.stepValue !== 'preview';
  }
  get isEvent(): boolean {
    return this.form.target === 'Event';
  }
  get entity(): SourceEntity | undefined {
    return this.entities.find((e) => e.value === this.form.sourceObject);
  }
  get entityOptions(): { label: string; value: string }[] {
    return this.entities.map((e) => ({ label: e.custom ? `${e.label} (${e.value})` : e.label, value: e.value }));
  }
  get entityNote(): string | undefined {
    return this.entity?.note;
  }
  get ownFieldOptions(): { label: string; value: string }[] {
    return (this.fieldsByWalk[''] ?? []).filter((f) => !f.relationship).map((f) => ({ label: f.label, value: f.path }));
  }
  get noTokenField(): boolean {
    return !this.tokenField;
  }
  get noMappings(): boolean {
    return this.mappings.length === 0;
  }
  get mappingRows(): Record<string, unknown>[] {
    return this.mappings.map((row) => ({
      ...row,
      walked: !!row.walk,
      sourceLabel: row.walk ? `${sourceField} (${row.walk})` : sourceField,
      options: (this.fieldsByWalk[row.walk] ?? []).map((f) => ({
        label: f.relationship ? `${f.label} ›` : f.label,
        value: f.path,
      })),
    }));
  }
  get filterView(): (FilterRow & { noValue: boolean })[] {
    return this.filterRows.map((f) => ({ ...f, noValue: NO_VALUE.has(f.operator ?? '') }));
  }
  get triggerOptions(): { label: string; value: string }[] {
    return (this.entity?.triggerEvents ?? ['Create', 'Update', 'Delete']).map((e) => ({ label: e, value: e }));
  }
  get deleteOptions(): { label: string; value: string }[] {
    const options = [
      { label: deleteNone, value: 'None' },
      { label: deleteEvent, value: 'Send Event' },
    ];
    if (!this.isEvent) options.push({ label: deleteProfile, value: 'Delete Profile' });
    return options;
  }
  get sendsDeleteEvent(): boolean {
    return this.form.deleteAction === 'Send Event';
  }
  get hasRecords(): boolean {
    return !!this.records?.length;
  }
  get searchedNothing(): boolean {
    return this.records !== undefined && this.records.length === 0;
  }
  get recordOptions(): { label: string; value: string }[] {
    return (this.records ?? []).map((r) => ({ label: `${r.name} (${r.id})`, value: r.id }));
  }
  get noRecord(): boolean {
    return !this.recordId;
  }
  /** Only a record the preview rendered without problems can be sent. */
  get cannotSendTest(): boolean {
    return !this.recordId || !this.previewResult?.payloadJson;
  }
  get testSummary(): string {
    const r = this.testResult;
    return r ? testStatus.replace('{0}', r.status).replace('{1}', String(r.httpStatus ?? '—')) : '';
  }
  get testFailed(): boolean {
    return !!this.testResult && this.testResult.status !== 'Sent';
  }

  override connectedCallback(): void {
    this.load();
  }

  async load(): Promise<void> {
    await this.busyWhile(async () => {
      this.entities = (await sourceEntities()) as SourceEntity[];
      if (this.syncId) {
        const loaded = (await loadSync({ syncId: this.syncId })) as SyncInput;
        this.form = { ...loaded, deleteAction: loaded.deleteAction ?? 'None' };
        this.mappings = (loaded.mappings ?? []).map((m) => this.row(m));
        this.filterRows = (loaded.filter ?? []).map((c) => ({ ...c, key: this.nextKey++ }));
        await this.loadFields('');
      }
    }, loadError);
  }

  // ---- step 1 ----

  handleField(event: Event): void {
    const target = event.target as HTMLInputElement & { dataset: { field: keyof SyncInput } };
    const key = target.dataset.field;
    const v = target.type === 'checkbox' ? target.checked : (event as CustomEvent<{ value: unknown }>).detail.value;
    this.form = { ...this.form, [key]: v };
  }

  async handleSource(event: CustomEvent<{ value: string }>): Promise<void> {
    const objectName = event.detail.value;
    const chosen = this.entities.find((e) => e.value === objectName);
    this.form = {
      ...this.form,
      sourceObject: objectName,
      customerIdTemplate: chosen?.defaultIdentity,
      triggerEvents: (chosen?.triggerEvents ?? []).filter((e) => e === 'Create' || e === 'Update'),
    };
    this.mappings = [];
    this.filterRows = [];
    this.fieldsByWalk = {};
    await this.busyWhile(() => this.loadFields(''), loadError);
  }

  // ---- step 2 ----

  handleTokenField(event: CustomEvent<{ value: string }>): void {
    this.tokenField = event.detail.value;
  }

  handleInsertToken(): void {
    this.form = { ...this.form, customerIdTemplate: `${this.form.customerIdTemplate ?? ''}{{${this.tokenField}}}` };
  }

  // ---- step 3 ----

  handleAddMapping(): void {
    this.mappings = [...this.mappings, this.row({ dataType: 'String' })];
  }

  handleRemoveMapping(event: Event): void {
    const key = this.keyOf(event);
    this.mappings = this.mappings.filter((m) => m.key !== key);
  }

  handleMappingTarget(event: CustomEvent<{ value: string }>): void {
    this.updateMapping(this.keyOf(event), { targetField: event.detail.value });
  }

  handleMappingType(event: CustomEvent<{ value: string }>): void {
    this.updateMapping(this.keyOf(event), { dataType: event.detail.value });
  }

  /** A field sets the Source Field and suggests its Data Type; a relationship walks into its parent's fields. */
  async handleMappingSource(event: CustomEvent<{ value: string }>): Promise<void> {
    const key = this.keyOf(event);
    const row = this.mappings.find((m) => m.key === key);
    const option = (this.fieldsByWalk[row?.walk ?? ''] ?? []).find((f) => f.path === event.detail.value);
    if (!row || !option) return;
    if (option.relationship) {
      const walk = option.path.split('.').slice(1).join('.');
      await this.busyWhile(() => this.loadFields(walk), loadError);
      this.updateMapping(key, { walk, sourceField: undefined });
      return;
    }
    this.updateMapping(key, { sourceField: option.path, dataType: option.suggestedDataType });
  }

  handleMappingBack(event: Event): void {
    this.updateMapping(this.keyOf(event), { walk: '', sourceField: undefined });
  }

  // ---- step 4 ----

  handleAddFilter(): void {
    this.filterRows = [...this.filterRows, { key: this.nextKey++, operator: 'equals' }];
  }

  handleRemoveFilter(event: Event): void {
    const key = this.keyOf(event);
    this.filterRows = this.filterRows.filter((f) => f.key !== key);
  }

  handleFilterField(event: CustomEvent<{ value: string }>): void {
    this.updateFilter(this.keyOf(event), { field: event.detail.value });
  }

  handleFilterOperator(event: CustomEvent<{ value: string }>): void {
    const op = event.detail.value;
    this.updateFilter(this.keyOf(event), NO_VALUE.has(op) ? { operator: op, value: undefined } : { operator: op });
  }

  handleFilterValue(event: CustomEvent<{ value: string }>): void {
    this.updateFilter(this.keyOf(event), { value: event.detail.value });
  }

  // ---- step 5 ----

  handleSearchTerm(event: CustomEvent<{ value: string }>): void {
    this.searchTerm = event.detail.value;
  }

  async handleSearch(): Promise<void> {
    await this.busyWhile(async () => {
      this.records = (await findRecords({ objectName: this.form.sourceObject, term: this.searchTerm })) as {
        id: string;
        name: string;
      }[];
      this.recordId = this.records[0]?.id;
    });
  }

  handleRecord(event: CustomEvent<{ value: string }>): void {
    this.recordId = event.detail.value;
    this.previewResult = undefined;
    this.testResult = undefined;
  }

  async handlePreview(): Promise<void> {
    await this.busyWhile(async () => {
      this.testResult = undefined;
      this.previewResult = (await preview({ input: this.inputJson(), recordId: this.recordId })) as PreviewView;
    });
  }

  async handleSendTest(): Promise<void> {
    await this.busyWhile(async () => {
      this.testResult = (await sendTest({ input: this.inputJson(), recordId: this.recordId })) as TestSendView;
    });
  }

  // ---- navigation ----

  handleNext(): void {
    if (!this.stepValid()) {
      this.error = fixFields;
      return;
    }
    this.error = undefined;
    this.stepValue = STEPS[STEPS.indexOf(this.stepValue) + 1] as Step;
  }

  handleBack(): void {
    this.error = undefined;
    this.stepValue = STEPS[STEPS.indexOf(this.stepValue) - 1] as Step;
  }

  handleCancel(): void {
    this.dispatchEvent(new CustomEvent('close', { detail: { saved: false } }));
  }

  /** Saves; the server lists every problem at once, and everything typed stays on the page. */
  async handleSave(): Promise<void> {
    await this.busyWhile(async () => {
      const result = (await saveSync({ input: this.inputJson() })) as { syncId: string; warnings: string[] };
      this.dispatchEvent(
        new ShowToastEvent({
          title: saved,
          message: result.warnings.join(' '),
          variant: result.warnings.length ? 'warning' : 'success',
        }),
      );
      this.dispatchEvent(new CustomEvent('close', { detail: { saved: true, syncId: result.syncId } }));
    });
  }

  // ---- helpers ----

  /** The form as the controller's SyncInput JSON. */
  inputJson(): string {
    const input: SyncInput = {
      ...this.form,
      id: this.syncId,
      connectionId: this.connectionId,
      eventNameTemplate: this.isEvent ? this.form.eventNameTemplate : undefined,
      mappings: this.mappings.map(({ targetField: t, sourceField: s, dataType: d }) => ({
        targetField: t,
        sourceField: s,
        dataType: d,
      })),
      filter: this.filterRows.map(({ field, operator: op, value: v }) => ({ field, operator: op, value: v })),
    };
    return JSON.stringify(input);
  }

  private stepValid(): boolean {
    const inputs = [
      ...(this.template?.querySelectorAll<HTMLElement & { reportValidity(): boolean }>(
        '.step lightning-input, .step lightning-combobox, .step lightning-checkbox-group',
      ) ?? []),
    ];
    return inputs.reduce((valid, input) => input.reportValidity() && valid, true);
  }

  private async loadFields(walk: string): Promise<void> {
    if (this.fieldsByWalk[walk] || !this.form.sourceObject) return;
    const options = (await fields({ objectName: this.form.sourceObject, path: walk })) as FieldOption[];
    this.fieldsByWalk = { ...this.fieldsByWalk, [walk]: options };
  }

  private row(mapping: Mapping): MappingRow {
    // A saved parent path (Lead.Owner.Email) opens its picker on the parent (Owner).
    const parts = (mapping.sourceField ?? '').split('.');
    const walk = parts.length > 2 ? parts.slice(1, -1).join('.') : '';
    if (walk) this.loadFields(walk);
    return { ...mapping, key: this.nextKey++, walk };
  }

  private updateMapping(key: number, change: Partial<MappingRow>): void {
    this.mappings = this.mappings.map((m) => (m.key === key ? { ...m, ...change } : m));
  }

  private updateFilter(key: number, change: Partial<FilterRow>): void {
    this.filterRows = this.filterRows.map((f) => (f.key === key ? { ...f, ...change } : f));
  }

  private keyOf(event: Event): number {
    return Number((event.currentTarget as HTMLElement).dataset.key);
  }

  private async busyWhile(work: () => Promise<void>, prefix?: string): Promise<void> {
    this.busy = true;
    try {
      await work();
      this.error = undefined;
    } catch (e) {
      this.error = prefix ? `${prefix} ${errorMessage(e)}` : errorMessage(e);
    } finally {
      this.busy = false;
    }
  }
}
