import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import type { Decimal } from '../shared/decimal.js';
import { AppError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Logger } from '../shared/logger.js';
import type { CredentialStore, LinkCodeStore, PasswordHasher, RefreshRecord, RefreshTokenStore, SessionLookup, TokenSigner } from './auth-ports.js';
import type { UserDirectory } from './ports.js';
import type { Session } from './types.js';

export const ACCESS_TTL_SECONDS = 15 * 60;
export const REFRESH_TTL_SECONDS = 30 * 24 * 3600;
export const LINK_CODE_TTL_SECONDS = 10 * 60;
/** No 0/O, 1/I/L: a code read off a phone and typed elsewhere. */
const LINK_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LINK_CODE_LENGTH = 8;

/** Authentication failed or was refused; the API answers 401 (409 for a taken address, 400 for bad input). */
export class AuthError extends AppError {}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lasts. */
  expiresIn: number;
  userId: number;
}

export interface AuthDeps {
  users: UserDirectory;
  sessions: SessionLookup;
  credentials: CredentialStore;
  refreshTokens: RefreshTokenStore;
  linkCodes: LinkCodeStore;
  hasher: PasswordHasher;
  tokens: TokenSigner;
  paperFunding: { asset: string; amount: Decimal };
  clock: Clock;
  logger: Logger;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,185}\.[^\s@]{1,63}$/;

/**
 * Email logins for the REST API: register (a new user gets the same funded paper account a chat
 * user gets; with a code from /link, the login joins that Telegram user instead), log in, rotate
 * refresh tokens (a reused one revokes its whole family), and check access tokens against the
 * database on every use.
 */
