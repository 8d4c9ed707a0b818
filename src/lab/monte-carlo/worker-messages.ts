// What the Monte Carlo's main thread and its workers say to each other.
import type { ScenarioContext } from './scenario.js';

export type ToWorker = { type: 'setup'; context: ScenarioContext } | { type: 'run'; from: number; to: number };

export type FromWorker = { type: 'ready' } | { type: 'done'; from: number; to: number; rows: Float64Array } | { type: 'error'; message: string };
