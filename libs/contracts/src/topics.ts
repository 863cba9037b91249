import {
  AnomalyAvroSchema,
  FeedbackAvroSchema,
  ForecastAvroSchema,
  ModelArtifactAvroSchema,
  ProductAvroSchema,
  RequestLogAvroSchema,
  SaleAvroSchema,
  type Anomaly,
  type Feedback,
  type Forecast,
  type ModelArtifact,
  type Product,
  type RequestLog,
  type Sale,
} from './generated';
import type { FieldProblem } from './validation/field-checks';
import {
  validateAnomaly,
  validateFeedback,
  validateForecast,
  validateModelArtifact,
  validateProduct,
  validateRequestLog,
  validateSale,
} from './validation/event-validators';

/** Everything the platform knows about one topic: its value schema, key, checks and layout. */
export interface TopicContract<T> {
  /** Base name, before the configured prefix. */
  readonly name: string;
  readonly schema: object;
  // Method syntax on purpose: a TopicContract<Sale> must be usable where TopicContract<unknown> is.
  keyOf(value: T): string;
  validate(value: T): FieldProblem[];
  readonly partitions: number;
  readonly compacted: boolean;
}

/** Key of one artifact chunk on the compacted model-artifacts topic (a tombstone on it deletes the chunk). */
export function artifactChunkKey(model: string, version: string, index: number): string {
  return `${model}/${version}/${index}`;
}

function contract<T>(c: TopicContract<T>): TopicContract<T> {
  return c;
}

export const topics = {
  sales: contract<Sale>({ name: 'sales', schema: SaleAvroSchema, keyOf: (v) => v.product_id, validate: validateSale, partitions: 3, compacted: false }),
  products: contract<Product>({ name: 'products', schema: ProductAvroSchema, keyOf: (v) => v.product_id, validate: validateProduct, partitions: 3, compacted: true }),
  requestLog: contract<RequestLog>({
    name: 'request-log',
    schema: RequestLogAvroSchema,
    keyOf: (v) => `${v.service}${v.route}`,
    validate: validateRequestLog,
    partitions: 3,
    compacted: false,
  }),
  feedback: contract<Feedback>({ name: 'feedback', schema: FeedbackAvroSchema, keyOf: (v) => v.user_id, validate: validateFeedback, partitions: 3, compacted: false }),
  forecasts: contract<Forecast>({ name: 'forecasts', schema: ForecastAvroSchema, keyOf: (v) => v.product_id, validate: validateForecast, partitions: 3, compacted: false }),
  anomalies: contract<Anomaly>({ name: 'anomalies', schema: AnomalyAvroSchema, keyOf: (v) => v.subject, validate: validateAnomaly, partitions: 3, compacted: false }),
  modelArtifacts: contract<ModelArtifact>({
    name: 'model-artifacts',
    schema: ModelArtifactAvroSchema,
    keyOf: (v) => (v.kind === 'activation' ? `${v.model}/active` : artifactChunkKey(v.model, v.version, v.chunk_index)),
    validate: validateModelArtifact,
    partitions: 1,
    compacted: true,
  }),
} as const;

export type TopicKey = keyof typeof topics;
export type EventOf<K extends TopicKey> = (typeof topics)[K] extends TopicContract<infer T> ? T : never;
export const allTopics: TopicContract<unknown>[] = Object.values(topics) as TopicContract<unknown>[];

/** The contract of a topic by its base name (e.g. `request-log`). */
export function contractByName(name: string): TopicContract<unknown> {
  const found = allTopics.find((c) => c.name === name);
  if (!found) throw new Error(`Unknown topic "${name}"; known: ${allTopics.map((c) => c.name).join(', ')}`);
  return found;
}

export function subjectOf(topicName: string): string {
  return `${topicName}-value`;
}

export function deadLetterTopicOf(topicName: string): string {
  return `${topicName}.dlq`;
}

/** Applies the configured prefix (e.g. `staging.`) to a base topic name. */
export function prefixed(prefix: string, baseName: string): string {
  return `${prefix}${baseName}`;
}
