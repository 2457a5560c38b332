import { LightningElement, api } from 'lwc';
import { api as call, ApiError } from '../../../platform/session.ts';

interface DescribedField {
  name: string;
  label: string;
  type: string;
  required: boolean;
  length?: number;
  picklistValues?: string[];
  defaultValue?: string;
  referenceTo?: string[];
}
interface FieldView extends DescribedField {
  value: unknown;
  inputType: string;
  step?: string;
  isInput: boolean;
  isTextarea: boolean;
  isPicklist: boolean;
  isMultiPicklist: boolean;
  /** A multi-select picklist's chosen values (the record holds them as `a;b`). */
  selected: string[];
  isCheckbox: boolean;
  options: { label: string; value: string }[];
  /** The values without `--None--` (a checkbox group chooses none by ticking none). */
  pickOptions: { label: string; value: string }[];
  placeholder?: string;
}

const INPUT_TYPES: Record<string, string> = {
  email: 'email',
  phone: 'tel',
  url: 'url',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'checkbox',
};

/** A create / edit form generated from the object's describe; saves go through the org's triggers. */
export default class RecordForm extends LightningElement {
  @api objectApiName = 'Lead';
  @api recordId: string | undefined;
  fields: FieldView[] = [];
  error = '';
  saving = false;
  loaded = false;
  private values: Record<string, unknown> = {};
  private changed = new Set<string>();

  get heading(): string {
    return this.recordId ? `Edit ${this.objectApiName} ${this.recordId}` : `New ${this.objectApiName}`;
  }

  override async connectedCallback(): Promise<void> {
    try {
      const describe = await call<{ fields: DescribedField[] }>(`/api/objects/${this.objectApiName}`);
      const record = this.recordId
        ? await call<Record<string, unknown>>(`/api/records/${this.objectApiName}/${this.recordId}`)
        : {};
      this.values = Object.fromEntries(
        describe.fields.map((f) => [
          f.name,
          record[f.name] ?? (this.recordId ? undefined : f.defaultValue) ?? (f.type === 'boolean' ? false : null),
        ]),
      );
      this.fields = describe.fields.map((f) => this.view(f));
      this.loaded = true;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private view(field: DescribedField): FieldView {
    const inputType = INPUT_TYPES[field.type] ?? 'text';
    const isPicklist = field.type === 'picklist';
    const isMultiPicklist = field.type === 'multipicklist';
    const value = this.values[field.name];
    const pickOptions = (field.picklistValues ?? []).map((v) => ({ label: v, value: v }));
    return {
      ...field,
      value,
      inputType,
      step: field.type === 'int' ? '1' : inputType === 'number' ? 'any' : undefined,
      isInput: !isPicklist && !isMultiPicklist && field.type !== 'textarea' && field.type !== 'boolean',
      isTextarea: field.type === 'textarea',
      isPicklist,
      isMultiPicklist,
      selected: typeof value === 'string' && value !== '' ? value.split(';') : [],
      isCheckbox: field.type === 'boolean',
      options: [{ label: '--None--', value: '' }, ...pickOptions],
      pickOptions,
      placeholder: field.type === 'reference' ? `${(field.referenceTo ?? []).join(' or ')} Id` : undefined,
    };
  }

  handleChange(event: Event): void {
    const target = event.target as HTMLInputElement & { dataset: { field: string; type: string } };
    const { field, type } = target.dataset;
    let value: unknown =
      type === 'boolean' ? target.checked : ((event as CustomEvent<{ value?: unknown }>).detail?.value ?? target.value);
    if (type === 'int' && value !== '' && value !== null) value = Number(value);
    if (type === 'multipicklist') value = Array.isArray(value) ? value.join(';') : value;
    this.values[field] = value === '' ? null : value;
    this.changed.add(field);
  }

  async handleSave(): Promise<void> {
    this.error = '';
    this.clearFieldErrors();
    const fields = this.recordId
      ? Object.fromEntries([...this.changed].map((name) => [name, this.values[name]]))
      : Object.fromEntries(Object.entries(this.values).filter(([, v]) => v !== null));
    this.saving = true;
    try {
      const result = await call<{ id: string }>(
        this.recordId ? `/api/records/${this.objectApiName}/${this.recordId}` : `/api/records/${this.objectApiName}`,
        { method: this.recordId ? 'PATCH' : 'POST', body: JSON.stringify({ fields }) },
      );
      this.dispatchEvent(new CustomEvent('saved', { detail: { id: result.id, created: !this.recordId } }));
    } catch (error) {
      // What the admin typed stays in the form; the errors show beside their fields.
      this.error = (error as Error).message;
      if (error instanceof ApiError) this.showFieldErrors(error.fieldErrors);
    } finally {
      this.saving = false;
    }
  }

  handleCancel(): void {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  private inputs(): (HTMLElement & {
    setCustomValidity(m: string): void;
    reportValidity(): boolean;
    dataset: DOMStringMap;
  })[] {
    return [...(this.template?.querySelectorAll('[data-field]') ?? [])] as never;
  }

  private clearFieldErrors(): void {
    for (const input of this.inputs()) {
      input.setCustomValidity('');
      input.reportValidity();
    }
  }

  private showFieldErrors(errors: Record<string, string>): void {
    for (const input of this.inputs()) {
      const message = errors[input.dataset.field ?? ''];
      if (message) {
        input.setCustomValidity(message);
        input.reportValidity();
      }
    }
  }
}
