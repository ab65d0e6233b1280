import { css } from 'lit';
import { sharedStyles } from '../styles/shared.js';

export const styles = [
  sharedStyles,
  css`
    .entries {
      display: grid;
      gap: var(--sc-audit-log-entry-gap, var(--_sc-space-l));
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .entries[aria-busy='true'] {
      opacity: 0.6;
    }

    .entry {
      display: grid;
      gap: var(--_sc-space-xs);
      padding-block-end: var(--_sc-space-l);
      border-block-end: var(--_sc-border-width) solid var(--_sc-color-border);
    }

    h3 {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sc-space-s);
      margin: 0;
      font-size: var(--_sc-font-size-m);
      font-weight: var(--_sc-font-weight-bold);
    }

    .entity {
      font-weight: var(--_sc-font-weight-normal);
    }

    .changes summary {
      cursor: pointer;
      font-size: var(--_sc-font-size-s);
    }

    .changes table {
      margin-block-start: var(--_sc-space-s);
      font-size: var(--_sc-font-size-s);
    }

    .value {
      overflow-wrap: anywhere;
    }

    .more {
      margin-block-start: var(--_sc-space-l);
    }

    p {
      margin: 0;
    }
  `,
];
