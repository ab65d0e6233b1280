import { defineOnce } from '../internal/define.js';
import { DnsGuide } from './dns-guide.component.js';

export { DnsGuide };

defineOnce('dns-guide', DnsGuide);

declare global {
  interface HTMLElementTagNameMap {
    'dns-guide': DnsGuide;
  }
}
