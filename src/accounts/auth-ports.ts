import type { Session } from './types.js';

/** Email logins and their password hashes (the db's AuthRepo). */
export interface CredentialStore {
  find(email: string): Promise<{ userId: number; passwordHash: string } | null>;
  /**
   * The email login and its ('email', address) identity for `userId`, in one transaction;
   * false when the address is taken (nothing written).
   */
  create(input: { email: string; userId: number; passwordHash: string }): Promise<boolean>;
}

/** One issued refresh token (its jti), in a family of rotations. */
export interface RefreshRecord {
  id: string;
  family: string;
  userId: number;
  expiresAt: Date;
}

export type RotateOutcome =
  | { outcome: 'rotated'; userId: number }
  /** Unknown, expired or revoked. */
  | { outcome: 'invalid' }
  /** Already used once: a copy is in someone else's hands. The family is revoked. */
  | { outcome: 'reused' };

export interface RefreshTokenStore {
  issue(record: RefreshRecord): Promise<void>;
  /** Marks `id` used and issues `next` in its family, in one transaction (only one caller can win). */
  rotate(id: string, now: Date, next: (userId: number, family: string) => RefreshRecord): Promise<RotateOutcome>;
  revokeFamily(family: string, now: Date): Promise<void>;
  /** The family has not been revoked (an access token of a revoked family stops working too). */
  familyActive(family: string): Promise<boolean>;
}

/** One-time codes from /link; only hashes are stored. */
export interface LinkCodeStore {
  createLinkCode(input: { codeHash: string; userId: number; expiresAt: Date }): Promise<void>;
  /** The code's user, marking it used, when it is unused and unexpired; else null. */
  consumeLinkCode(codeHash: string, now: Date): Promise<number | null>;
}

/** A user's session by id (the API's tokens name the user, not an identity). */
export interface SessionLookup {
  sessionOf(userId: number): Promise<Session | null>;
  identitiesOf(provider: 'telegram' | 'email', userIds: readonly number[]): Promise<Map<number, { subject: string }>>;
}

/** argon2id (or any memory-hard hash) behind a port: the accounts module imports no crypto library. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface TokenClaims {
  sub: string;
  typ: 'access' | 'refresh';
  /** The refresh family both tokens of a login belong to. */
  fam: string;
  jti: string;
}

/** Signs and checks tokens (jose under the app's key). verify answers null for anything not ours, expired or malformed. */
export interface TokenSigner {
  sign(claims: TokenClaims, ttlSeconds: number): Promise<string>;
  verify(token: string): Promise<(TokenClaims & { exp: number }) | null>;
}
