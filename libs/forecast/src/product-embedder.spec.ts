import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddingModelError, productEmbeddings, transformersImageEmbedder, transformersTextEmbedder } from './product-embedder';
import { writeTinyImageModel, writeTinyTextModel } from './tiny-embedding-models.testing';
import type { ProductHistory } from './demand-forecast.model';

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

describe('productEmbeddings for the global model', () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pulse-embedder-'));
    writeTinyTextModel(join(root, 'text'));
    writeTinyImageModel(join(root, 'image'));
    await new RawImage(Uint8ClampedArray.from({ length: 16 * 16 * 3 }, (_, i) => (i % 3 === 0 ? 255 : 0)), 16, 16, 3).save(join(root, 'red.png'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const product = (description: string | undefined, imagePath?: string): ProductHistory => ({
    profile: { productId: 'P', category: 'garden', region: 'north', rating: null, price: 1, discountPct: 0, ...(description ? { description } : {}), ...(imagePath ? { imagePath } : {}) },
    series: { startDay: 0, values: [1] },
  });

  it('puts the description vector and the image vector side by side, and is undefined without models', async () => {
    expect(await productEmbeddings({})).toBeUndefined();
    const embed = (await productEmbeddings({ textModelDir: join(root, 'text'), imageModelDir: join(root, 'image') }))!;
    const [shirt, hose] = await embed([product('red cotton shirt', join(root, 'red.png')), product(undefined, 'https://example.com/hose.png')]);
    expect(shirt).toHaveLength(6);
    expect(norm(shirt!.slice(0, 3))).toBeCloseTo(1, 5);
    expect(norm(shirt!.slice(3))).toBeCloseTo(1, 5);
    // No description: its category and region stand in ("garden" is a known word); a URL is never fetched.
    expect(norm(hose!.slice(0, 3))).toBeCloseTo(1, 5);
    expect(hose!.slice(3)).toEqual([0, 0, 0]);
  }, 120_000);
});
