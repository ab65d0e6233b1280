import { css } from 'lit';
import { sharedStyles } from '../styles/shared.js';

export const styles = [
  sharedStyles,
  css`
    :host {
      display: contents;
    }

    dialog {
      width: min(var(--sc-tenant-editor-width, 34rem), calc(100vw - 2 * var(--_sc-space-l)));
      padding: 0;
      border: var(--_sc-border-width) solid var(--_sc-color-border);
      border-radius: var(--_sc-radius-m);
      background: var(--_sc-color-surface);
      color: var(--_sc-color-text);
      box-shadow: var(--_sc-shadow-dialog);
    }

    dialog::backdrop {
      background: var(--_sc-color-backdrop);
    }

    header,
    [part='body'],
    footer {
      padding: var(--_sc-space-l) var(--_sc-space-xl);
    }

    header {
      border-block-end: var(--_sc-border-width) solid var(--_sc-color-border);
    }

    h2 {
      margin: 0;
      font-size: var(--_sc-font-size-l);
      font-weight: var(--_sc-font-weight-bold);
    }

    header p {
      margin: var(--_sc-space-xs) 0 0;
      font-size: var(--_sc-font-size-s);
    }

    [part='body'] {
      display: grid;
      gap: var(--_sc-space-m);
    }

    .field {
      display: grid;
      gap: var(--_sc-space-xs);
    }

    label {
      font-weight: var(--_sc-font-weight-bold);
    }

    .field-error,
    .notice {
      margin: 0;
    }

    .field-error {
      color: var(--_sc-color-danger);
      font-size: var(--_sc-font-size-s);
    }

    [aria-invalid='true'] {
      border-color: var(--_sc-color-danger);
    }

    .notice {
      padding: var(--_sc-space-s) var(--_sc-space-m);
      border-inline-start: calc(var(--_sc-border-width) * 4) solid var(--_sc-color-primary);
      background: var(--_sc-color-surface-alt);
    }

    .notice.error {
      border-color: var(--_sc-color-danger);
      background: var(--_sc-color-danger-surface);
    }

    footer {
      display: flex;
      justify-content: flex-end;
      gap: var(--_sc-space-s);
      border-block-start: var(--_sc-border-width) solid var(--_sc-color-border);
    }
  `,
];
