// TensorFlow.js, loaded on first use (importing this file loads nothing): the wasm backend when it
// can start, else the pure-JS cpu backend — tfjs-node cannot install on these machines (its install
// step downloads libtensorflow). Which one runs is reported, so the figures say what they measured.
//
// tfjs keeps its engine and backend in process-wide state: every runtime in a process shares them.
// A second runtime asking for another backend switches it for everyone; the app builds one.
import type * as TfModule from '@tensorflow/tfjs';

export type Tf = typeof TfModule;

export type TfjsBackendName = 'wasm' | 'cpu';

export interface TfjsRuntime {
  readonly tf: Tf;
  /** The backend that runs. */
  readonly backend: TfjsBackendName;
  /** Why wasm is not used, when it is not. */
  readonly fallbackReason?: string;
}

export interface TfjsRuntimeOptions {
  /** 'cpu' skips wasm altogether (default 'wasm'). */
  prefer?: TfjsBackendName;
  /** Folder holding the tfjs-backend-wasm*.wasm files (default: the package's own dist/). */
  wasmDir?: string;
}

export interface TfjsRuntimeLoader {
  /** Loads tfjs and picks the backend once; later calls return the same runtime. */
  ready(): Promise<TfjsRuntime>;
}

export function tfjsRuntime(options: TfjsRuntimeOptions = {}): TfjsRuntimeLoader {
  let loading: Promise<TfjsRuntime> | undefined;
  return {
    ready() {
      loading ??= start(options);
      return loading;
    },
  };
}

async function start(options: TfjsRuntimeOptions): Promise<TfjsRuntime> {
  const tf = await import('@tensorflow/tfjs');
  if (options.prefer === 'cpu') return useCpu(tf, 'the cpu backend was asked for');
  let reason: string;
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (options.wasmDir) wasm.setWasmPaths(options.wasmDir.endsWith('/') ? options.wasmDir : `${options.wasmDir}/`);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { tf, backend: 'wasm' };
    }
    reason = 'the wasm backend did not initialise (its .wasm file could not be loaded)';
  } catch (error) {
    reason = `the wasm backend failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
  return useCpu(tf, reason);
}

async function useCpu(tf: Tf, reason: string): Promise<TfjsRuntime> {
  if (!(await tf.setBackend('cpu'))) throw new Error(`TensorFlow.js: neither the wasm nor the cpu backend could start (${reason})`);
  await tf.ready();
  return { tf, backend: 'cpu', fallbackReason: reason };
}
