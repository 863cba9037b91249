import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingModelError, hashingEmbedder, productEmbedder, transformersImageEmbedder, transformersTextEmbedder } from './product-embedder';

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: readonly number[]): number => Math.sqrt(dot(a, a));

describe('hashingEmbedder', () => {
  const embedder = hashingEmbedder(64);

  it('gives one L2-normalised vector of `dimensions` numbers per text, zero for empty text', async () => {
    const vectors = await embedder.embed(['Red cotton T-shirt, size M', 'Garden hose 25 m', '']);
    expect(embedder.name).toBe('hashing-64');
    expect(embedder.dimensions).toBe(64);
    expect(vectors.map((v) => v.length)).toEqual([64, 64, 64]);
    expect(norm(vectors[0]!)).toBeCloseTo(1, 10);
    expect(norm(vectors[1]!)).toBeCloseTo(1, 10);
    expect(vectors[2]).toEqual(new Array(64).fill(0));
  });

  it('is deterministic across calls and instances', async () => {
    const text = 'Stainless steel water bottle 750 ml';
    expect(await hashingEmbedder(64).embed([text])).toEqual(await embedder.embed([text]));
  });

  it('puts texts that share words closer than unrelated ones', async () => {
    const [shirt, similar, hose] = await embedder.embed(['red cotton shirt with short sleeves', 'blue cotton shirt with long sleeves', 'steel garden hose reel']);
    expect(dot(shirt!, similar!)).toBeGreaterThan(dot(shirt!, hose!));
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => hashingEmbedder(0)).toThrow(RangeError);
  });
});

describe('productEmbedder', () => {
  it('falls back to hashing when no model directory is configured', async () => {
    expect((await productEmbedder({ dimensions: 16 })).name).toBe('hashing-16');
    expect((await productEmbedder({ textModelDir: ' ', dimensions: 8 })).name).toBe('hashing-8');
  });
});

describe('transformers embedders: a missing or incomplete model directory', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'pulse-embedder-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rejects a missing directory with a message naming it', async () => {
    const dir = join(root, 'no-such-model');
    await expect(transformersTextEmbedder(dir)).rejects.toThrow(EmbeddingModelError);
    await expect(transformersTextEmbedder(dir)).rejects.toThrow(`embedding model directory ${dir} does not exist`);
    await expect(productEmbedder({ textModelDir: dir, dimensions: 16 })).rejects.toThrow(dir);
    await expect(transformersImageEmbedder(dir)).rejects.toThrow(dir);
  });

  it('names what a directory lacks', async () => {
    const dir = join(root, 'empty-model');
    mkdirSync(dir);
    await expect(transformersTextEmbedder(dir)).rejects.toThrow(`embedding model directory ${dir} lacks config.json, tokenizer.json, onnx/*.onnx`);
  });
});

describe('transformersTextEmbedder on a tiny model written by the test', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'pulse-embedder-'));
    writeTinyTextModel(join(root, 'tiny-words'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('mean-pools and normalises the model output, batch by batch, from the local directory', async () => {
    const embedder = await transformersTextEmbedder(join(root, 'tiny-words'), { batchSize: 2 });
    expect(embedder.name).toBe('transformers:tiny-words');
    expect(embedder.dimensions).toBe(3);

    const [shirt, dress, hose, empty, unknownWords] = await embedder.embed(['Red cotton shirt', 'blue cotton dress', 'steel garden hose', '  ', 'zzz']);
    // Mean of the word vectors red (1,0,0), cotton (1,0,0), shirt (1,1,0), normalised.
    expect(shirt![0]).toBeCloseTo(3 / Math.sqrt(10), 5);
    expect(shirt![1]).toBeCloseTo(1 / Math.sqrt(10), 5);
    expect(norm(hose!)).toBeCloseTo(1, 5);
    expect(dot(shirt!, dress!)).toBeGreaterThan(dot(shirt!, hose!));
    expect(empty).toEqual([0, 0, 0]);
    expect(norm(unknownWords!)).toBeCloseTo(1, 5);

    const oneByOne = await Promise.all(['steel garden hose', 'Red cotton shirt'].map(async (t) => (await embedder.embed([t]))[0]!));
    expect(oneByOne[0]!.map((x, i) => x - hose![i]!).every((d) => Math.abs(d) < 1e-6)).toBe(true);
    expect(oneByOne[1]!.map((x, i) => x - shirt![i]!).every((d) => Math.abs(d) < 1e-6)).toBe(true);
  });
});

