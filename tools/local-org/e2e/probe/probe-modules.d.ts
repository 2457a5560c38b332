// Types of the shim probe's own modules (the platform modules' are in client/src/local-modules.d.ts).
// No top-level import: the declarations must stay global.

declare module 'probe/shims' {
  const Shims: typeof import('lwc').LightningElement;
  export default Shims;
}

declare module 'probe/shimsModal' {
  const ShimsModal: { open(props: Record<string, unknown>): Promise<unknown> };
  export default ShimsModal;
}
