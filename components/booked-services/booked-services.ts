import { defineOnce } from '../internal/define.js';
import { BookedServices } from './booked-services.component.js';

export { BookedServices };

defineOnce('booked-services', BookedServices);

declare global {
  interface HTMLElementTagNameMap {
    'booked-services': BookedServices;
  }
}
