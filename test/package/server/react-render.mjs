// Renders the React wrappers with react-dom/server in plain Node, as a framework prerenders a
// client component ('use client' in Next.js): the tags come out empty (their properties are set
// in the browser), and nothing may throw. Prints {html} as JSON. Run by test/package/package.test.ts.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { BookedServices, ServicesProvider, TenantTable } from '@seppmail/cloud-services/react';

const html = renderToString(
  createElement(
    ServicesProvider,
    { apiBase: '/api', getToken: () => 'token' },
    createElement(TenantTable, { pageSize: 5, onTenantSelect: () => {} }),
    createElement(BookedServices, { tenantId: 'T-1' }),
  ),
);
console.log(JSON.stringify({ html }));
