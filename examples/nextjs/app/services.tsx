'use client';
// The wrappers are React components that set properties and listen to events in the browser, so
// they belong in a client component. On the server Next renders this component too: the package's
// entries import in Node without a DOM, and the elements come out as their bare tags
// (<tenant-table></tenant-table>, no shadow DOM) that the browser upgrades once the module loads.

import { useCallback, useState } from 'react';
import { BookedServices, ServicesProvider, TenantTable, type TenantSelectEvent } from '@seppmail/cloud-services/react';

/** The host page owns login; here the demo BFF signs in a partner's sales person, once per BFF. */
const tokens = new Map<string, Promise<string>>();
function demoToken(apiBase: string): Promise<string> {
  let token = tokens.get(apiBase);
  if (!token) {
    token = fetch(`${apiBase}/demo/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'alpine-sales' }),
    })
      .then((response) => response.json() as Promise<{ token: string }>)
      .then((body) => body.token);
    tokens.set(apiBase, token);
  }
  return token;
}

export function Services({ apiBase }: { apiBase: string }) {
  const [tenant, setTenant] = useState<{ tenantId: string; name: string }>();
  // One function per BFF: a new getToken tells the elements that someone else signed in, and they load again.
  const getToken = useCallback(() => demoToken(apiBase), [apiBase]);
  return (
    <ServicesProvider apiBase={apiBase} getToken={getToken}>
      <p id="chosen">{tenant ? `Chosen: ${tenant.name}` : 'Choose a tenant'}</p>
      <main style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem', alignItems: 'start' }}>
        <TenantTable pageSize={10} onTenantSelect={(event: TenantSelectEvent) => setTenant(event.detail)} />
        <BookedServices tenantId={tenant?.tenantId} />
      </main>
    </ServicesProvider>
  );
}
