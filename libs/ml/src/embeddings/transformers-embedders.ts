import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type * as Transformers from '@huggingface/transformers';

/** Turns product descriptions into fixed-size vectors for the demand forecasting model. */
export interface ProductEmbedder {
  /** 'transformers:<model dir basename>'. */
  readonly name: string;
  readonly dimensions: number;
  /** One vector per text, each of `dimensions` numbers, L2-normalised (zero vector for empty text). */
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** Turns local product images into fixed-size vectors. */
export interface ProductImageEmbedder {
  readonly name: string;
  readonly dimensions: number;
  /** One L2-normalised vector per path; a null, remote (URL) or missing path gives a zero vector. */
  embed(imagePaths: readonly (string | null)[]): Promise<number[][]>;
}

/** A local embedding model directory that is missing, incomplete or does not load. Not retriable. */
export class EmbeddingModelError extends Error {
  constructor(
    message: string,
    readonly modelDir: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbeddingModelError';
  }
}

/**
 * Sentence embeddings (mean pooling, normalised) from a Hugging Face model directory on disk in the
 * transformers.js layout: config.json, tokenizer.json and onnx/model*.onnx. Never downloads.
 */
export async function transformersTextEmbedder(modelDir: string, options: { batchSize?: number } = {}): Promise<ProductEmbedder> {
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const dir = resolve(modelDir);
  const dtype = checkModelDir(dir, ['config.json', 'tokenizer.json']);
  const { pipeline } = await loadTransformers();
  const extractor = await pipeline('feature-extraction', dir, { local_files_only: true, device: 'cpu', dtype }).catch((cause: unknown) => {
    throw loadError(dir, cause);
  });
  const run = async (texts: string[]): Promise<number[][]> => rowsOf(await extractor(texts, { pooling: 'mean', normalize: true }));

  // One smoke prediction before the embedder is handed out; it also tells the output size.
  const dimensions = (await run(['product']))[0]!.length;
  return {
    name: `transformers:${basename(dir)}`,
    dimensions,
    async embed(texts) {
      const out = texts.map(() => zeros(dimensions));
      const nonEmpty = texts.flatMap((text, i) => (text.trim() === '' ? [] : [i]));
      for (let start = 0; start < nonEmpty.length; start += batchSize) {
        const indices = nonEmpty.slice(start, start + batchSize);
        const rows = await run(indices.map((i) => texts[i]!));
        indices.forEach((i, k) => (out[i] = rows[k]!));
      }
      return out;
    },
  };
}

/**
 * Image embeddings from a local image feature extraction model directory (config.json,
 * preprocessor_config.json, onnx/*.onnx). Only local image files are read: nothing downloads.
 */
export async function transformersImageEmbedder(modelDir: string): Promise<ProductImageEmbedder> {
  const dir = resolve(modelDir);
  const dtype = checkModelDir(dir, ['config.json', 'preprocessor_config.json']);
  const { pipeline, RawImage } = await loadTransformers();
  const extractor = await pipeline('image-feature-extraction', dir, { local_files_only: true, device: 'cpu', dtype }).catch((cause: unknown) => {
    throw loadError(dir, cause);
  });
  const run = async (images: (string | Transformers.RawImage)[]): Promise<number[][]> => rowsOf(await extractor(images)).map(l2Normalised);

  const grey = new RawImage(new Uint8ClampedArray(32 * 32 * 3).fill(128), 32, 32, 3);
  const dimensions = (await run([grey]))[0]!.length;
  return {
    name: `transformers:${basename(dir)}`,
    dimensions,
    async embed(imagePaths) {
      const out = imagePaths.map(() => zeros(dimensions));
      const local = imagePaths.flatMap((p, i) => (isLocalFile(p) ? [i] : []));
      for (let start = 0; start < local.length; start += IMAGE_BATCH) {
        const indices = local.slice(start, start + IMAGE_BATCH);
        const rows = await run(indices.map((i) => resolve(imagePaths[i]!)));
        indices.forEach((i, k) => (out[i] = rows[k]!));
      }
      return out;
    },
  };
}

const IMAGE_BATCH = 8;

/** ONNX weight file suffixes (transformers.js naming) in order of preference on the CPU. */
const DTYPE_SUFFIXES: readonly (readonly [Transformers.DataType, string])[] = [
  ['q8', '_quantized'],
  ['fp16', '_fp16'],
  ['int8', '_int8'],
  ['uint8', '_uint8'],
  ['q4', '_q4'],
  ['q4f16', '_q4f16'],
  ['bnb4', '_bnb4'],
];

let transformers: Promise<typeof Transformers> | undefined;

/**
 * Loaded on first use, so a process without an embedding model never loads onnxruntime-node or sharp. TypeScript
 * keeps `import()` as is in CommonJS output under module nodenext; Node then loads the ESM build.
 */
function loadTransformers(): Promise<typeof Transformers> {
  transformers ??= import('@huggingface/transformers').then((t) => {
    t.env.allowRemoteModels = false;
    t.env.allowLocalModels = true;
    return t;
  });
  return transformers;
}

/** Fails fast, naming the directory, before transformers.js is asked; returns the dtype to load. */
function checkModelDir(dir: string, required: readonly string[]): Transformers.DataType {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new EmbeddingModelError(`embedding model directory ${dir} does not exist`, dir);
  const onnxDir = join(dir, 'onnx');
  const onnx = existsSync(onnxDir) ? readdirSync(onnxDir).filter((f) => f.endsWith('.onnx')) : [];
  const missing = required.filter((f) => !existsSync(join(dir, f)));
  if (onnx.length === 0) missing.push('onnx/*.onnx');
  if (missing.length > 0) throw new EmbeddingModelError(`embedding model directory ${dir} lacks ${missing.join(', ')}`, dir);
  const stems = onnx.map((f) => f.slice(0, -'.onnx'.length));
  if (stems.some((s) => !DTYPE_SUFFIXES.some(([, suffix]) => s.endsWith(suffix)))) return 'fp32';
  return DTYPE_SUFFIXES.find(([, suffix]) => stems.some((s) => s.endsWith(suffix)))![0];
}

function loadError(dir: string, cause: unknown): EmbeddingModelError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new EmbeddingModelError(`cannot load the embedding model in ${dir}: ${reason}`, dir, { cause });
}

