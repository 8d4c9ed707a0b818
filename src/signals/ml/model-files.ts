// A TensorFlow.js IO handler for a folder on disk: `model.json` (the topology, the weights manifest
// and our metadata) beside `weights.bin` (the weights, little-endian float32) — the layout
// tfjs-node's `file://` handler writes, which cannot be used here (tfjs-node does not install).
// `model.save(modelFolderHandler(dir))` and `tf.loadLayersModel(modelFolderHandler(dir))`.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { io } from '@tensorflow/tfjs';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** What model.json holds (tfjs's ModelJSON, with our metadata). */
interface ModelJson {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  trainingConfig?: io.TrainingConfig;
  weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}

export class ModelFileError extends Error {
  constructor(dir: string, detail: string, options?: { cause?: unknown }) {
    super(`model in ${dir}: ${detail}`, options);
  }
}

/**
 * The handler for one folder. Each file is written to a temporary name and renamed into place,
 * so a reader never sees a half-written file (weights first: a model.json always names weights
 * that are complete). `metadata` is stored as model.json's userDefinedMetadata and read back by load.
 */
export function modelFolderHandler(dir: string, metadata?: Record<string, unknown>): io.IOHandler {
  return {
    async save(artifacts: io.ModelArtifacts): Promise<io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new ModelFileError(dir, 'a binary topology cannot be saved as JSON');
      const weights = joinWeights(artifacts.weightData);
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
        ...(metadata ?? artifacts.userDefinedMetadata ? { userDefinedMetadata: metadata ?? artifacts.userDefinedMetadata } : {}),
      };
      const text = JSON.stringify(json);
      await mkdir(dir, { recursive: true });
      await writeAtomically(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
      await writeAtomically(join(dir, MODEL_JSON), text);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(json.modelTopology).length,
          weightSpecsBytes: JSON.stringify(json.weightsManifest[0]!.weights).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },

    async load(): Promise<io.ModelArtifacts> {
      let json: ModelJson;
      try {
        json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as ModelJson;
      } catch (error) {
        throw new ModelFileError(dir, `cannot read ${MODEL_JSON}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      const groups = json.weightsManifest ?? [];
      const specs = groups.flatMap((g) => g.weights);
      const parts: Uint8Array[] = [];
      for (const group of groups) {
        for (const path of group.paths) {
          try {
            parts.push(await readFile(join(dir, path)));
          } catch (error) {
            throw new ModelFileError(dir, `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
        }
      }
      const weightData = concat(parts);
      const expected = specs.reduce((sum, s) => sum + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
      if (specs.every((s) => s.dtype === 'float32') && weightData.byteLength !== expected) {
        throw new ModelFileError(dir, `${WEIGHTS_BIN} holds ${weightData.byteLength} bytes, the manifest describes ${expected}`);
      }
      return {
        modelTopology: json.modelTopology as object,
        weightSpecs: specs,
        weightData,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata as Record<string, object> | undefined,
      };
    },
  };
}

/** model.json's userDefinedMetadata ({} when it has none), without loading the weights; undefined when there is no model.json. */
export async function readModelMetadata(dir: string): Promise<Record<string, unknown> | undefined> {
  try {
    const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as ModelJson;
    return json.userDefinedMetadata ?? {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ModelFileError(dir, `cannot read ${MODEL_JSON}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

function joinWeights(data: io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  if (!Array.isArray(data)) return data;
  return concat(data.map((b) => new Uint8Array(b)));
}

function concat(parts: Uint8Array[]): ArrayBuffer {
  const total = parts.reduce((sum, p) => sum + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out.buffer;
}
