// Imports each entry named on the command line, in order, in this plain Node process (no DOM),
// and prints what happened as JSON. `--dom-shim` first installs @lit-labs/ssr's global DOM shim
// (a registry, HTMLElement, a document without elements), as a server that renders does.
// Run by test/package/package.test.ts.
const args = process.argv.slice(2);
if (args[0] === '--dom-shim') {
  args.shift();
  await import('@lit-labs/ssr/lib/install-global-dom-shim.js');
}
const entries = [];
/** For each entry that exports `setLocale`: what `setLocale('de')` did there. */
const setLocale = {};
/** For each entry that exports `defineAll` (the bundle): what it did there. */
const defineAll = {};
for (const specifier of args) {
  try {
    const module = await import(specifier);
    entries.push({ specifier, exports: Object.keys(module).sort(), error: null });
    if (module.setLocale) setLocale[specifier] = await module.setLocale('de').then(() => 'resolved', (error) => String(error));
    if (module.defineAll) defineAll[specifier] = await module.defineAll().then(() => 'resolved', (error) => String(error));
  } catch (error) {
    entries.push({ specifier, exports: [], error: String(error?.stack ?? error) });
  }
}
const registry = globalThis.customElements;
console.log(
  JSON.stringify({
    entries,
    setLocale,
    defineAll,
    registry: registry === undefined ? null : ['services-provider', 'tenant-table', 'booked-services', 'dns-guide'].filter((tag) => registry.get(tag)),
  }),
);
