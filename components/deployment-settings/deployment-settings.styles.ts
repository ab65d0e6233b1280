import { css } from 'lit';
import { dialogStyles } from '../styles/dialog.js';

export const styles = [
  dialogStyles,
  css`
    :host {
      --_sc-dialog-width: var(--sc-deployment-settings-width, 34rem);
    }
  `,
];
