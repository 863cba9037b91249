import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingModelError, transformersImageEmbedder, transformersTextEmbedder } from './transformers-embedders';
import { writeTinyImageModel, writeTinyTextModel } from './tiny-embedding-models.testing';

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: readonly number[]): number => Math.sqrt(dot(a, a));

describe('transformers embedders: a missing or incomplete model directory', () => {
  let root: string;
  beforeAll(() => (root = mkdtempSync(join(tmpdir(), 'pulse-embedder-'))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rejects a missing directory with a message naming it', async () => {
    const dir = join(root, 'no-such-model');
    await expect(transformersTextEmbedder(dir)).rejects.toThrow(EmbeddingModelError);
    await expect(transformersTextEmbedder(dir)).rejects.toThrow(`embedding model directory ${dir} does not exist`);
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
    const embedder = await transformersTextEmbedder(realModelDir!);
    const [shirt, similar, hose] = await embedder.embed(['red cotton t-shirt', 'blue cotton tee', 'garden hose reel']);
    expect(embedder.name).toMatch(/^transformers:/);
    expect(shirt!.length).toBe(embedder.dimensions);
    expect(norm(shirt!)).toBeCloseTo(1, 4);
    expect(dot(shirt!, similar!)).toBeGreaterThan(dot(shirt!, hose!));
  }, 120_000);
});
