import { css } from 'lit';
import { dialogStyles } from '../styles/dialog.js';

export const styles = [
  dialogStyles,
  css`
    :host {
      --_sc-dialog-width: var(--sc-add-domain-wizard-width, 40rem);
    }

    .steps {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sc-space-xs) var(--_sc-space-m);
      margin: var(--_sc-space-s) 0 0;
      padding: 0;
      list-style: none;
      counter-reset: step;
      font-size: var(--_sc-font-size-s);
      color: var(--_sc-color-text-muted);
    }

    .steps li {
      counter-increment: step;
    }

    .steps li::before {
      content: counter(step) '. ';
    }

    .steps li[aria-current='step'] {
      color: var(--_sc-color-primary);
      font-weight: var(--_sc-font-weight-bold);
    }

    .summary {
      display: grid;
      gap: var(--_sc-space-s);
      margin: 0;
    }

    .summary div {
      display: grid;
      grid-template-columns: minmax(8rem, 1fr) 2fr;
      gap: var(--_sc-space-m);
    }

    .summary dt {
      color: var(--_sc-color-text-muted);
    }

    .summary dd,
    .summary ul {
      margin: 0;
    }

    .summary ul {
      padding-inline-start: var(--_sc-space-l);
    }

    [part~='price-preview'] {
      display: grid;
      gap: var(--_sc-space-s);
    }

    tbody th {
      background: none;
      font-weight: var(--_sc-font-weight-normal);
    }

    tfoot th,
    tfoot td {
      font-weight: var(--_sc-font-weight-bold);
    }
  `,
];
