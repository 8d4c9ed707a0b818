import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './app-process.js';

/**
 * A Redis server of this test's own (so it can be stopped and started without touching the one
 * other suites share), on a free port, keeping nothing on disk: a restart loses every key.
 */
export interface RedisProcess {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export async function startRedisProcess(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().includes('PONG')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
  };
  const stop = async () => {
    const running = child;
    // A killed process has a signalCode and no exitCode: both mean it is gone (and its exit event fired).
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, restart: async () => (await stop(), await start()), stop };
}
