import { eq } from 'drizzle-orm';
import type { DigestPreference } from '../notifications/notification.js';
import type { DigestSettings } from '../notifications/ports.js';
import type { Db } from './client.js';
import { userSettings } from './schema.js';

export class DigestSettingsRepo implements DigestSettings {
  constructor(private readonly db: Db) {}

  async get(userId: number): Promise<DigestPreference> {
    const [row] = await this.db.select({ digest: userSettings.digest }).from(userSettings).where(eq(userSettings.userId, userId));
    return (row?.digest as DigestPreference | undefined) ?? 'off';
  }

  async set(userId: number, preference: DigestPreference): Promise<void> {
    const now = new Date();
    await this.db
      .insert(userSettings)
      .values({ userId, digest: preference, updatedAt: now })
      .onConflictDoUpdate({ target: userSettings.userId, set: { digest: preference, updatedAt: now } });
  }
}
