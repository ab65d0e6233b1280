import { connection } from 'next/server';
import { Services } from './services';

/**
 * A server component: it reads the BFF's address from the server's environment per request
 * (SERVICES_API_BASE, e.g. https://bff.example/api; the BFF's CORS_ORIGINS must list this site's
 * origin) and hands it to the client component. Functions such as `getToken` cannot cross from
 * server to client components, so the sign-in lives in the client component.
 */
export default async function Page() {
  // Per request, not prerendered at build: the address is runtime configuration, not baked in.
  await connection();
  const apiBase = process.env.SERVICES_API_BASE ?? '/api';
  return (
    <>
      <h1>Services in Next.js</h1>
      <Services apiBase={apiBase} />
    </>
  );
}
