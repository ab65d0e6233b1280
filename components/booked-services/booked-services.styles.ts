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

    /* Grid items would not shrink below their content; a narrow page scrolls the table instead. */
    .domain {
      min-width: 0;
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

    .notice {
      margin: 0 0 var(--_sc-space-m);
    }

    .reasons {
      margin: var(--_sc-space-xs) 0 0;
      padding-inline-start: var(--_sc-space-l);
    }

    .confirmation {
      display: grid;
      gap: var(--_sc-space-s);
      margin-block-end: var(--_sc-space-xl);
      padding: var(--_sc-space-m) var(--_sc-space-l);
      border: var(--_sc-border-width) solid var(--_sc-color-border);
      border-radius: var(--_sc-radius-m);
    }

    .confirmation .notice {
      margin: 0;
    }

    .confirmation label {
      font-weight: var(--_sc-font-weight-bold);
    }

    progress {
      width: 100%;
      height: calc(var(--_sc-space-s) * 1.5);
      accent-color: var(--_sc-color-primary);
    }

    .progress-text {
      margin: 0;
    }

    .progress-text.error {
      color: var(--_sc-color-danger);
    }

    .results {
      display: grid;
      gap: var(--_sc-space-s);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .result {
      padding-block-start: var(--_sc-space-s);
      border-block-start: var(--_sc-border-width) solid var(--_sc-color-border);
    }

    .result p {
      margin: var(--_sc-space-xs) 0 0;
    }

    .result-domain {
      margin-inline-end: var(--_sc-space-s);
      font-weight: var(--_sc-font-weight-bold);
    }

    .verdict {
      display: inline-flex;
      align-items: center;
      gap: var(--_sc-space-xs);
    }

    .verdict svg {
      width: 1em;
      height: 1em;
    }

    .verdict.passed {
      color: var(--_sc-color-success);
    }

    .verdict.failed,
    .result .reasons {
      color: var(--_sc-color-danger);
    }

    .dns-guide {
      margin-block-start: var(--_sc-space-m);
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
