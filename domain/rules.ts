/**
 * The ordering rules (docs/domain.md#dependency-rules) as pure functions: the catalogue's dependencies, the modes,
 * domain names, GINA host names and end-billing dates. The BFF enforces them; the wizard and
 * the dialogs use the same functions to guide. Every check answers every reason, never the
 * first alone, each with a stable `code` that the components translate.
 *
 * One module per topic under rules/; this file re-exports them all, so callers import from here.
 */
export * from './rules/reasons.js';
export * from './rules/services.js';
export * from './rules/names.js';
export * from './rules/dates.js';
export * from './rules/confirmation.js';
export * from './rules/offers.js';
export * from './rules/ordering.js';
export * from './rules/deployment.js';
export * from './rules/tenants.js';
