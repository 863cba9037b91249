import { SeasonalBaselineDetector, defaultSeasonalDetectorOptions, type SeasonalDetectorOptions } from '../detectors/seasonal-baseline.detector';
import type { SeriesPoint } from './series-csv';

/**
 * Scores a whole series with a fresh detector, exactly as the anomaly service scores a subject's
 * metric: one update per point, the anomaly likelihood as the score.
 */
export function scoreSeries(points: readonly SeriesPoint[], options: SeasonalDetectorOptions = defaultSeasonalDetectorOptions): number[] {
  const detector = new SeasonalBaselineDetector(options);
  return points.map((p) => detector.update(p.timestamp, p.value).likelihood);
}
