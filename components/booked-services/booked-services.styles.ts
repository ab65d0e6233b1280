import { css } from 'lit';
import { sharedStyles } from '../styles/shared.js';

export const styles = [
  sharedStyles,
  css`
    .toolbar-actions,
    .domain-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sc-space-s);
    }

    .domains {
      display: grid;
      gap: var(--sc-booked-services-domain-gap, var(--_sc-space-xl));
    }

    .domains[aria-busy='true'] {
      opacity: 0.6;
    }

    .domain-header {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: var(--_sc-space-m);
      margin-block-end: var(--_sc-space-s);
    }

    .domain-header .grow {
      flex: 1 1 auto;
    }

    .table-scroll {
      overflow-x: auto;
    }

    h3 {
      margin: 0 0 var(--_sc-space-xs);
      font-size: var(--_sc-font-size-l);
      font-weight: var(--_sc-font-weight-bold);
    }

    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_sc-space-xs) var(--_sc-space-l);
      margin: 0;
      font-size: var(--_sc-font-size-s);
    }

    .facts div {
      display: flex;
      gap: var(--_sc-space-xs);
    }

    .facts dt {
      color: var(--_sc-color-text-muted);
    }

    .facts dt::after {
      content: ':';
    }

    .facts dd {
      margin: 0;
    }

    .status {
      display: inline-block;
      padding: 0 var(--_sc-space-s);
      border: var(--_sc-border-width) solid currentColor;
      border-radius: var(--_sc-radius-s);
      font-size: var(--_sc-font-size-s);
      white-space: nowrap;
    }

    .status.provisioned {
      color: var(--_sc-color-success);
    }

    .status.ordered,
    .status.confirmed,
    .status.provisioning {
      color: var(--_sc-color-warning);
    }

    .status.cancelled,
    .status.deprovisioning,
    .status.deprovisioned {
      color: var(--_sc-color-text-muted);
    }
  `,
];
