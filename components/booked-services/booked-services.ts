import '../offer-dialog/offer-dialog.js';
import '../add-domain-manual/add-domain-manual.js';
import '../add-domain-wizard/add-domain-wizard.js';
import '../add-services-dialog/add-services-dialog.js';
import '../cancel-service-dialog/cancel-service-dialog.js';
import '../deployment-settings/deployment-settings.js';
import '../dns-guide/dns-guide.js';
import { defineOnce } from '../internal/define.js';
import { BookedServices } from './booked-services.component.js';

export { BookedServices };

defineOnce('booked-services', BookedServices);

declare global {
  interface HTMLElementTagNameMap {
    'booked-services': BookedServices;
  }
}
