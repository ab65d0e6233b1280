// Registers every element under its tag, where the tag is still free. The provider first: the
// elements inside it then find it when they upgrade, and ask the BFF with its token from the start.
import './services-provider/services-provider.js';
import './add-domain-manual/add-domain-manual.js';
import './add-domain-wizard/add-domain-wizard.js';
import './add-services-dialog/add-services-dialog.js';
import './audit-log/audit-log.js';
import './booked-services/booked-services.js';
import './cancel-service-dialog/cancel-service-dialog.js';
import './deployment-settings/deployment-settings.js';
import './dns-guide/dns-guide.js';
import './offer-dialog/offer-dialog.js';
import './tenant-editor/tenant-editor.js';
import './tenant-table/tenant-table.js';
import './usage-statement/usage-statement.js';

export { setLocale } from './i18n/localization.js';
