// A DQN agent in TensorFlow.js: a small MLP maps an observation to one Q-value per action; it
// learns from a replay buffer of past transitions, against a target network copied from it every
// `targetSync` steps (double DQN: the online network picks the next action, the target network
// values it), with a Huber loss and ε-greedy exploration decaying linearly.
//
// Why DQN rather than A2C or PPO: the action set is small and discrete (hold, buy or sell a half
// or all); a training window is a few thousand hourly candles, and DQN is off-policy — the replay
// buffer replays each transition many times — where A2C/PPO would learn from each rollout once and
// need many more environment steps (and CPU, scarce here) for the same data. Its variance is also
// lower than a policy gradient's from a single actor, and it is easy to make deterministic: the
// weights start from seeded initialisers and every random draw (exploration, sampling) comes from
// one seeded generator.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LayersModel, Scalar, Sequential, Tensor } from '@tensorflow/tfjs';
import { seededRandom } from '../../shared/seeded-random.js';
import type { TfjsRuntime, TfjsRuntimeLoader } from '../../signals/ml/tfjs-runtime.js';
import type { Environment, EpisodeLog, Policy } from './agent.js';
import { ReplayBuffer } from './replay-buffer.js';

export interface DqnOptions {
  /** ReLU units in each of the two hidden layers (default 32). */
  hidden?: number;
  /** Adam's step size (default 1e-3). */
  learningRate?: number;
  /** Discount per step (default 0.95: about a day's horizon on hourly candles). */
  gamma?: number;
  batchSize?: number;
  bufferSize?: number;
  /** Environment steps between copies of the online network to the target (default 250). */
  targetSync?: number;
  /** Environment steps between gradient steps (default 4). */
  trainEvery?: number;
  /** Transitions collected before the first gradient step (default 256). */
  learningStarts?: number;
  epsilonStart?: number;
  epsilonEnd?: number;
  /** Share of all training steps over which ε falls from start to end (default 0.6). */
  epsilonDecay?: number;
  seed?: number;
}

export interface DqnTraining {
  episodes: number;
  /** Most steps per episode (default: until the environment says done). */
  maxSteps?: number;
  onEpisode?: (log: EpisodeLog) => void;
}

/** Environment steps between two turns given to the event loop (a few tens of milliseconds of training). */
const YIELD_EVERY_STEPS = 64;

