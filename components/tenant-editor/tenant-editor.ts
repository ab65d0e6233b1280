import { defineOnce } from '../internal/define.js';
import { TenantEditor } from './tenant-editor.component.js';

export { TenantEditor };

defineOnce('tenant-editor', TenantEditor);

declare global {
  interface HTMLElementTagNameMap {
    'tenant-editor': TenantEditor;
  }
}
