import { css } from 'lit';
import { dialogStyles } from '../styles/dialog.js';

export const styles = [
  dialogStyles,
  css`
    :host {
      --_sc-dialog-width: var(--sc-cancel-service-dialog-width, 34rem);
    }

    .cascade {
      display: grid;
      gap: var(--_sc-space-s);
    }

    .cascade ul {
      margin: 0;
      padding-inline-start: var(--_sc-space-l);
    }
  `,
];
