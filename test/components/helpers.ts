import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import { ApiClient, type ConfirmationResult, type Job, type TokenGetter } from '../../components/api/client.js';

/** The demo users the BFF seeds (bff/seed/demo-data.ts). */
export type DemoUserId =
  | 'sepp-admin'
  | 'sepp-support'
  | 'alpine-sales'
  | 'alpine-support'
  | 'alpine-tech'
  | 'alpine-audit'
  | 'rhein-sales'
  | 'lemanic-all'
  | 'tenant-admin';

const tokens = new Map<DemoUserId, Promise<string>>();

/** A real token from the BFF's demo sign-in, one per user and test file. */
export function tokenFor(user: DemoUserId): Promise<string> {
  if (!tokens.has(user)) tokens.set(user, new ApiClient().demoToken(user));
  return tokens.get(user)!;
}

export async function getTokenFor(user: DemoUserId): Promise<TokenGetter> {
  const token = await tokenFor(user);
  return () => token;
}

/** A client that talks to the BFF directly, to arrange and check data beside the element. */
export async function apiAs(user: DemoUserId): Promise<ApiClient> {
  return new ApiClient({ getToken: await getTokenFor(user) });
}

/** The element that has the focus, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

export function shadow(el: HTMLElement): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`${el.localName} has no shadow root`);
  return el.shadowRoot;
}

export function $<E extends Element = HTMLElement>(el: HTMLElement, selector: string): E {
  const found = shadow(el).querySelector<E>(selector);
  if (!found) throw new Error(`${el.localName} has no ${selector}`);
  return found;
}

export function $$<E extends Element = HTMLElement>(el: HTMLElement, selector: string): E[] {
  return [...shadow(el).querySelectorAll<E>(selector)];
}

export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * An element of ours inside `el`'s shadow root that `el` loads on demand (a dialog once it is
 * opened, a DNS guide): waits until it is there.
 */
export async function loaded<E extends Element = HTMLElement>(el: HTMLElement, selector: string, timeout = 5000): Promise<E> {
  await waitUntil(() => shadow(el).querySelector(selector), `${selector} loaded in ${el.localName}`, { timeout, interval: 25 });
  return shadow(el).querySelector<E>(selector)!;
}

export async function until(predicate: () => unknown, message: string, timeout = 5000): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 25 });
}

let uniqueCounter = 0;

/** A domain name no test has used yet: the BFF's database is shared by every test file. */
export function uniqueDomain(stem: string, tld = 'ch'): string {
  return `${stem}-${Date.now().toString(36)}${(uniqueCounter++).toString(36)}.${tld}`;
}

/** Sets a control's value as typing would, and lets the element render. */
export async function fill(el: HTMLElement & { updateComplete: Promise<unknown> }, selector: string, value: string): Promise<void> {
  const control = $<HTMLInputElement>(el, selector);
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Clicks a control (a button, a checkbox, a radio button) and lets the element render. */
export async function click(el: HTMLElement & { updateComplete: Promise<unknown> }, selector: string): Promise<void> {
  $<HTMLElement>(el, selector).click();
  await el.updateComplete;
}

/** Waits until the element with the focus matches `selector` inside `el`'s shadow root. */
export async function focusOn(el: HTMLElement, selector: string): Promise<void> {
  await until(() => deepActiveElement() === shadow(el).querySelector(selector), `the focus on ${selector} (it is on ${deepActiveElement()?.id || deepActiveElement()?.localName})`);
}

/**
 * Renders a dialog element beside a trigger button, as a host page has one, and opens it
 * from the trigger: the focus goes back there when it closes.
 */
export async function openFromTrigger<E extends HTMLElement & { show(): void }>(dialog: TemplateResult, ready: string): Promise<{ el: E; trigger: HTMLButtonElement }> {
  const host = await fixture<HTMLDivElement>(html`<div><button id="trigger" type="button">Open</button>${dialog}</div>`);
  const el = host.lastElementChild as E;
  const trigger = host.querySelector<HTMLButtonElement>('#trigger')!;
  trigger.addEventListener('click', () => el.show());
  trigger.focus();
  trigger.click();
  await until(() => shadow(el).querySelector(`${ready}, [part="notice"], [part="error"]`), `${ready} in ${el.localName}`);
  return { el, trigger };
}

/** Starts a confirmation of the tenant's ordered services and waits until its job is done. */
export async function confirmAndWait(api: ApiClient, tenantId: string): Promise<Job<ConfirmationResult>> {
  const { jobId } = await api.confirm(tenantId, crypto.randomUUID());
  let job = await api.job<ConfirmationResult>(jobId);
  for (const deadline = Date.now() + 20_000; job.status === 'queued' || job.status === 'running'; job = await api.job<ConfirmationResult>(jobId)) {
    if (Date.now() > deadline) throw new Error(`confirmation ${jobId} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return job;
}

/**
 * Publishes records in the DNS zone that the BFF's checks ask (a DNS server of the test
 * runner on 127.0.0.1, web-test-runner.config.mjs); an empty list removes them.
 */
export async function publishDns(name: string, type: 'MX' | 'TXT' | 'CNAME', values: string[]): Promise<void> {
  await executeServerCommand(values.length > 0 ? 'dns-set' : 'dns-remove', { name, type, values });
}

/** A request the page made through `fetch`. */
export interface FetchCall {
  url: string;
  init?: RequestInit;
}

/**
 * Records every `fetch` of the page (and still lets it through to the real BFF) until
 * `restore()`: to see which requests an element made, and which streams it opened or closed.
 */
export function watchFetch(): { calls: FetchCall[]; count(pattern: RegExp): number; restore(): void } {
  const original = window.fetch;
  const calls: FetchCall[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url: new URL(url, location.href).pathname + new URL(url, location.href).search, init });
    return original(input, init);
  };
  return {
    calls,
    count: (pattern) => calls.filter((call) => pattern.test(call.url)).length,
    restore: () => (window.fetch = original),
  };
}
