import { css } from 'lit';
import { sharedStyles } from '../styles/shared.js';

export const styles = [
  sharedStyles,
  css`
    .search input {
      flex: 1 1 16rem;
    }

    .sort {
      display: inline-flex;
      align-items: center;
      gap: var(--_sc-space-xs);
      padding: 0;
      border: 0;
      background: none;
      color: inherit;
      font-weight: inherit;
    }

    .sort-indicator {
      color: var(--_sc-color-text-muted);
      font-size: var(--_sc-font-size-s);
    }

    tbody th {
      font-weight: var(--_sc-font-weight-normal);
      background: none;
    }

    tr.selected > * {
      background: var(--sc-tenant-table-selected-background, var(--_sc-color-surface-selected));
    }

    td.actions {
      width: 1%;
      padding-block: var(--_sc-space-xs);
      text-align: end;
    }

    table[aria-busy='true'] tbody {
      opacity: 0.6;
    }

    .pager {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: var(--_sc-space-m);
      margin-block-start: var(--_sc-space-m);
    }

    .pager [part='range'] {
      font-variant-numeric: tabular-nums;
    }
  `,
];
