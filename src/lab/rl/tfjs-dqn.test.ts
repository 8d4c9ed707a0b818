import { describe, expect, it } from 'vitest';
import { tfjsRuntime } from '../../signals/ml/tfjs-runtime.js';
import type { Environment } from './agent.js';
import { trainDqn } from './tfjs-dqn.js';

const loader = tfjsRuntime();

/** A trivially learnable game: the observation's sign says which of two actions pays +1 (the other −1). */
function signGame(length = 40): Environment {
  let t = 0;
  const obs = (i: number) => Float32Array.of(Math.sin(i * 2.3) >= 0 ? 0.8 : -0.8, 1);
  return {
    observationSize: 2,
    actionCount: 2,
    reset() {
      t = 0;
      return obs(0);
    },
    step(action) {
      const right = Math.sin(t * 2.3) >= 0 ? 1 : 0;
      t++;
      return { observation: obs(t), reward: action === right ? 1 : -1, done: t >= length };
    },
  };
}

const quick = { hidden: 16, learningRate: 0.01, batchSize: 32, learningStarts: 32, trainEvery: 1, targetSync: 20, gamma: 0.5 };

describe('the DQN agent', () => {
  it('learns a game whose observation tells the paying action', async () => {
    const episodes: number[] = [];
    const policy = await trainDqn(loader, signGame(), { episodes: 8, onEpisode: (l) => episodes.push(l.totalReward) }, { ...quick, seed: 3 });
    expect(episodes).toHaveLength(8);
    expect(policy.act(Float32Array.of(0.8, 1))).toBe(1);
    expect(policy.act(Float32Array.of(-0.8, 1))).toBe(0);
    expect(policy.describe()).toMatch(/DQN/);
    policy.dispose();
  }, 90_000);

  it('is deterministic with a seed, and another seed starts elsewhere', async () => {
    const probe = Float32Array.of(0.3, 1);
    const run = async (seed: number) => {
      const policy = await trainDqn(loader, signGame(), { episodes: 2 }, { ...quick, seed });
      const q = [...policy.qValues(probe)];
      policy.dispose();
      return q;
    };
    const a = await run(5);
    expect(await run(5)).toEqual(a);
    expect(await run(6)).not.toEqual(a);
  }, 90_000);
});
