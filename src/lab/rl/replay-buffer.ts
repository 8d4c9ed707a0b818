// A fixed-size ring of transitions (s, a, r, s', done) in flat typed arrays, sampled uniformly
// with a seeded generator so a training run can be repeated exactly.

export interface Batch {
  states: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  nextStates: Float32Array;
  /** 1 where s' ended the episode (no value after it). */
  dones: Float32Array;
  size: number;
}

export class ReplayBuffer {
  private readonly states: Float32Array;
  private readonly nextStates: Float32Array;
  private readonly actions: Int32Array;
  private readonly rewards: Float32Array;
  private readonly dones: Float32Array;
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a whole number ≥ 1, got ${capacity}`);
    this.states = new Float32Array(capacity * width);
    this.nextStates = new Float32Array(capacity * width);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.dones = new Float32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a transition, overwriting the oldest once full. */
  push(state: Float32Array, action: number, reward: number, nextState: Float32Array, done: boolean): void {
    if (state.length !== this.width || nextState.length !== this.width) throw new RangeError(`a state has ${this.width} values, got ${state.length} and ${nextState.length}`);
    const at = this.next;
    this.states.set(state, at * this.width);
    this.nextStates.set(nextState, at * this.width);
    this.actions[at] = action;
    this.rewards[at] = reward;
    this.dones[at] = done ? 1 : 0;
    this.next = (at + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** `size` transitions drawn uniformly with replacement, using `uniform` (values in [0, 1)). */
  sample(size: number, uniform: () => number): Batch {
    if (this.count === 0) throw new RangeError('cannot sample an empty buffer');
    const w = this.width;
    const batch: Batch = {
      states: new Float32Array(size * w),
      actions: new Int32Array(size),
      rewards: new Float32Array(size),
      nextStates: new Float32Array(size * w),
      dones: new Float32Array(size),
      size,
    };
    for (let k = 0; k < size; k++) {
      const j = Math.min(this.count - 1, Math.floor(uniform() * this.count));
      batch.states.set(this.states.subarray(j * w, (j + 1) * w), k * w);
      batch.nextStates.set(this.nextStates.subarray(j * w, (j + 1) * w), k * w);
      batch.actions[k] = this.actions[j]!;
      batch.rewards[k] = this.rewards[j]!;
      batch.dones[k] = this.dones[j]!;
    }
    return batch;
  }
}
