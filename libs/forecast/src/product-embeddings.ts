import { transformersImageEmbedder, transformersTextEmbedder } from '#ml';
import type { ProductHistory } from './demand-forecast.model';

export interface EmbeddingModels {
  /** Local feature-extraction model for descriptions. */
  textModelDir?: string;
  /** Local image-feature-extraction model for product images (local files only). */
  imageModelDir?: string;
}

/**
 * Product embeddings for the global model from local transformers models: the description's
 * vector, then the image's, side by side. Undefined without any model (the global model then
 * hashes the description's words itself).
 */
export async function productEmbeddings(models: EmbeddingModels): Promise<((histories: readonly ProductHistory[]) => Promise<number[][]>) | undefined> {
  const text = models.textModelDir ? await transformersTextEmbedder(models.textModelDir) : null;
  const image = models.imageModelDir ? await transformersImageEmbedder(models.imageModelDir) : null;
  if (!text && !image) return undefined;
  return async (histories) => {
    const texts = text ? await text.embed(histories.map((h) => h.profile.description ?? `${h.profile.category} ${h.profile.region}`)) : [];
    const images = image ? await image.embed(histories.map((h) => h.profile.imagePath ?? null)) : [];
    return histories.map((_, i) => [...(texts[i] ?? []), ...(images[i] ?? [])]);
  };
}
