/** `cem analyze`: the elements' manifest from their class comments (custom-elements.json). */
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/i18n/locales/**', 'components/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
