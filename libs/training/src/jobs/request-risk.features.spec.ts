import { describe, expect, it } from 'vitest';
import { requestRiskFeatureNames, requestRiskFeatures, splitByTime } from './request-risk.features';

describe('request-risk features', () => {
  const names = requestRiskFeatureNames(['web', 'api']);

  it('names numeric features, then one indicator per service in a stable order', () => {
    expect(names).toEqual(['log_response_time_ms', 'log_request_bytes', 'log_response_bytes', 'is_write', 'hour_sin', 'hour_cos', 'service=api', 'service=web']);
  });

  it('computes the vector the names describe', () => {
    const sixAm = Date.UTC(2026, 10, 22, 6);
    const v = requestRiskFeatures({ service: 'web', method: 'post', response_time_ms: Math.E - 1, request_bytes: 0, response_bytes: 0, event_ms: sixAm }, names);
    expect(v[0]).toBeCloseTo(1, 12);
    expect(v.slice(1, 4)).toEqual([0, 0, 1]);
    expect(v[4]).toBeCloseTo(1, 12);
    expect(v[5]).toBeCloseTo(0, 12);
    expect(v.slice(6)).toEqual([0, 1]);
    expect(() => requestRiskFeatures({ service: 'x', method: 'GET', response_time_ms: 1, request_bytes: 1, response_bytes: 1, event_ms: 0 }, ['colour'])).toThrow(/Unknown request-risk feature "colour"/);
  });

  it('holds out the latest share of the samples', () => {
    const samples = [5, 1, 4, 2, 3].map((event_ms) => ({ event_ms }));
    expect(splitByTime(samples, 0.4)).toEqual({ train: [{ event_ms: 1 }, { event_ms: 2 }, { event_ms: 3 }], holdout: [{ event_ms: 4 }, { event_ms: 5 }] });
  });
});
