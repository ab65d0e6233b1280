import { defineOnce } from '../internal/define.js';
import { ServicesProvider } from './services-provider.component.js';

export { ServicesProvider };

defineOnce('services-provider', ServicesProvider);

declare global {
  interface HTMLElementTagNameMap {
    'services-provider': ServicesProvider;
  }
}
