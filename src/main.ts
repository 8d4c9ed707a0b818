import { loadConfig } from './config/load-config.js';
import { openDatabase } from './db/client.js';
import { ConfigError } from './shared/errors.js';
import { createLogger } from './shared/logger.js';

/** The composition root: parse the config once, build everything, start, stop on a signal. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  // The database opens while the rest of the code loads: a fresh PGlite takes seconds.
  const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
  database.catch(() => {}); // awaited (and reported) by createApp
  const { createApp } = await import('./app.js');
  const app = await createApp(config, logger, { database });
  const url = await app.start();
  if (config.telegramMode === 'playground') {
    const shown = url.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    logger.info(`No BOT_TOKEN set: chat with Parley in the playground at ${shown}/`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.stop();
      clearTimeout(force);
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Parley could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
