import { defineOnce } from '../internal/define.js';
import { AddDomainManual } from './add-domain-manual.component.js';

export { AddDomainManual };

defineOnce('add-domain-manual', AddDomainManual);

declare global {
  interface HTMLElementTagNameMap {
    'add-domain-manual': AddDomainManual;
  }
}
