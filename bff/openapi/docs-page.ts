/**
 * A readable page of the OpenAPI document, rendered on the server: no scripts, no CDN, and no
 * inline style either (its stylesheet is `DOCS_CSS` at /api/docs.css), so the page's strict
 * Content-Security-Policy (`default-src 'self'`, bff/http/hardening.ts) allows all of it.
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The operations' descriptions use a little Markdown: paragraphs, **strong** and `code`. */
const markdown = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');

/** The docs page's stylesheet, served at /api/docs.css. */
export const DOCS_CSS = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.45}
section{border-top:1px solid #c5cdd5;padding:.5rem 0}h2{font-size:1.05rem}.method{display:inline-block;min-width:4.5em;font-weight:700}
.get{color:#0b5cad}.post{color:#1e6b32}.put,.patch{color:#7a4b00}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #c5cdd5;padding:.2rem .4rem;text-align:left;vertical-align:top}
pre{background:#f3f5f7;padding:.5rem;overflow:auto;font-size:.8rem}dt{font-weight:700;float:left;width:3.5rem}dd{margin-left:4rem}
`;

interface Operation {
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
}

export function docsPage(document: Record<string, unknown>): string {
  const info = document.info as { title: string; description: string; version: string };
  const paths = document.paths as Record<string, Record<string, Operation>>;
  const sections = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const anchor = `${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
      const params = op.parameters.length
        ? `<table><thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Schema</th></tr></thead><tbody>${op.parameters
            .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escape(JSON.stringify(p.schema))}</code>${p.description ? ` ${escape(p.description)}` : ''}</td></tr>`)
            .join('')}</tbody></table>`
        : '';
      const body = op.requestBody
        ? `<details><summary>Request body</summary><pre>${escape(JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2))}</pre></details>`
        : '';
      const responses = `<dl>${Object.entries(op.responses)
        .map(([status, r]) => `<dt>${status}</dt><dd>${escape(r.description)}</dd>`)
        .join('')}</dl>`;
      return `<section id="${anchor}" aria-labelledby="${anchor}-h"><h2 id="${anchor}-h"><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h2><p>${escape(op.summary)}.</p>${markdown(op.description)}${params}${body}${responses}</section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(info.title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/api/docs.css"></head>
<body><header><h1>${escape(info.title)}</h1><p>${escape(info.description)} Version ${escape(info.version)}. The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>.</p></header>
<main>${sections.join('\n')}</main></body></html>`;
}
