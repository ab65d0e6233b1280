import { css } from 'lit';
import { tokens } from './tokens.js';

/** What every element shares: tokens, typography, buttons, fields, tables and state panels. */
export const sharedStyles = [
  tokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      font-family: var(--_sc-font-family);
      font-size: var(--_sc-font-size-m);
      line-height: var(--_sc-line-height);
      color: var(--_sc-color-text);
    }

    :host([hidden]) {
      display: none;
    }

    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }

    /* A skip link (tenant-table's) is shown only while it has the focus. */
    .visually-hidden,
    .skip:not(:focus) {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
      border: 0;
    }

    :focus-visible {
      outline: var(--_sc-focus-ring-width) solid var(--_sc-color-focus);
      outline-offset: var(--_sc-space-2xs);
    }

    /* Headings that take the focus after a step or an action: a ring only for keyboard users. */
    [tabindex='-1']:focus:not(:focus-visible) {
      outline: none;
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_sc-space-s);
      margin-block-end: var(--_sc-space-m);
    }

    .toolbar .grow {
      flex: 1 1 auto;
    }

    .heading {
      margin: 0;
      font-size: var(--_sc-font-size-xl);
      font-weight: var(--_sc-font-weight-bold);
    }

    button {
      font: inherit;
      cursor: pointer;
    }

    .button {
      display: inline-flex;
      align-items: center;
      gap: var(--_sc-space-xs);
      padding: var(--_sc-space-xs) var(--_sc-space-m);
      border: var(--_sc-border-width) solid var(--_sc-color-border);
      border-radius: var(--_sc-radius-s);
      background: var(--_sc-color-surface);
      color: var(--_sc-color-text);
    }

    .button:hover {
      background: var(--_sc-color-surface-alt);
    }

    .button svg {
      flex: none;
      width: 1em;
      height: 1em;
    }

    .button.primary {
      border-color: var(--_sc-color-primary);
      background: var(--_sc-color-primary);
      color: var(--_sc-color-on-primary);
    }

    .button.primary:hover {
      background: var(--_sc-color-primary-hover);
    }

    .button.danger {
      border-color: var(--_sc-color-danger);
      background: var(--_sc-color-danger);
      color: var(--_sc-color-on-danger);
    }

    .button.danger:hover {
      background: var(--_sc-color-danger-hover);
    }

    .button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }

    .link {
      padding: 0;
      border: 0;
      background: none;
      color: var(--_sc-color-primary);
      text-align: start;
      text-decoration: underline;
      text-underline-offset: 0.15em;
    }

    .icon-button {
      display: inline-flex;
      padding: var(--_sc-space-xs);
      border: var(--_sc-border-width) solid transparent;
      border-radius: var(--_sc-radius-s);
      background: none;
      color: var(--_sc-color-primary);
    }

    .icon-button:hover {
      border-color: var(--_sc-color-border);
    }

    .icon-button svg {
      width: 1.125em;
      height: 1.125em;
    }

    input,
    select {
      font: inherit;
      color: var(--_sc-color-text);
      padding: var(--_sc-space-xs) var(--_sc-space-s);
      border: var(--_sc-border-width) solid var(--_sc-color-border);
      border-radius: var(--_sc-radius-s);
      background: var(--_sc-color-surface);
    }

    input[readonly] {
      background: var(--_sc-color-surface-alt);
    }

    table {
      width: 100%;
      border-collapse: collapse;
    }

    th,
    td {
      padding: var(--_sc-space-s) var(--_sc-space-m);
      border-block-end: var(--_sc-border-width) solid var(--_sc-color-border);
      text-align: start;
      vertical-align: top;
    }

    th {
      background: var(--_sc-color-surface-alt);
      font-weight: var(--_sc-font-weight-bold);
      hyphens: auto;
    }

    td.number,
    th.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    .code {
      font-family: var(--_sc-font-family-mono);
      font-size: var(--_sc-font-size-s);
      color: var(--_sc-color-text-muted);
      white-space: nowrap;
    }

    .muted {
      color: var(--_sc-color-text-muted);
    }

    /* A row of short labelled facts (<dl class="facts"><div><dt>…</dt><dd>…</dd></div>…). */
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

    /* A message about a whole form or view: information, or an error with its reasons. */
    .notice {
      padding: var(--_sc-space-s) var(--_sc-space-m);
      border-inline-start: calc(var(--_sc-border-width) * 4) solid var(--_sc-color-primary);
      background: var(--_sc-color-surface-alt);
    }

    .notice.error {
      border-color: var(--_sc-color-danger);
      background: var(--_sc-color-danger-surface);
    }

    .notice p,
    .notice ul {
      margin: 0;
    }

    .state {
      padding: var(--_sc-space-l);
      border: var(--_sc-border-width) dashed var(--_sc-color-border);
      border-radius: var(--_sc-radius-m);
      color: var(--_sc-color-text-muted);
    }

    .state.error {
      border-style: solid;
      border-color: var(--_sc-color-danger);
      background: var(--_sc-color-danger-surface);
      color: var(--_sc-color-text);
    }

    .state p {
      margin: 0 0 var(--_sc-space-s);
    }

    .state p:last-child {
      margin-block-end: 0;
    }
  `,
];
