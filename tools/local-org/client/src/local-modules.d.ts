// The shell's own modules, resolved by the LWC rollup plugin (`lo/*`) and the platform-modules plugin (`lo/tabs`).
declare module 'lo/app' {
  import type { LightningElement } from 'lwc';
  const App: typeof LightningElement;
  export default App;
}

declare module 'lo/tabs' {
  import type { LightningElement } from 'lwc';
  export const appLabel: string;
  export const tabs: { apiName: string; label: string; component: string; constructor: typeof LightningElement }[];
}

declare module '@lwc/synthetic-shadow';

// Platform modules the page provides (base components' or the local org's) that types/ does not declare.
declare module '@salesforce/user/Id' {
  const id: string;
  export default id;
}

declare module 'lightning/confirm' {
  const LightningConfirm: { open(config: { message: string; label?: string; theme?: string }): Promise<boolean> };
  export default LightningConfirm;
}

declare module 'lightning/modal' {
  import { LightningElement } from 'lwc';
  export default class LightningModal extends LightningElement {
    close(result?: unknown): void;
  }
}

declare module 'lightning/navigation' {
  type Constructor<T> = new (...args: never[]) => T;
  export const NavigationMixin: {
    <T extends Constructor<object>>(base: T): T;
    readonly Navigate: unique symbol;
    readonly GenerateUrl: unique symbol;
  };
  export const CurrentPageReference: import('lwc').WireAdapterConstructor;
}

declare module 'lightning/refresh' {
  export class RefreshEvent extends CustomEvent<null> {
    constructor();
  }
}
