/**
 * openapi-typescript imports `typescript`; npm hoists it beside the project's TypeScript 7,
 * whose package has no compiler API. This resolves its `typescript` to the TypeScript 5 kept
 * here (./node_modules/typescript), and nothing else.
 */
const TS5 = new URL('./node_modules/typescript/lib/typescript.js', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/openapi-typescript/')) return { url: TS5, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}
