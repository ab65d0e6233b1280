/**
 * The favicon of every page we serve (the demo, /api/docs, the catalog at /docs/): a small SVG of
 * our own (a cloud with an envelope's flap in the primary colour), at `/favicon.svg`, which the
 * pages link, and at `/favicon.ico`, which browsers and tools ask for when a page links none.
 * Same origin, so the page CSP's `default-src 'self'` allows it (no `data:` URL needed).
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b5cad"/><path d="M9 23a5 5 0 0 1 .6-10A7 7 0 0 1 23 11.5 5.8 5.8 0 0 1 23 23z" fill="#fff"/><path d="M11 15.5h11v6H11zM11 15.5l5.5 3.7 5.5-3.7" fill="none" stroke="#0b5cad" stroke-width="1.4" stroke-linejoin="round"/></svg>
`;

/** The paths that answer it. */
export const FAVICON_PATHS = ['/favicon.svg', '/favicon.ico'] as const;

/** The icon's answer: the same for everyone, so any cache may keep it for a day. */
export const faviconResponse = () =>
  new Response(FAVICON_SVG, { headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' } });
