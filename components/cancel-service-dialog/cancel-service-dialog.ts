import { defineOnce } from '../internal/define.js';
import { CancelServiceDialog } from './cancel-service-dialog.component.js';

export { CancelServiceDialog };

defineOnce('cancel-service-dialog', CancelServiceDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cancel-service-dialog': CancelServiceDialog;
  }
}
