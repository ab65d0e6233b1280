import { defineOnce } from '../internal/define.js';
import { OfferDialog } from './offer-dialog.component.js';

export { OfferDialog };

defineOnce('offer-dialog', OfferDialog);

declare global {
  interface HTMLElementTagNameMap {
    'offer-dialog': OfferDialog;
  }
}
