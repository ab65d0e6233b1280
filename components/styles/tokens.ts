import { unsafeCSS } from 'lit';

/**
 * The design tokens and their defaults, in one place. A page themes every element by setting
 * the public `--sc-<name>` properties anywhere above it (`:root` will do). Each element
 * resolves them on its `:host` into a private `--_sc-<name>` that its styles read, so the
 * default applies only where nothing above set the token.
 *
 * The comment on each token is its description in custom-elements.json (every element that
 * reads the tokens lists them as CSS properties), the IDE data and the catalog.
 */
export const TOKEN_DEFAULTS = {
  /** Body text. */
  'color-text': '#1f2933',
  /** Secondary text: hints, IDs, labels of facts, ended services. */
  'color-text-muted': '#52606d',
  /** The background of tables, panels and dialogs. */
  'color-surface': '#ffffff',
  /** Quieter backgrounds: table headers and totals, notices, read-only fields, buttons under the pointer. */
  'color-surface-alt': '#f3f5f7',
  /** The background of the chosen row or option. */
  'color-surface-selected': '#e6f0fa',
  /** Borders of tables, fields and panels. */
  'color-border': '#c5cdd5',
  /** Primary buttons and links. */
  'color-primary': '#0b5cad',
  /** Primary buttons and links under the pointer. */
  'color-primary-hover': '#084a8c',
  /** Text on the primary colour. */
  'color-on-primary': '#ffffff',
  /** The focus ring. */
  'color-focus': '#1a73e8',
  /** Errors and destructive buttons (cancel a service). */
  'color-danger': '#b3261e',
  /** Destructive buttons under the pointer. */
  'color-danger-hover': '#8c1d18',
  /** Text on the danger colour. */
  'color-on-danger': '#ffffff',
  /** The background of error panels and error notices. */
  'color-danger-surface': '#fdecea',
  /** Good news: a provisioned service, a passed check, a DNS record found. */
  'color-success': '#1e6b32',
  /** A service still provisioning. */
  'color-warning': '#7a4b00',
  /** The dialogs' backdrop over the page. */
  'color-backdrop': 'rgb(15 23 42 / 45%)',
  /** The text font. */
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  /** The font of IDs and DNS record values. */
  'font-family-mono': 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
  /** Small text: hints and table notes. */
  'font-size-s': '0.8125rem',
  /** Body text. */
  'font-size-m': '0.9375rem',
  /** Dialog and section headings, the offer's total. */
  'font-size-l': '1.125rem',
  /** An element's main heading. */
  'font-size-xl': '1.375rem',
  /** Body text. */
  'font-weight-normal': '400',
  /** Headings, labels and emphasis. */
  'font-weight-bold': '600',
  /** Line height of body text. */
  'line-height': '1.45',
  /** The smallest gaps: the focus ring's offset, between a label and its field. */
  'space-2xs': '0.125rem',
  /** Gaps inside controls. */
  'space-xs': '0.25rem',
  /** Padding of buttons and cells. */
  'space-s': '0.5rem',
  /** Gaps between fields. */
  'space-m': '0.75rem',
  /** Padding of panels and dialog sections. */
  'space-l': '1rem',
  /** Gaps between sections. */
  'space-xl': '1.5rem',
  /** Corners of buttons and fields. */
  'radius-s': '4px',
  /** Corners of panels and dialogs. */
  'radius-m': '8px',
  /** Borders of tables, fields and panels. */
  'border-width': '1px',
  /** The width of the focus ring. */
  'focus-ring-width': '2px',
  /** The shadow under a dialog. */
  'shadow-dialog': '0 12px 32px rgb(15 23 42 / 25%)',
} as const;

export type TokenName = keyof typeof TOKEN_DEFAULTS;

export const tokens = unsafeCSS(
  `:host {\n${Object.entries(TOKEN_DEFAULTS)
    .map(([name, value]) => `  --_sc-${name}: var(--sc-${name}, ${value});`)
    .join('\n')}\n}`,
);
