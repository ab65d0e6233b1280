import { unsafeCSS } from 'lit';

/**
 * The design tokens and their defaults, in one place. A page themes every element by setting
 * the public `--sc-<name>` properties anywhere above it (`:root` will do). Each element
 * resolves them on its `:host` into a private `--_sc-<name>` that its styles read, so the
 * default applies only where nothing above set the token.
 */
export const TOKEN_DEFAULTS = {
  'color-text': '#1f2933',
  'color-text-muted': '#52606d',
  'color-surface': '#ffffff',
  'color-surface-alt': '#f3f5f7',
  'color-surface-selected': '#e6f0fa',
  'color-border': '#c5cdd5',
  'color-primary': '#0b5cad',
  'color-primary-hover': '#084a8c',
  'color-on-primary': '#ffffff',
  'color-focus': '#1a73e8',
  'color-danger': '#b3261e',
  'color-danger-hover': '#8c1d18',
  'color-on-danger': '#ffffff',
  'color-danger-surface': '#fdecea',
  'color-success': '#1e6b32',
  'color-warning': '#7a4b00',
  'color-backdrop': 'rgb(15 23 42 / 45%)',
  'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  'font-family-mono': 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
  'font-size-s': '0.8125rem',
  'font-size-m': '0.9375rem',
  'font-size-l': '1.125rem',
  'font-size-xl': '1.375rem',
  'font-weight-normal': '400',
  'font-weight-bold': '600',
  'line-height': '1.45',
  'space-2xs': '0.125rem',
  'space-xs': '0.25rem',
  'space-s': '0.5rem',
  'space-m': '0.75rem',
  'space-l': '1rem',
  'space-xl': '1.5rem',
  'radius-s': '4px',
  'radius-m': '8px',
  'border-width': '1px',
  'focus-ring-width': '2px',
  'shadow-dialog': '0 12px 32px rgb(15 23 42 / 25%)',
} as const;

export type TokenName = keyof typeof TOKEN_DEFAULTS;

export const tokens = unsafeCSS(
  `:host {\n${Object.entries(TOKEN_DEFAULTS)
    .map(([name, value]) => `  --_sc-${name}: var(--sc-${name}, ${value});`)
    .join('\n')}\n}`,
);