describe('transformersImageEmbedder on a tiny model written by the test', () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pulse-embedder-'));
    writeTinyImageModel(join(root, 'tiny-colours'));
    const solid = (rgb: readonly number[]) => new RawImage(Uint8ClampedArray.from({ length: 16 * 16 * 3 }, (_, i) => rgb[i % 3]!), 16, 16, 3);
    await solid([255, 0, 0]).save(join(root, 'red.png'));
    await solid([0, 0, 255]).save(join(root, 'blue.png'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('embeds local image files and gives a zero vector for null, URLs and missing files', async () => {
    const embedder = await transformersImageEmbedder(join(root, 'tiny-colours'));
    expect(embedder.name).toBe('transformers:tiny-colours');
    expect(embedder.dimensions).toBe(3);

    const paths = [join(root, 'red.png'), null, 'https://example.com/shirt.png', join(root, 'blue.png'), join(root, 'missing.png')];
    const [red, none, remote, blue, missing] = await embedder.embed(paths);
    // Mean colour scaled to [-1, 1]: red (1, -1, -1), blue (-1, -1, 1), normalised.
    const s = 1 / Math.sqrt(3);
    [s, -s, -s].forEach((x, i) => expect(red![i]).toBeCloseTo(x, 5));
    [-s, -s, s].forEach((x, i) => expect(blue![i]).toBeCloseTo(x, 5));
    expect([none, remote, missing]).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });
});

// A real sentence-embedding model on disk, e.g. an export of all-MiniLM-L6-v2 in the transformers.js
// layout. None ships with the repository; the test runs only where one is pointed to.
const realModelDir = process.env['PULSE_TEXT_MODEL_DIR'];
describe.skipIf(!realModelDir)('transformersTextEmbedder on PULSE_TEXT_MODEL_DIR', () => {
  it('embeds product texts so that similar products are closer', async () => {
    const embedder = await productEmbedder({ textModelDir: realModelDir, dimensions: 16 });
    const [shirt, similar, hose] = await embedder.embed(['red cotton t-shirt', 'blue cotton tee', 'garden hose reel']);
    expect(embedder.name).toMatch(/^transformers:/);
    expect(shirt!.length).toBe(embedder.dimensions);
    expect(norm(shirt!)).toBeCloseTo(1, 4);
    expect(dot(shirt!, similar!)).toBeGreaterThan(dot(shirt!, hose!));
  }, 120_000);
});

/**
 * A transformers.js model directory small enough to write here: a whole-word WordPiece tokenizer
 * and an ONNX graph whose one node (Gather) looks up a 3-number vector per token as its
 * last_hidden_state.
 */
function writeTinyTextModel(dir: string): void {
  const words: Record<string, readonly number[]> = {
    '[PAD]': [0, 0, 0],
    '[UNK]': [0, 0, 1],
    red: [1, 0, 0],
    blue: [1, 0, 0],
    cotton: [1, 0, 0],
    shirt: [1, 1, 0],
    dress: [1, 1, 0],
    steel: [0, 1, 0],
    garden: [0, 1, 1],
    hose: [0, 1, 1],
  };
  const vocab = Object.fromEntries(Object.keys(words).map((w, i) => [w, i]));
  const special = (id: number, content: string) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: 3 }));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ pad_token: '[PAD]', unk_token: '[UNK]', model_max_length: 64 }));
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [special(0, '[PAD]'), special(1, '[UNK]')],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: null,
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    }),
  );
  const table = Object.values(words);
  const model = onnxModel({
    initializers: [onnxTensor('word_vectors', [table.length, 3], FLOAT, new Float32Array(table.flat()))],
    nodes: [onnxNode('Gather', ['word_vectors', 'input_ids'], ['last_hidden_state'])],
    inputs: [valueInfo('input_ids', INT64, ['batch', 'sequence']), valueInfo('attention_mask', INT64, ['batch', 'sequence'])],
    outputs: [valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', 3])],
  });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
}

