import { alertStoreContract } from '../alerts/alert-store.contract.js';
import { DATABASES, type TestDatabase } from '../../test/support/databases.js';
import { telegramUser } from '../../test/support/users.js';
import { AlertRepo } from './alert-repo.js';
import { NotificationRepo } from './notification-repo.js';
import { UserRepo } from './user-repo.js';

// One suite, every driver: the cap, the duplicates and the exactly-once trigger under races.
let telegramSeq = 70_000;
for (const driver of DATABASES.filter((d) => d.enabled)) {
  alertStoreContract(`AlertRepo on ${driver.name}`, async () => {
    const database: TestDatabase = await driver.open();
    const users = new UserRepo(database.db);
    return {
      store: new AlertRepo(database.db),
      newUser: async () => (await telegramUser(users, ++telegramSeq, { firstName: 'Al' })).user.id,
      told: async () => (await new NotificationRepo(database.db).all()).map((n) => n.key),
      cleanup: () => database.close(),
    };
  });
}
