// Registers every element under its tag, where the tag is still free.
import './booked-services/booked-services.js';
import './services-provider/services-provider.js';
import './tenant-editor/tenant-editor.js';
import './tenant-table/tenant-table.js';

export { setLocale } from './i18n/localization.js';