/**
 * An image model directory: images resized to 8×8 and scaled to [-1, 1]; the graph reshapes
 * pixel_values [batch, 3, 8, 8] into 64 "patch" vectors of the 3 channel values, as a hidden state
 * [batch, 64, 3] without a pooler, so the embedding is the mean colour.
 */
function writeTinyImageModel(dir: string): void {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ model_type: 'vit', architectures: ['ViTModel'], hidden_size: 3 }));
  writeFileSync(
    join(dir, 'preprocessor_config.json'),
    JSON.stringify({
      image_processor_type: 'ViTImageProcessor',
      do_resize: true,
      size: { height: 8, width: 8 },
      resample: 2,
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      image_mean: [0.5, 0.5, 0.5],
      image_std: [0.5, 0.5, 0.5],
    }),
  );
  const model = onnxModel({
    initializers: [onnxTensor('channels_by_pixels', [3], INT64, new BigInt64Array([0n, 3n, -1n]))],
    nodes: [
      onnxNode('Reshape', ['pixel_values', 'channels_by_pixels'], ['per_channel']),
      onnxNode('Transpose', ['per_channel'], ['last_hidden_state'], [intsAttribute('perm', [0, 2, 1])]),
    ],
    inputs: [valueInfo('pixel_values', FLOAT, ['batch', 3, 8, 8])],
    outputs: [valueInfo('last_hidden_state', FLOAT, ['batch', 64, 3])],
  });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), model);
}

// Just enough of the ONNX protobuf encoding for the tiny models above; field numbers from onnx.proto.
const [FLOAT, INT64] = [1, 7];
type Bytes = number[];

function varint(value: number): Bytes {
  const out: Bytes = [];
  for (let v = value; ; v = Math.floor(v / 128)) {
    if (v < 128) return [...out, v];
    out.push((v % 128) | 128);
  }
}
const int = (field: number, value: number): Bytes => [...varint(field * 8), ...varint(value)];
const bytes = (field: number, value: ArrayLike<number>): Bytes => [...varint(field * 8 + 2), ...varint(value.length), ...Array.from(value)];
const str = (field: number, value: string): Bytes => bytes(field, Buffer.from(value));

function onnxModel(graph: { initializers: Bytes[]; nodes: Bytes[]; inputs: Bytes[]; outputs: Bytes[] }): Uint8Array {
  const body = [
    ...graph.nodes.flatMap((n) => bytes(1, n)),
    ...str(2, 'tiny'),
    ...graph.initializers.flatMap((t) => bytes(5, t)),
    ...graph.inputs.flatMap((v) => bytes(11, v)),
    ...graph.outputs.flatMap((v) => bytes(12, v)),
  ];
  // ir_version 8, the graph, opset 13 of the default domain.
  return new Uint8Array([...int(1, 8), ...bytes(7, body), ...bytes(8, [...str(1, ''), ...int(2, 13)])]);
}

function onnxTensor(name: string, dims: readonly number[], dataType: number, data: Float32Array | BigInt64Array): Bytes {
  return [...dims.flatMap((d) => int(1, d)), ...int(2, dataType), ...str(8, name), ...bytes(9, new Uint8Array(data.buffer))];
}

function onnxNode(op: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly Bytes[] = []): Bytes {
  return [...inputs.flatMap((i) => str(1, i)), ...outputs.flatMap((o) => str(2, o)), ...str(4, op), ...attributes.flatMap((a) => bytes(5, a))];
}

function intsAttribute(name: string, values: readonly number[]): Bytes {
  return [...str(1, name), ...values.flatMap((v) => int(8, v)), ...int(20, 7)];
}

function valueInfo(name: string, elemType: number, dims: readonly (string | number)[]): Bytes {
  const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  return [...str(1, name), ...bytes(2, bytes(1, [...int(1, elemType), ...bytes(2, shape)]))];
}
