/** One request as the request-risk model sees it. */
export interface RequestSample {
  service: string;
  method: string;
  status: number;
  response_time_ms: number;
  request_bytes: number;
  response_bytes: number;
  event_ms: number;
}

const NUMERIC_FEATURES = ['log_response_time_ms', 'log_request_bytes', 'log_response_bytes', 'is_write', 'hour_sin', 'hour_cos'] as const;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Feature names for a set of services: the numeric features, then one indicator per service. */
export function requestRiskFeatureNames(services: readonly string[]): string[] {
  return [...NUMERIC_FEATURES, ...[...services].sort().map((s) => `service=${s}`)];
}

/**
 * The feature vector of a request for a model trained with `featureNames`: what the names say,
 * so a served model carries its own feature definition.
 */
export function requestRiskFeatures(sample: Omit<RequestSample, 'status'>, featureNames: readonly string[]): number[] {
  const hour = ((sample.event_ms % 86_400_000) / 3_600_000) * ((2 * Math.PI) / 24);
  return featureNames.map((name) => {
    switch (name) {
      case 'log_response_time_ms':
        return Math.log1p(Math.max(0, sample.response_time_ms));
      case 'log_request_bytes':
        return Math.log1p(Math.max(0, sample.request_bytes));
      case 'log_response_bytes':
        return Math.log1p(Math.max(0, sample.response_bytes));
      case 'is_write':
        return WRITE_METHODS.has(sample.method.toUpperCase()) ? 1 : 0;
      case 'hour_sin':
        return Math.sin(hour);
      case 'hour_cos':
        return Math.cos(hour);
      default:
        if (name.startsWith('service=')) return sample.service === name.slice('service='.length) ? 1 : 0;
        throw new Error(`Unknown request-risk feature "${name}"`);
    }
  });
}

/** The label: did the request fail on the server side. */
export const isServerError = (sample: RequestSample): number => (sample.status >= 500 ? 1 : 0);

/** Splits time-ordered samples: the latest `holdoutShare` are held out (no look-ahead into training). */
export function splitByTime<T extends { event_ms: number }>(samples: readonly T[], holdoutShare: number): { train: T[]; holdout: T[] } {
  const ordered = [...samples].sort((a, b) => a.event_ms - b.event_ms);
  const cut = Math.floor(ordered.length * (1 - holdoutShare));
  return { train: ordered.slice(0, cut), holdout: ordered.slice(cut) };
}
