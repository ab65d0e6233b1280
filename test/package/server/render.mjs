// Renders each tag named on the command line with @lit-labs/ssr, as a host's server would: the
// define entry in plain Node (Lit's Node build brings its own registry, no global DOM shim), one
// element at a time, then a page with the provider around the two main elements (its `locale`
// is the browser's business: the server renders the source messages, and must not fail on it). Prints
// {html: {tag: markup}, page} as JSON. Run by test/package/package.test.ts.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, unsafeStatic } from 'lit/static-html.js';
import '@seppmail/cloud-services/define';

const out = {};
for (const tag of process.argv.slice(2)) {
  const name = unsafeStatic(tag);
  out[tag] = await collectResult(render(html`<${name}></${name}>`));
}
const page = await collectResult(
  render(html`<services-provider api-base="/api" locale="de"><tenant-table page-size="5"></tenant-table><booked-services tenant-id="T-1"></booked-services></services-provider>`),
);
console.log(JSON.stringify({ html: out, page }));
