// Entry of the shim probe page (e2e only): the real shell, plus a component that uses every platform
// module the local org provides, so the browser test can drive each one as a package component would.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'lo/app';
import Shims from 'probe/shims';

const root = document.getElementById('root') as HTMLElement;
root.appendChild(createElement('lo-app', { is: App }));
document.body.appendChild(createElement('probe-shims', { is: Shims }));
