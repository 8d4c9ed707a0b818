import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OpenedLink } from '../../accounts/web-links.js';
import { projectPath } from '../../shared/project-paths.js';

/** The page's own policy: its script, style and icon from here, websockets back to here, nothing else. */
export const WEB_VIEW_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ASSETS: Record<string, { file: string; type: string }> = {
  '/web/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/web/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/web/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  '/web/sw.js': { file: 'sw.js', type: 'text/javascript; charset=utf-8' },
  '/web/icon.svg': { file: 'icon.svg', type: 'image/svg+xml' },
  '/web/manifest.webmanifest': { file: 'manifest.webmanifest', type: 'application/manifest+json' },
};

export interface WebViewDeps {
  /** Opens a one-time link from the chat (WebLinkService.open). */
  open: (code: string) => Promise<OpenedLink>;
  /** The reader behind a session token. */
  reader: (token: string) => Promise<{ userId: number; expiresAt: Date } | null>;
  /** The user's portfolio now, as JSON. */
  snapshot: (userId: number) => Promise<unknown>;
}

const REFUSED: Record<Exclude<OpenedLink['outcome'], 'opened'>, { status: number; message: string }> = {
  expired: { status: 410, message: 'This link has expired. Send /web to Parley in the chat for a new one.' },
  used: { status: 410, message: 'This link was already used: each link opens once. Send /web to Parley for a new one.' },
  unknown: { status: 404, message: 'This link is not one Parley made. Send /web to Parley in the chat for a link.' },
};

function problem(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error: { code, message } });
}

/**
 * The read-only web view: the page's shell (HTML, script, style, manifest, service worker, icon),
 * `POST /web/session` which trades a link's code for a session, and `GET /web/snapshot`. Nothing
 * here changes anything; the page has no trading controls.
 */
export function registerWebView(app: FastifyInstance, deps: WebViewDeps): void {
  // Read once, at start: the shell is small and the same for everyone.
  const files = new Map(Object.entries(ASSETS).map(([path, asset]) => [path, { body: readFileSync(projectPath('public', 'web', asset.file)), type: asset.type }]));
  for (const [path, file] of files) {
    app.get(path, async (_request, reply) => {
      reply.header('content-type', file.type).header('cache-control', 'no-cache').header('content-security-policy', WEB_VIEW_CSP);
      if (path === '/web/sw.js') reply.header('service-worker-allowed', '/web/');
      return reply.send(file.body);
    });
  }
  app.get('/web', async (_request, reply) => reply.redirect('/web/', 301));

  app.post<{ Body: { code: string } }>(
    '/web/session',
    {
      schema: { body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', minLength: 1, maxLength: 200 } } } },
      errorHandler: (error, _request, reply) => problem(reply, 400, 'web.bad_request', error.validation ? 'Send {"code": "…"} from the link.' : 'That request could not be read.'),
    },
    async (request, reply) => {
      const opened = await deps.open(request.body.code);
      if (opened.outcome !== 'opened') {
        const refused = REFUSED[opened.outcome];
        return problem(reply, refused.status, `web.link_${opened.outcome}`, refused.message);
      }
      return reply.header('cache-control', 'no-store').send({ token: opened.token, expires_at: opened.expiresAt.toISOString() });
    },
  );

  app.get('/web/snapshot', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const reader = token ? await deps.reader(token) : null;
    if (!reader) return problem(reply, 401, 'web.session_ended', 'This view has ended. Send /web to Parley in the chat for a new link.');
    return reply.header('cache-control', 'no-store').send(await deps.snapshot(reader.userId));
  });
}
