// In a file of its own: tfjs's backend is process-wide, and this one breaks wasm on purpose.
import { describe, expect, it } from 'vitest';
import { TfjsDirectionTrainer } from './tfjs-direction-model.js';
import { tfjsRuntime } from './tfjs-runtime.js';

describe('the TensorFlow.js runtime', () => {
  it('falls back to the cpu backend when the wasm binary cannot be loaded, says why, and still trains', async () => {
    const loader = tfjsRuntime({ wasmDir: '/nonexistent/parley-wasm' });
    const runtime = await loader.ready();
    expect(runtime.backend).toBe('cpu');
    expect(runtime.fallbackReason).toMatch(/wasm backend did not initialise/);
    expect(runtime.tf.getBackend()).toBe('cpu');
    const trainer = new TfjsDirectionTrainer(loader, { maxSteps: 5 });
    const model = await trainer.train({ x: Float32Array.from([1, -1, -1, 1]), y: Uint8Array.from([1, 0]), rows: 2, columns: 2 });
    expect(trainer.describe()).toMatch(/cpu backend/);
    const p = await model.predictUp(Float32Array.from([1, -1]), 1);
    expect(p[0]).toBeGreaterThan(0.5);
    model.dispose();
  });
});
