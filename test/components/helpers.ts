import { waitUntil } from '@open-wc/testing';
import { ApiClient, type TokenGetter } from '../../components/api/client.js';

/** The demo users the BFF seeds (bff/seed/demo-data.ts). */
export type DemoUserId =
  | 'sepp-admin'
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

export async function until(predicate: () => unknown, message: string, timeout = 5000): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 25 });
}
