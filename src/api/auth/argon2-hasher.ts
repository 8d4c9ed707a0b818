import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../accounts/auth-ports.js';

/** argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane); the parameters travel in the PHC string. */
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, OPTIONS),
  // A malformed stored hash is a wrong password, not a crash.
  verify: (stored, password) => verify(stored, password).catch(() => false),
};