/** [n, d] as rows; [n, tokens, d] (hidden states without a pooler) mean-pooled over tokens. */
function rowsOf(tensor: Transformers.Tensor): number[][] {
  const dims = tensor.dims;
  if (dims.length < 2 || dims.length > 3) throw new Error(`unexpected embedding shape [${dims.join(', ')}]`);
  const n = dims[0]!;
  const d = dims[dims.length - 1]!;
  const tokens = dims.length === 3 ? dims[1]! : 1;
  // float16 outputs may come as raw Uint16Array bits where Float16Array is missing: convert first.
  const data = (tensor.type === 'float32' ? tensor : tensor.to('float32')).data as Float32Array;
  return Array.from({ length: n }, (_, row) => {
    const v = zeros(d);
    for (let t = 0; t < tokens; t++) for (let j = 0; j < d; j++) v[j]! += data[(row * tokens + t) * d + j]! / tokens;
    return v;
  });
}

function l2Normalised(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return norm === 0 ? v : v.map((x) => x / norm);
}

function zeros(n: number): number[] {
  return new Array<number>(n).fill(0);
}

/** A path on this machine that names a file; URLs of any scheme (http:, https:, data:, file:) are not. */
function isLocalFile(p: string | null): p is string {
  if (p === null || /^[a-z][a-z\d+.-]+:/i.test(p)) return false;
  return existsSync(p) && statSync(p).isFile();
}
