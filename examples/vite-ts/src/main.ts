// Only the elements this page uses: each define entry registers its tag (and the dialogs it
// opens) if the page has none of that name; the bundler leaves every other element out.
import '@seppmail/cloud-services/define/services-provider';
import '@seppmail/cloud-services/define/tenant-table';
import '@seppmail/cloud-services/define/booked-services';
import type { TokenGetter } from '@seppmail/cloud-services';

// The define entries declare their tags in HTMLElementTagNameMap: these are typed elements.
const provider = document.querySelector('services-provider')!;
const booked = document.querySelector('booked-services')!;
const chosen = document.querySelector<HTMLParagraphElement>('#chosen')!;

// A portal writes its BFF's URL in api-base. `?api=https://bff.example/api` points this example at
// another BFF (the e2e test's, on another origin: the BFF's CORS_ORIGINS lists this page's).
const api = new URLSearchParams(location.search).get('api');
if (api) provider.apiBase = api;

// The host page owns login. Here: the demo BFF's sign-in as a partner's sales person, asked once;
// a real portal answers its own current access token.
let token: Promise<string> | undefined;
const getToken: TokenGetter = () =>
  (token ??= fetch(`${provider.apiBase}/demo/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: 'alpine-sales' }),
  })
    .then((response) => response.json() as Promise<{ token: string }>)
    .then((body) => body.token));
provider.getToken = getToken;

// `tenant-select` is typed by the package (GlobalEventHandlersEventMap): detail is a TenantSelectDetail.
document.addEventListener('tenant-select', (event) => {
  booked.tenantId = event.detail.tenantId;
  chosen.textContent = `Chosen: ${event.detail.name}`;
});
