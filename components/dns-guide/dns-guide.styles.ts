import { css } from 'lit';
import { sharedStyles } from '../styles/shared.js';

export const styles = [
  sharedStyles,
  css`
    .guide {
      display: grid;
      gap: var(--_sc-space-s);
    }

    h4 {
      margin: 0;
      font-size: var(--_sc-font-size-m);
      font-weight: var(--_sc-font-weight-bold);
    }

    p {
      margin: 0;
    }

    .explanation {
      color: var(--_sc-color-text-muted);
    }

    .table-scroll {
      overflow-x: auto;
    }

    .value {
      font-family: var(--_sc-font-family-mono);
      font-size: var(--_sc-font-size-s);
    }

    /* A name wraps only at the <wbr> after each dot, never inside a label. */
    .value .label {
      white-space: nowrap;
    }

    .published {
      display: inline-flex;
      align-items: center;
      gap: var(--_sc-space-xs);
      white-space: nowrap;
    }

    .published svg {
      width: 1em;
      height: 1em;
    }

    .published.yes {
      color: var(--sc-dns-guide-present-color, var(--_sc-color-success));
    }

    .published.no {
      color: var(--sc-dns-guide-missing-color, var(--_sc-color-danger));
      font-weight: var(--_sc-font-weight-bold);
    }

    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_sc-space-s) var(--_sc-space-m);
    }

    .footer .grow {
      flex: 1 1 auto;
    }

    .error {
      color: var(--_sc-color-danger);
    }
  `,
];
