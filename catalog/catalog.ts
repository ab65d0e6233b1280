/**
 * The catalog's script (dist/docs/catalog.js, bundled by scripts/docs.ts): registers every
 * element, signs in as a demo user as the demo page does (`POST /api/demo/token`, demo mode
 * only) and puts a live example into each element's `.example` box, inside a
 * `services-provider` that hands the token to it. The examples use the data of one tenant that
 * has domains, so that the domain dialogs have a domain to work on.
 */
import { ApiClient, type TokenGetter } from '../components/api/client.js';
import '../components/define.js';
import type { ManagedDomain } from '../domain/api.js';
import { isActive } from '../domain/lifecycle.js';

/** SEPPmail level with every role: every element shows all it can. */
const DEMO_USER = 'sepp-admin';

interface Context {
  tenantId: string;
  country: string;
  /** A domain with an active service (the dialogs that work on a domain). */
  domain?: ManagedDomain;
  /** A domain in provisioning if there is one (the DNS guide); else any. */
  dnsDomain?: ManagedDomain;
}

type Example = (context: Context) => HTMLElement[];

function element<K extends keyof HTMLElementTagNameMap>(tag: K, properties: Partial<HTMLElementTagNameMap[K]> = {}, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  Object.assign(created, properties);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  return created;
}

/** A dialog element with the button that opens it; closing gives the focus back to the button. */
function withOpener<K extends keyof HTMLElementTagNameMap>(dialog: HTMLElementTagNameMap[K] & { open: boolean }, label: string): HTMLElement[] {
  const button = element('button', { type: 'button', textContent: label, className: 'open' });
  button.addEventListener('click', () => (dialog.open = true));
  return [button, dialog];
}

const EXAMPLES: Record<string, Example> = {
  'services-provider': () => [element('p', { textContent: 'The provider shows nothing itself: every example on this page sits inside one, which hands the demo token to the element.' })],
  'tenant-table': () => [element('tenant-table', {}, { 'page-size': '5' })],
  'booked-services': ({ tenantId }) => [element('booked-services', {}, { 'tenant-id': tenantId })],
  'audit-log': ({ tenantId }) => [element('audit-log', {}, { 'tenant-id': tenantId, 'page-size': '5' })],
  'usage-statement': () => [element('usage-statement')],
  'dns-guide': ({ dnsDomain }) => (dnsDomain ? [element('dns-guide', {}, { 'domain-id': dnsDomain.id, 'domain-name': dnsDomain.name })] : []),
  'tenant-editor': ({ tenantId }) => withOpener(element('tenant-editor', {}, { 'tenant-id': tenantId }), 'Open the tenant’s details'),
  'add-domain-wizard': ({ tenantId }) => withOpener(element('add-domain-wizard', {}, { 'tenant-id': tenantId }), 'Add a domain (wizard)'),
  'add-domain-manual': ({ tenantId }) => withOpener(element('add-domain-manual', {}, { 'tenant-id': tenantId }), 'Add a domain (manually)'),
  'offer-dialog': ({ tenantId }) => withOpener(element('offer-dialog', {}, { 'tenant-id': tenantId }), 'Prepare an offer'),
  'add-services-dialog': ({ domain, country }) => (domain ? withOpener(element('add-services-dialog', { domain, country }), `Add services to ${domain.name}`) : []),
  'cancel-service-dialog': ({ domain }) => {
    const service = domain?.services.find((s) => isActive(s.status));
    return domain && service ? withOpener(element('cancel-service-dialog', { domain, number: service.number }), `Cancel ${service.name} on ${domain.name}`) : [];
  },
  'deployment-settings': ({ domain }) =>
    domain ? withOpener(element('deployment-settings', {}, { 'domain-id': domain.id, 'domain-name': domain.name }), `Deployment settings of ${domain.name}`) : [],
};

/**
 * A domain in provisioning of another tenant than the one booked-services shows: that example
 * shows a guide for each of its own domains in provisioning, and two guides of one domain on a
 * page would be two regions of one name. Else one of the tenant's domains without a guide.
 */
async function dnsExampleDomain(client: ApiClient, others: readonly { id: string }[], own: readonly ManagedDomain[]): Promise<ManagedDomain | undefined> {
  for (const other of others) {
    const found = (await client.domains(other.id)).find((d) => d.status === 'provisioning');
    if (found) return found;
  }
  return own.find((d) => d.status !== 'provisioning');
}

function show(box: Element, content: Node[]): void {
  box.replaceChildren(...content);
}

async function start(): Promise<void> {
  const boxes = [...document.querySelectorAll<HTMLElement>('.example[data-tag]')];
  const anonymous = new ApiClient();
  let getToken: TokenGetter;
  let context: Context;
  try {
    const [users, token] = await Promise.all([anonymous.demoUsers(), anonymous.demoToken(DEMO_USER)]);
    getToken = () => token;
    const who = users.find((user) => user.id === DEMO_USER);
    for (const span of document.querySelectorAll('.signed-in')) span.textContent = who ? `${who.name}` : DEMO_USER;
    const client = new ApiClient({ getToken });
    const page = await client.tenants({ sort: 'managedDomains', order: 'desc', limit: 6 });
    const [tenant, ...others] = page.items;
    if (!tenant) throw new Error('The demo has no tenant.');
    const [domains, details] = await Promise.all([client.domains(tenant.id), client.tenant(tenant.id)]);
    context = {
      tenantId: tenant.id,
      country: details.data.country,
      domain: domains.find((d) => d.services.some((s) => isActive(s.status))),
      dnsDomain: await dnsExampleDomain(client, others, domains),
    };
  } catch (error) {
    // Outside demo mode there is no demo sign-in: the reference above stays, the examples say why.
    const reason = error instanceof Error ? error.message : String(error);
    for (const box of boxes)
      show(box, [element('p', { className: 'example-note', textContent: `No live example: signing in as a demo user failed (${reason}). The examples need the BFF's demo mode.` })]);
    return;
  }
  for (const box of boxes) {
    const example = EXAMPLES[box.dataset.tag!];
    const content = example?.(context) ?? [];
    if (content.length === 0) {
      show(box, [element('p', { className: 'example-note', textContent: 'The demo data has nothing this example needs.' })]);
      continue;
    }
    const provider = element('services-provider', { getToken });
    provider.append(...content);
    show(box, [provider]);
  }
}

void start();
