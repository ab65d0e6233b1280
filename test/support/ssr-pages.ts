/**
 * Pages rendered on the server with @lit-labs/ssr, as a portal's server would render them, for
 * test/components/server-rendering.test.ts (through the `ssr-render` command of
 * web-test-runner.config.mjs, which runs this module in Node: Lit's Node build, no DOM).
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, type TemplateResult } from 'lit';
import '../../components/define.js';

export const SSR_PAGES = {
  /** The two main elements in a provider, before the person chose a tenant. */
  services: () => html`<services-provider><tenant-table page-size="5"></tenant-table><booked-services></booked-services></services-provider>`,
  /** The services of one tenant that the page's server already knows. */
  'booked-services': ({ tenantId }: { tenantId?: string }) => html`<booked-services tenant-id=${tenantId ?? ''}></booked-services>`,
} satisfies Record<string, (args: { tenantId?: string }) => TemplateResult>;

export type SsrPage = keyof typeof SSR_PAGES;

export function renderPage(page: SsrPage, args: { tenantId?: string } = {}): Promise<string> {
  const template = SSR_PAGES[page];
  if (!template) throw new Error(`no page ${page} in test/support/ssr-pages.ts`);
  return collectResult(render(template(args)));
}
