// Types of the modules the shim probe imports that the project's types/ does not declare (yet).
// No top-level import: the declarations must stay global.

declare module 'probe/shims' {
  const Shims: typeof import('lwc').LightningElement;
  export default Shims;
}

declare module 'probe/shimsModal' {
  const ShimsModal: { open(props: Record<string, unknown>): Promise<unknown> };
  export default ShimsModal;
}

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
