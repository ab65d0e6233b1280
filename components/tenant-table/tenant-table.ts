import { defineOnce } from '../internal/define.js';
import { TenantTable } from './tenant-table.component.js';

export { TenantTable };

defineOnce('tenant-table', TenantTable);

declare global {
  interface HTMLElementTagNameMap {
    'tenant-table': TenantTable;
  }
}
