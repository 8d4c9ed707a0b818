import { z } from 'zod';
import { openApiDocument } from './openapi.js';
import type { RouteKit } from './route-kit.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: every operation of the document, from the document itself. No script, no CDN. */
function docsPage(document: Record<string, unknown>): string {
  const paths = document.paths as Record<string, Record<string, { summary?: string; security?: unknown[]; tags?: string[]; parameters?: Array<{ name: string; in: string; required?: boolean }>; requestBody?: unknown }>>;
  const rows = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []).filter((p) => p.in !== 'header').map((p) => `${p.name}${p.required ? '' : '?'}`).join(', ');
      return `<tr><td><code class="m ${method}">${method.toUpperCase()}</code></td><td><code>${escape(path)}</code>${params ? `<br><small>${escape(params)}</small>` : ''}</td><td>${escape(op.summary ?? '')}${op.security ? ' <small>🔒 bearer</small>' : ''}${op.requestBody ? ' <small>JSON body</small>' : ''}</td></tr>`;
    }),
  );
  const info = document.info as { title: string; version: string; description: string };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1f24}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #d0d7de;padding:.5rem;vertical-align:top}
code{font:13px ui-monospace,monospace}.m{font-weight:700}.get{color:#0a6}.post{color:#06c}.delete{color:#c20}small{color:#57606a}
@media (max-width:40rem){td{display:block;border:0;padding:.2rem 0}tr{display:block;border-top:1px solid #d0d7de;padding:.5rem 0}}
</style></head><body>
<h1>${escape(info.title)} <small>v${escape(info.version)}</small></h1>
<p>${escape(info.description)}</p>
<p>Sign in with <code>POST /api/v1/auth/login</code> (or register), then send <code>Authorization: Bearer &lt;access_token&gt;</code>. Errors are <code>{"error":{"code","message"}}</code>. The full machine-readable description: <a href="/api/v1/openapi.json">openapi.json</a>.</p>
<table>${rows.join('\n')}</table>
</body></html>`;
}

/** GET /openapi.json and GET /docs, generated from the routes registered before them. */
export function registerDocsRoutes(kit: RouteKit, info: { version: string }): void {
  let cached: Record<string, unknown> | undefined;
  const document = () => (cached ??= openApiDocument(kit.specs, info));
  kit.add(
    { method: 'GET', url: '/openapi.json', tag: 'docs', auth: false, summary: 'This API as an OpenAPI 3.1 document', responses: { 200: z.record(z.string(), z.unknown()) }, errors: [] },
    async () => ({ status: 200, body: document() }),
  );
  kit.add(
    { method: 'GET', url: '/docs', tag: 'docs', auth: false, html: true, summary: 'This page: the routes, from the OpenAPI document', responses: { 200: z.string() }, errors: [] },
    async ({ reply }) => {
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      return { status: 200, body: docsPage(document()) };
    },
  );
}
