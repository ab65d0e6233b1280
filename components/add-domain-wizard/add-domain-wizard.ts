import { defineOnce } from '../internal/define.js';
import { AddDomainWizard } from './add-domain-wizard.component.js';

export { AddDomainWizard };

defineOnce('add-domain-wizard', AddDomainWizard);

declare global {
  interface HTMLElementTagNameMap {
    'add-domain-wizard': AddDomainWizard;
  }
}
