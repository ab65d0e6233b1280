import { expect, fixture, html } from '@open-wc/testing';
import '../../components/define.js';
import { ApiClient } from '../../components/api/client.js';
import type { AuthRequiredDetail, AuthRequiredEvent } from '../../components/events.js';
import type { ServicesProvider } from '../../components/services-provider/services-provider.component.js';
import type { TenantTable } from '../../components/tenant-table/tenant-table.component.js';
import { $, $$, apiAs, text, tokenFor, until, watchFetch } from './helpers.js';

function names(el: TenantTable): string[] {
  return $$(el, 'tbody [part~="name-button"]').map(text);
}

/**
 * A real token with its signature changed: the BFF refuses it with 401. The first character of
 * the signature is changed, never the last: the last base64url character of a 32-byte HS256
 * signature carries two unused bits, so swapping it (A for B) can leave the signature's bytes
 * as they were, and the token is accepted (one token in sixteen, as CI once found).
 */
function forged(token: string): string {
  const signatureStart = token.lastIndexOf('.') + 1;
  const first = token[signatureStart] === 'A' ? 'B' : 'A';
  return token.slice(0, signatureStart) + first + token.slice(signatureStart + 1);
}

/** The tenant list's requests among the page's fetches (not /me, not the change stream). */
const TENANT_LIST = /^\/api\/tenants\?/;

async function tenantNamesOf(user: 'alpine-sales' | 'rhein-sales'): Promise<string[]> {
  return (await (await apiAs(user)).tenants({ sort: 'name', limit: 25 })).items.map((t) => t.name);
}

describe('auth-required', () => {
  let fetches: ReturnType<typeof watchFetch>;
  const listeners: ((event: AuthRequiredEvent) => void)[] = [];

  /** Listens on the document, as a host page would, until the test ends. */
  function onAuthRequired(listener: (event: AuthRequiredEvent) => void): AuthRequiredEvent[] {
    const heard: AuthRequiredEvent[] = [];
    const record = (event: AuthRequiredEvent) => {
      heard.push(event);
      listener(event);
    };
    listeners.push(record);
    document.addEventListener('auth-required', record);
    return heard;
  }

  const tenantListEvents = (heard: AuthRequiredEvent[]) => heard.filter((event) => event.detail.path.startsWith('/tenants?'));

  beforeEach(() => {
    fetches = watchFetch();
  });

  afterEach(() => {
    fetches.restore();
    for (const listener of listeners.splice(0)) document.removeEventListener('auth-required', listener);
  });

  it('fires from the element with the refused request; the host’s new token makes the one retry succeed', async () => {
    const good = await tokenFor('alpine-sales');
    let token = forged(good);
    const heard = onAuthRequired((event) => {
      token = good;
      event.detail.retry();
    });
    const el = await fixture<TenantTable>(html`<tenant-table live="off" .getToken=${() => token}></tenant-table>`);
    await until(() => names(el).length > 0, 'the tenants after the retry');
    expect(fetches.count(TENANT_LIST)).to.equal(2);
    expect(names(el)).to.deep.equal(await tenantNamesOf('alpine-sales'));

    const [event, ...more] = tenantListEvents(heard);
    expect(more).to.have.length(0);
    expect(event!.target).to.equal(el);
    expect(event!.bubbles && event!.composed).to.equal(true);
    const { method, url, path, status, problem } = event!.detail;
    expect({ method, status }).to.deep.equal({ method: 'GET', status: 401 });
    expect(path).to.match(/^\/tenants\?.*sort=name/);
    expect(new URL(url).pathname).to.equal('/api/tenants');
    expect(problem).to.include({ status: 401, title: 'Authentication required' });
    expect(problem.detail).to.match(/signature/);
    await expect(el).to.be.accessible();
  });

  /** A tenant-table whose token the BFF refuses, once it shows its error, and the events the host heard. */
  async function refusedTable(answer: (event: AuthRequiredEvent) => void): Promise<{ el: TenantTable; heard: AuthRequiredEvent[] }> {
    const token = forged(await tokenFor('alpine-sales'));
    const heard = onAuthRequired(answer);
    const el = await fixture<TenantTable>(html`<tenant-table live="off" .getToken=${() => token}></tenant-table>`);
    await until(() => $$(el, '[part="error"]').length > 0, 'the error');
    return { el, heard };
  }

  it('shows the error as before when nobody answers, and asks the BFF once', async () => {
    const { el, heard } = await refusedTable(() => {});
    expect(text($(el, '[part="error-next"]'))).to.equal('Your sign-in has expired or is missing. Sign in again, then retry.');
    expect(tenantListEvents(heard)).to.have.length(1);
    expect(fetches.count(TENANT_LIST)).to.equal(1);
    expect(() => heard[0]!.detail.retry(), 'an answer after the event').to.throw(/while the event is dispatched/);
    await expect(el).to.be.accessible();
  });

  it('retries once only: a token still refused shows the error and asks the host no second time', async () => {
    const { heard } = await refusedTable((event) => event.detail.retry());
    expect(tenantListEvents(heard)).to.have.length(1);
    expect(fetches.count(TENANT_LIST)).to.equal(2);
  });

  it('takes a declined sign-in (a rejected promise) as no answer', async () => {
    const { heard } = await refusedTable((event) => event.detail.retry(Promise.reject(new Error('the person closed the sign-in window'))));
    expect(tenantListEvents(heard)).to.have.length(1);
    expect(fetches.count(TENANT_LIST)).to.equal(1);
  });

  it('reaches a listener on services-provider from an element inside, which waits for the host’s sign-in', async () => {
    let token = forged(await tokenFor('rhein-sales'));
    let signingIn: Promise<void> | undefined;
    // The table's list request and its /me go out side by side; the sign-in waits until the
    // list's own 401 has been heard, so that the list is refused whichever answer comes first
    // (a sign-in done before the list asks would let it through with the fresh token).
    let listRefused!: () => void;
    const listAsked = new Promise<void>((resolve) => (listRefused = resolve));
    // The portal's login: one sign-in for every request that asks, a fresh token from the BFF's demo sign-in.
    const signIn = () => (signingIn ??= listAsked.then(() => new ApiClient().demoToken('rhein-sales')).then((fresh) => void (token = fresh)));
    const details: AuthRequiredDetail[] = [];
    const provider = await fixture<ServicesProvider>(html`<services-provider
      .getToken=${() => token}
      @auth-required=${(event: AuthRequiredEvent) => {
        details.push(event.detail);
        if (event.detail.path.startsWith('/tenants?')) listRefused();
        event.detail.retry(signIn());
      }}
      ><tenant-table live="off"></tenant-table
    ></services-provider>`);
    const table = provider.querySelector('tenant-table')!;
    await until(() => names(table).length > 0, 'the tenants after the sign-in');
    expect(fetches.count(TENANT_LIST)).to.equal(2);
    expect(details.filter((d) => d.path.startsWith('/tenants?'))).to.have.length(1);
    expect(names(table)).to.deep.equal(await tenantNamesOf('rhein-sales'));
  });
});
