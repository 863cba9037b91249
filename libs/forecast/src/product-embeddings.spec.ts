import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawImage } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyImageModel, writeTinyTextModel } from '../../ml/src/embeddings/tiny-embedding-models.testing';
import type { ProductHistory } from './demand-forecast.model';
import { productEmbeddings } from './product-embeddings';

const norm = (a: readonly number[]): number => Math.sqrt(a.reduce((s, x) => s + x * x, 0));

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
