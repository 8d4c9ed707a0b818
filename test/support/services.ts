/**
 * Tests that need PostgreSQL or Redis run when these are set (.ci/run sets them) and are
 * reported as skipped otherwise, so `npm test` also passes on a machine without them.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;