export class AuthService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AuthDeps) {}

  async register(input: { email: string; password: string; telegramId?: string | undefined; linkCode?: string | undefined }): Promise<TokenPair> {
    const email = normaliseEmail(input.email);
    checkPassword(input.password);
    if (await this.deps.credentials.find(email)) throw taken();
    let userId: number;
    if (input.telegramId !== undefined) {
      if (!input.linkCode) throw new AuthError('auth.link_code_required', 'To join a Telegram account, send /link to the bot and give the code it answers as link_code.');
      userId = await this.consumeLinkCode(input.linkCode, input.telegramId);
    } else {
      // The same path a first chat message takes: the user and a funded paper account, exactly once.
      userId = (await this.deps.users.identify({ provider: 'email', subject: email }, {}, this.deps.paperFunding)).user.id;
    }
    const passwordHash = await this.deps.hasher.hash(input.password);
    if (!(await this.deps.credentials.create({ email, userId, passwordHash }))) throw taken();
    this.deps.logger.info({ userId, linked: input.telegramId !== undefined }, 'email login registered');
    return this.issue(userId);
  }

  async login(input: { email: string; password: string }): Promise<TokenPair> {
    const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
    const found = email ? await this.deps.credentials.find(email) : null;
    // An unknown address costs the same hash as a wrong password: timing tells nothing.
    const ok = found ? await this.deps.hasher.verify(found.passwordHash, input.password) : await this.deps.hasher.verify(await this.dummy(), input.password).then(() => false);
    if (!found || !ok) throw new AuthError('auth.invalid_credentials', 'Wrong email or password.');
    return this.issue(found.userId);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const claims = await this.deps.tokens.verify(refreshToken);
    if (!claims || claims.typ !== 'refresh') throw invalidToken();
    const now = new Date(this.deps.clock.now());
    let nextId = '';
    const rotated = await this.deps.refreshTokens.rotate(claims.jti, now, (userId, family) => {
      const record = this.record(userId, family);
      nextId = record.id;
      return record;
    });
    if (rotated.outcome === 'reused') {
      this.deps.logger.warn({ family: claims.fam }, 'a rotated refresh token was used again; its family is revoked');
      throw new AuthError('auth.refresh_reused', 'This refresh token was already used; every session of this login is signed out. Log in again.');
    }
    if (rotated.outcome !== 'rotated') throw invalidToken();
    return this.tokensFor(rotated.userId, claims.fam, nextId);
  }

  /** Signs out every token of the login an access or refresh token belongs to. */
  async logout(token: string): Promise<void> {
    const claims = await this.deps.tokens.verify(token);
    if (!claims) throw invalidToken();
    await this.deps.refreshTokens.revokeFamily(claims.fam, new Date(this.deps.clock.now()));
  }

  /** The session an access token grants, checked against the database (a revoked login is refused). */
  async authenticate(accessToken: string): Promise<Session> {
    const claims = await this.deps.tokens.verify(accessToken);
    if (!claims || claims.typ !== 'access' || !/^\d{1,10}$/.test(claims.sub)) throw invalidToken();
    if (!(await this.deps.refreshTokens.familyActive(claims.fam))) throw invalidToken();
    const session = await this.deps.sessions.sessionOf(Number(claims.sub));
    if (!session) throw invalidToken();
    return session;
  }

  /** /link in the chat: a one-time code (10 minutes) that joins an email login registered with it to this user. */
  async createLinkCode(userId: number): Promise<{ code: string; expiresAt: Date }> {
    let code = '';
    for (let i = 0; i < LINK_CODE_LENGTH; i++) code += LINK_ALPHABET[randomInt(LINK_ALPHABET.length)];
    const expiresAt = new Date(this.deps.clock.now() + LINK_CODE_TTL_SECONDS * 1000);
    await this.deps.linkCodes.createLinkCode({ codeHash: hashCode(code), userId, expiresAt });
    return { code, expiresAt };
  }

  private async consumeLinkCode(code: string, telegramId: string): Promise<number> {
    const refused = new AuthError('auth.link_code_invalid', 'That link code is wrong, used or expired. Send /link to the bot for a new one.');
    const clean = code.trim().toUpperCase();
    if (clean.length !== LINK_CODE_LENGTH) throw refused;
    const userId = await this.deps.linkCodes.consumeLinkCode(hashCode(clean), new Date(this.deps.clock.now()));
    if (userId === null) throw refused;
    // The code belongs to the Telegram user who asked for it: a code given with another id is refused.
    const telegram = await this.deps.sessions.identitiesOf('telegram', [userId]);
    if (telegram.get(userId)?.subject !== telegramId.trim()) throw refused;
    return userId;
  }

  private record(userId: number, family: string): RefreshRecord {
    return { id: newId(24), family, userId, expiresAt: new Date(this.deps.clock.now() + REFRESH_TTL_SECONDS * 1000) };
  }

  private async issue(userId: number): Promise<TokenPair> {
    const record = this.record(userId, newId(24));
    await this.deps.refreshTokens.issue(record);
    return this.tokensFor(userId, record.family, record.id);
  }

  private async tokensFor(userId: number, family: string, refreshId: string): Promise<TokenPair> {
    const sub = String(userId);
    const [accessToken, refreshToken] = await Promise.all([
      this.deps.tokens.sign({ sub, typ: 'access', fam: family, jti: newId(24) }, ACCESS_TTL_SECONDS),
      this.deps.tokens.sign({ sub, typ: 'refresh', fam: family, jti: refreshId }, REFRESH_TTL_SECONDS),
    ]);
    return { accessToken, refreshToken, expiresIn: ACCESS_TTL_SECONDS, userId };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.deps.hasher.hash(newId(24));
    return this.dummyHash;
  }
}

function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw new AuthError('auth.invalid_email', 'That is not an email address.');
  return email;
}

function checkPassword(password: string): void {
  if (password.length < 8) throw new AuthError('auth.weak_password', 'A password needs at least 8 characters.');
  if (password.length > 256) throw new AuthError('auth.weak_password', 'A password can have at most 256 characters.');
}

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');
const taken = () => new AuthError('auth.email_taken', 'That email address is already registered. Log in instead.');
const invalidToken = () => new AuthError('auth.invalid_token', 'The token is invalid or expired.');
