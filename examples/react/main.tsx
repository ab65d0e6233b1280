import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BookedServices, ServicesProvider, TenantTable, type TenantSelectEvent } from '@seppmail/cloud-services/react';

/**
 * A portal writes its BFF's URL here. `?api=https://bff.example/api` points this example at
 * another BFF (the e2e test's, on another origin: the BFF's CORS_ORIGINS lists this page's).
 */
const apiBase = new URLSearchParams(location.search).get('api') ?? '/api';

/** The host page owns login; here the demo BFF signs in a partner's sales person, once. */
let token: Promise<string> | undefined;
const getToken = (): Promise<string> =>
  (token ??= fetch(`${apiBase}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'alpine-sales' }),
  })
    .then((response) => response.json() as Promise<{ token: string }>)
    .then((body) => body.token));

function App() {
  const [tenant, setTenant] = useState<{ tenantId: string; name: string }>();
  return (
    <ServicesProvider apiBase={apiBase} getToken={getToken}>
      <h1>Services in React</h1>
      <p id="chosen">{tenant ? `Chosen: ${tenant.name}` : 'Choose a tenant'}</p>
      <main style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: '1rem', alignItems: 'start' }}>
        <TenantTable pageSize={10} onTenantSelect={(event: TenantSelectEvent) => setTenant(event.detail)} />
        {/* tenant?.tenantId may be undefined: the wrappers' optional props accept it under exactOptionalPropertyTypes. */}
        <BookedServices tenantId={tenant?.tenantId} />
      </main>
    </ServicesProvider>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
