import { defineOnce } from '../internal/define.js';
import { AddServicesDialog } from './add-services-dialog.component.js';

export { AddServicesDialog };

defineOnce('add-services-dialog', AddServicesDialog);

declare global {
  interface HTMLElementTagNameMap {
    'add-services-dialog': AddServicesDialog;
  }
}
