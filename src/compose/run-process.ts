import { loadConfig } from '../config/load-config.js';
import { openDatabase } from '../db/client.js';
import { createLogger } from '../logging/pino-logger.js';
import { ConfigError } from '../shared/errors.js';
import type { Role } from './app.js';

/** The composition root of each entry point: parse the config once, build everything, start, stop on a signal. */
export function runProcess(role: Role): void {
  start(role).catch((error: unknown) => {
    process.stderr.write(`Parley could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}

async function start(role: Role): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.LOG_LEVEL });
  // The database opens while the rest of the code loads: a fresh PGlite takes seconds.
  const database = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger });
  database.catch(() => {}); // awaited (and reported) by createApp
  const { createApp } = await import('./app.js');
  const app = await createApp(config, logger, { database }, role);
  const url = await app.start();
  if (config.telegramMode === 'playground') {
    const shown = url.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    // The playground has no login: whoever reaches the port trades as Alice or Bob.
    if (isLoopback(config.HOST)) {
      logger.info({ host: config.HOST }, `No BOT_TOKEN set: chat with Parley in the playground at ${shown}/ (listening on ${config.HOST} only: this machine; set HOST=0.0.0.0 to open it to the network — it has no login)`);
    } else {
      logger.warn({ host: config.HOST }, `No BOT_TOKEN set: the playground at ${shown}/ is reachable from the network (HOST=${config.HOST}) and has no login: anyone who reaches this port can use it`);
    }
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, role }, 'shutting down');
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

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
