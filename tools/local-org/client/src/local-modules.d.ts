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
