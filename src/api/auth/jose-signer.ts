import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { TokenClaims, TokenSigner } from '../../accounts/auth-ports.js';
import type { Clock } from '../../shared/clock.js';

const ISSUER = 'parley';
const AUDIENCE = 'parley-api';

/** HS256 tokens under a key derived from the secret (JWT_SECRET, or the one kept in the database). */
export function joseSigner(secret: string, clock: Clock): TokenSigner {
  const key = createHash('sha256').update(`parley-jwt:${secret}`).digest();
  return {
    async sign(claims: TokenClaims, ttlSeconds: number): Promise<string> {
      const now = Math.floor(clock.now() / 1000);
      return new SignJWT({ typ: claims.typ, fam: claims.fam })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.sub)
        .setJti(claims.jti)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(key);
    },
    async verify(token: string) {
      if (typeof token !== 'string' || token.length > 4096) return null;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(clock.now()) });
        const { sub, typ, fam, jti, exp } = payload as Record<string, unknown>;
        if (typeof sub !== 'string' || (typ !== 'access' && typ !== 'refresh') || typeof fam !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return null;
        return { sub, typ, fam, jti, exp };
      } catch {
        return null;
      }
    },
  };
}
