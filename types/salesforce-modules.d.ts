// Ambient declarations for the platform modules @salesforce/lightning-types does not cover.
// No top-level import: this file must stay a global script for the wildcard modules to apply.

declare module '@salesforce/label/c.*' {
  const label: string;
  export default label;
}

declare module '@salesforce/apex/*' {
  /** Imperative call, and usable with @wire as an adapter. */
  type ApexMethod = ((params?: Record<string, unknown>) => Promise<unknown>) &
    import('lwc').WireAdapterConstructor<Record<string, unknown>, unknown>;
  const method: ApexMethod;
  export default method;
}

declare module '@salesforce/customPermission/*' {
  const granted: boolean | undefined;
  export default granted;
}

declare module 'lightning/platformShowToastEvent' {
  export interface ShowToastEventDetail {
    title?: string;
    message: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventDetail> {
    constructor(detail: ShowToastEventDetail);
  }
}
