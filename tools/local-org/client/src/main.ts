// Entry of the local org's page: synthetic shadow first (global SLDS must reach the components'
// templates, as in Lightning Experience), then the shell.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'lo/app';

const root = document.getElementById('root') as HTMLElement;
root.appendChild(createElement('lo-app', { is: App }));
