import { transformersTextEmbedder } from '#forecast';
import type { DemandForecastJobOptions } from './demand-forecast.job';

/**
 * Product description embeddings for the global model from a local transformers model; undefined
 * without one (the model then hashes the description's words itself).
 */
export async function descriptionEmbeddings(textModelDir: string | undefined): Promise<DemandForecastJobOptions['embed']> {
  if (!textModelDir) return undefined;
  const embedder = await transformersTextEmbedder(textModelDir);
  return (histories) => embedder.embed(histories.map((h) => h.profile.description ?? `${h.profile.category} ${h.profile.region}`));
}