/** Trains a DQN on `env` and returns its greedy policy. */
export async function trainDqn(loader: TfjsRuntimeLoader, env: Environment, training: DqnTraining, options: DqnOptions = {}): Promise<DqnPolicy> {
  const runtime = await loader.ready();
  const { tf } = runtime;
  const seed = options.seed ?? 1;
  const hidden = options.hidden ?? 32;
  const gamma = options.gamma ?? 0.95;
  const batchSize = options.batchSize ?? 64;
  const targetSync = options.targetSync ?? 250;
  const trainEvery = options.trainEvery ?? 4;
  const learningStarts = options.learningStarts ?? 256;
  const epsStart = options.epsilonStart ?? 1;
  const epsEnd = options.epsilonEnd ?? 0.05;
  const random = seededRandom(seed);
  const width = env.observationSize;
  const actions = env.actionCount;

  // Steps in the whole run, for the ε schedule: one dry episode length, times the episodes.
  let episodeLength = 0;
  env.reset();
  for (let done = false; !done && (training.maxSteps === undefined || episodeLength < training.maxSteps); episodeLength++) done = env.step(0).done;
  const decaySteps = Math.max(1, (options.epsilonDecay ?? 0.6) * episodeLength * training.episodes);

  const online = buildNetwork(runtime, width, hidden, actions, seed);
  const target = buildNetwork(runtime, width, hidden, actions, seed);
  target.trainable = false;
  target.setWeights(online.getWeights());
  const optimizer = tf.train.adam(options.learningRate ?? 1e-3);
  const buffer = new ReplayBuffer(options.bufferSize ?? 50_000, width);
  const policy = new DqnPolicy(runtime, online, `DQN (MLP ${width}→${hidden}→${hidden}→${actions}, double DQN, Huber loss, seed ${seed}; TensorFlow.js ${runtime.backend})`);

  let step = 0;
  try {
    for (let episode = 1; episode <= training.episodes; episode++) {
      let state = env.reset();
      let total = 0;
      let lossSum = 0;
      let lossCount = 0;
      let steps = 0;
      let epsilon = epsStart;
      for (let done = false; !done && (training.maxSteps === undefined || steps < training.maxSteps); steps++) {
        epsilon = epsEnd + (epsStart - epsEnd) * Math.max(0, 1 - step / decaySteps);
        const action = random() < epsilon ? Math.min(actions - 1, Math.floor(random() * actions)) : policy.act(state);
        const result = env.step(action);
        done = result.done;
        buffer.push(state, action, result.reward, result.observation, done);
        total += result.reward;
        state = result.observation;
        step++;
        if (buffer.size >= learningStarts && step % trainEvery === 0) {
          const batch = buffer.sample(batchSize, random);
          const loss = tf.tidy(() => {
            const s = tf.tensor2d(batch.states, [batch.size, width]);
            const s2 = tf.tensor2d(batch.nextStates, [batch.size, width]);
            const nextAction = (online.predict(s2) as Tensor).argMax(1);
            const nextValue = (target.predict(s2) as Tensor).mul(tf.oneHot(nextAction, actions)).sum(1);
            const y = tf.tensor1d(batch.rewards).add(nextValue.mul(tf.scalar(1).sub(tf.tensor1d(batch.dones))).mul(gamma));
            const mask = tf.oneHot(tf.tensor1d(batch.actions, 'int32'), actions);
            const value = optimizer.minimize(() => {
              const q = (online.apply(s) as Tensor).mul(mask).sum(1);
              return tf.losses.huberLoss(y, q) as Scalar;
            }, true);
            return value ?? tf.scalar(NaN);
          });
          const value = loss.dataSync()[0]!;
          loss.dispose();
          if (!Number.isNaN(value)) {
            lossSum += value;
            lossCount++;
          }
        }
        if (step % targetSync === 0) target.setWeights(online.getWeights());
        // A turn for the event loop now and then: a bot or a job runner in the same process keeps
        // answering while an agent trains (the draws and the weights are the same either way).
        if (step % YIELD_EVERY_STEPS === 0) await nextTurn();
      }
      training.onEpisode?.({ episode, steps, totalReward: total, epsilon, loss: lossCount ? lossSum / lossCount : NaN });
    }
  } catch (error) {
    online.dispose();
    throw error;
  } finally {
    target.dispose();
    optimizer.dispose();
  }
  return policy;
}

function buildNetwork(runtime: TfjsRuntime, width: number, hidden: number, actions: number, seed: number): Sequential {
  const { tf } = runtime;
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: hidden, inputShape: [width], activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  model.add(tf.layers.dense({ units: actions, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  return model;
}

export class DqnPolicy implements Policy {
  constructor(
    private readonly runtime: TfjsRuntime,
    private readonly model: LayersModel,
    private readonly description: string,
  ) {}

  /** Q-values of every action for one observation. */
  qValues(observation: Float32Array): Float32Array {
    const { tf } = this.runtime;
    return tf.tidy(() => (this.model.predict(tf.tensor2d(observation, [1, observation.length])) as Tensor).dataSync() as Float32Array);
  }

  act(observation: Float32Array): number {
    const q = this.qValues(observation);
    let best = 0;
    for (let a = 1; a < q.length; a++) if (q[a]! > q[best]!) best = a;
    return best;
  }

  describe(): string {
    return this.description;
  }

  dispose(): void {
    this.model.dispose();
  }
}
