import { defineOnce } from '../internal/define.js';
import { UsageStatement } from './usage-statement.component.js';

export { UsageStatement };

defineOnce('usage-statement', UsageStatement);

declare global {
  interface HTMLElementTagNameMap {
    'usage-statement': UsageStatement;
  }
}
