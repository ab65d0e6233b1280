import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BookedServices, ServicesProvider, TenantTable, type TenantSelectEvent } from '@seppmail/cloud-services/react';

/** The host page owns login; here the demo BFF signs in a partner's sales person, once. */
let token: Promise<string> | undefined;
const getToken = (): Promise<string> =>
  (token ??= fetch('/api/demo/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'alpine-sales' }),
  })
    .then((response) => response.json() as Promise<{ token: string }>)
    .then((body) => body.token));

function App() {
  const [tenant, setTenant] = useState<{ tenantId: string; name: string }>();
  return (
    <ServicesProvider apiBase="/api" getToken={getToken}>
      <h1>Services in React</h1>
      <p id="chosen">{tenant ? `Chosen: ${tenant.name}` : 'Choose a tenant'}</p>
      <main style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem', alignItems: 'start' }}>
        <TenantTable pageSize={10} onTenantSelect={(event: TenantSelectEvent) => setTenant(event.detail)} />
        <BookedServices tenantId={tenant?.tenantId} />
      </main>
    </ServicesProvider>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
