import { defineOnce } from '../internal/define.js';
import { AuditLog } from './audit-log.component.js';

export { AuditLog };

defineOnce('audit-log', AuditLog);

declare global {
  interface HTMLElementTagNameMap {
    'audit-log': AuditLog;
  }
}
