import { css } from 'lit';
import { dialogStyles } from '../styles/dialog.js';

export const styles = [
  dialogStyles,
  css`
    :host {
      --_sc-dialog-width: var(--sc-offer-dialog-width, 48rem);
    }

    .settings,
    .line-fields {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sc-space-m);
      align-items: start;
    }

    .settings .field,
    .line-fields .field {
      flex: 1 1 10rem;
    }

    [part='lines'] {
      display: grid;
      gap: var(--_sc-space-m);
    }

    .line,
    .planned {
      padding: var(--_sc-space-m);
      border: var(--_sc-border-width) solid var(--_sc-color-border);
      border-radius: var(--_sc-radius-m);
    }

    .line legend,
    .planned legend {
      padding: 0 var(--_sc-space-xs);
    }

    .line-services {
      width: 100%;
      border-collapse: collapse;
      font-size: var(--_sc-font-size-s);
    }

    .line-services th,
    .line-services td {
      padding: var(--_sc-space-xs) var(--_sc-space-s);
      border-block-end: var(--_sc-border-width) solid var(--_sc-color-border);
      text-align: start;
      font-weight: var(--_sc-font-weight-normal);
    }

    .line-services thead th {
      color: var(--_sc-color-text-muted);
    }

    .line-services .amount {
      text-align: end;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }

    .line-footer {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: var(--_sc-space-m);
    }

    .total {
      margin: 0;
      text-align: end;
      font-size: var(--_sc-font-size-l);
    }

    .result {
      display: grid;
      gap: var(--_sc-space-s);
    }

    .result p {
      margin: 0;
    }
  `,
];
