// The ports between the reinforcement-learning pieces: an environment any agent can train on (the
// trading environment, or a toy one in tests), and the policy a trained agent acts with.

export interface Environment {
  readonly observationSize: number;
  readonly actionCount: number;
  reset(): Float32Array;
  step(action: number): { observation: Float32Array; reward: number; done: boolean };
}

/** A trained agent: picks an action for an observation, greedily (no exploration). */
export interface Policy {
  act(observation: Float32Array): number;
  /** What it is, for the report (e.g. "DQN, MLP 6→32→32→5, TensorFlow.js wasm"). */
  describe(): string;
  dispose(): void;
}

/** How one training episode went. */
export interface EpisodeLog {
  episode: number;
  steps: number;
  totalReward: number;
  epsilon: number;
  /** Mean Huber loss of the gradient steps in the episode (NaN before training starts). */
  loss: number;
}
