// Renders the React wrappers with react-dom/server after `defineElements({ prefix: 'acme' })`,
// which comes after the react entry registered the plain tags (in the registry of Lit's Node
// build): the wrappers render the tags our classes are registered under, the prefixed ones.
// Prints {html, names} as JSON. Run by test/package/package.test.ts.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { BookedServices, ServicesProvider, TenantTable } from '@seppmail/cloud-services/react';
import { defineElements } from '@seppmail/cloud-services';

const names = defineElements({ prefix: 'acme' });
const html = renderToString(
  createElement(ServicesProvider, { apiBase: '/api' }, createElement(TenantTable, { pageSize: 5 }), createElement(BookedServices, { tenantId: 'T-1' })),
);
console.log(JSON.stringify({ html, names: { 'tenant-table': names['tenant-table'], 'dns-guide': names['dns-guide'] } }));
