import { css } from 'lit';
import { sharedStyles } from '../styles/shared.js';

export const styles = [
  sharedStyles,
  css`
    .toolbar-actions,
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sc-space-s);
    }

    .filters {
      align-items: end;
      gap: var(--_sc-space-l);
      margin-block-end: var(--_sc-space-m);
    }

    .field {
      display: grid;
      gap: var(--_sc-space-2xs);
      font-size: var(--_sc-font-size-s);
      color: var(--_sc-color-text-muted);
    }

    .field select {
      max-width: 28rem;
    }

    .announcements p {
      margin: 0 0 var(--_sc-space-s);
    }

    .table-scroll {
      overflow-x: auto;
    }

    table[aria-busy='true'] tbody {
      opacity: 0.6;
    }

    tfoot th,
    tfoot td {
      background: var(--sc-usage-statement-total-background, var(--_sc-color-surface-alt));
      font-weight: var(--_sc-font-weight-bold);
    }

    tfoot th {
      text-align: end;
    }
  `,
];
