import { css } from 'lit';
import { sharedStyles } from './shared.js';

/**
 * What every dialog shares: the native `<dialog>` with header, body and footer, fields with
 * their errors, notices, and lists of reasons. `--_sc-dialog-width` is the element's own width token.
 */
export const dialogStyles = [
  sharedStyles,
  css`
    :host {
      display: contents;
    }

    dialog {
      width: min(var(--_sc-dialog-width, 34rem), calc(100vw - 2 * var(--_sc-space-l)));
      max-height: calc(100vh - 2 * var(--_sc-space-l));
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

    [part='header'],
    [part='body'],
    [part='footer'] {
      padding: var(--_sc-space-l) var(--_sc-space-xl);
    }

    [part='header'] {
      border-block-end: var(--_sc-border-width) solid var(--_sc-color-border);
    }

    h2 {
      margin: 0;
      font-size: var(--_sc-font-size-l);
      font-weight: var(--_sc-font-weight-bold);
    }

    h3,
    h4 {
      margin: 0;
      font-size: var(--_sc-font-size-m);
      font-weight: var(--_sc-font-weight-bold);
    }

    [part='header'] p {
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

    label,
    legend {
      font-weight: var(--_sc-font-weight-bold);
    }

    fieldset {
      display: grid;
      gap: var(--_sc-space-s);
      margin: 0;
      padding: 0;
      border: 0;
    }

    .field-error,
    .notice,
    .hint,
    [part='announcement'] {
      margin: 0;
    }

    .field-error,
    .reasons {
      color: var(--_sc-color-danger);
      font-size: var(--_sc-font-size-s);
    }

    .reasons {
      margin: 0;
      padding-inline-start: var(--_sc-space-l);
    }

    .hint {
      color: var(--_sc-color-text-muted);
      font-size: var(--_sc-font-size-s);
    }

    [aria-invalid='true'] {
      border-color: var(--_sc-color-danger);
    }

    .choice {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: var(--_sc-space-s);
      align-items: start;
    }

    .choice > :not(input) {
      grid-column: 2;
    }

    .choice input {
      margin-block-start: 0.3em;
    }

    .choice label {
      font-weight: var(--_sc-font-weight-normal);
    }

    [part='footer'] {
      display: flex;
      justify-content: flex-end;
      gap: var(--_sc-space-s);
      border-block-start: var(--_sc-border-width) solid var(--_sc-color-border);
    }
  `,
];
