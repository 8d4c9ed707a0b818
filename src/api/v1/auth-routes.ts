import { z } from 'zod';
import type { AuthService, TokenPair } from '../../accounts/auth-service.js';
import type { RouteKit } from './route-kit.js';

const tokens = z.object({
  access_token: z.string().describe('Send as Authorization: Bearer …; lasts 15 minutes'),
  refresh_token: z.string().describe('POST to /auth/refresh for a new pair; lasts 30 days, works once'),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().describe('Seconds the access token lasts'),
  user_id: z.number().int(),
});
const tokensOf = (pair: TokenPair): z.input<typeof tokens> => ({
  access_token: pair.accessToken,
  refresh_token: pair.refreshToken,
  token_type: 'Bearer',
  expires_in: pair.expiresIn,
  user_id: pair.userId,
});

const email = z.string().min(3).max(254).describe('Email address (case does not matter)');
const password = z.string().min(1).max(256);

/** POST /auth/register, /auth/login, /auth/refresh, /auth/logout: AuthService, nothing else. */
export function registerAuthRoutes(kit: RouteKit, auth: AuthService): void {
  kit.add(
    {
      method: 'POST', url: '/auth/register', tag: 'auth', auth: false, strictLimit: true,
      summary: 'Create an email login: a new user with a 10,000 USDT paper account, or (telegram_id and a /link code) the Telegram user’s own account',
      body: z.object({
        email,
        password: password.describe('At least 8 characters'),
        telegram_id: z.union([z.string().regex(/^\d{1,20}$/), z.number().int().positive()]).transform(String).optional().describe('Your Telegram user id, to join the account you use in the chat'),
        link_code: z.string().max(32).optional().describe('The code /link gives in the chat (needed with telegram_id)'),
      }),
      responses: { 201: tokens },
      errors: [400, 409],
    },
    async ({ body }) => ({ status: 201, body: tokensOf(await auth.register({ email: body.email, password: body.password, telegramId: body.telegram_id, linkCode: body.link_code })) }),
  );
  kit.add(
    {
      method: 'POST', url: '/auth/login', tag: 'auth', auth: false, strictLimit: true, summary: 'Log in with email and password',
      body: z.object({ email, password }),
      responses: { 200: tokens },
      errors: [400],
    },
    async ({ body }) => ({ status: 200, body: tokensOf(await auth.login(body)) }),
  );
  kit.add(
    {
      method: 'POST', url: '/auth/refresh', tag: 'auth', auth: false, strictLimit: true,
      summary: 'A new token pair for a refresh token (which then stops working; using it again signs the login out everywhere)',
      body: z.object({ refresh_token: z.string().min(1).max(4096) }),
      responses: { 200: tokens },
      errors: [400],
    },
    async ({ body }) => ({ status: 200, body: tokensOf(await auth.refresh(body.refresh_token)) }),
  );
  kit.add(
    {
      method: 'POST', url: '/auth/logout', tag: 'auth', auth: true, summary: 'Sign this login out: its access and refresh tokens stop working',
      responses: { 200: z.object({ logged_out: z.boolean() }) },
      errors: [],
    },
    async ({ request }) => {
      await auth.logout(request.headers.authorization!.slice('Bearer '.length));
      return { status: 200, body: { logged_out: true } };
    },
  );
}
