import { AnomalyPipeline, RouteOutlierModel, SeasonalBaselineDetector, type ScoredRequest } from '../src';
import { SyntheticRequests } from './synthetic-requests';

const MINUTE = 60_000;

function timed(run: () => number): { count: number; seconds: number; perSecond: number } {
  const started = process.hrtime.bigint();
  const count = run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { count, seconds: Number(seconds.toFixed(3)), perSecond: Math.round(count / seconds) };
}

/** Points per second of the windowed detector: `streams` metric streams, one point per minute each, interleaved. */
export function windowedDetectorThroughput(points = 3_000_000, streams = 100): ReturnType<typeof timed> {
  const detectors = Array.from({ length: streams }, () => new SeasonalBaselineDetector());
  const values = Float64Array.from({ length: 4096 }, (_, i) => 100 + 20 * Math.sin(i / 60) + ((i * 7919) % 13));
  // Warm: every slot past its first day, so the measured path is the full seasonal one.
  for (let i = 0; i < 2 * 1440; i++) for (const d of detectors) d.update(i * MINUTE, values[i % 4096]!);
  let sink = 0;
  const result = timed(() => {
    const perStream = Math.floor(points / streams);
    for (let i = 0; i < perStream; i++) {
      const t = (2 * 1440 + i) * MINUTE;
      const v = values[i % 4096]!;
      for (let s = 0; s < streams; s++) sink += detectors[s]!.update(t, v + s).likelihood;
    }
    return perStream * streams;
  });
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the work from being optimised away');
  return result;
}

/** Requests per second scored by the per-route isolation forests (the default model shape). */
export function perRequestThroughput(requests = 1_000_000, routes = 50): ReturnType<typeof timed> & { routeForests: number; flaggedShare: number } {
  const source = new SyntheticRequests(routes, 3);
  const training: ScoredRequest[] = Array.from({ length: 100_000 }, (_, i) => source.next(i));
  const model = RouteOutlierModel.fit(training);
  const batch = Array.from({ length: 100_000 }, (_, i) => source.next(i, i % 1000 === 0 ? 30 : 1));
  let flagged = 0;
  const result = timed(() => {
    for (let done = 0; done < requests; done += batch.length) for (const r of batch) if (model.outlier(r)) flagged++;
    return Math.ceil(requests / batch.length) * batch.length;
  });
  return { ...result, routeForests: model.routeCount, flaggedShare: Number((flagged / result.count).toFixed(5)) };
}

/** Request logs per second through the whole pipeline (per-request scoring, windows, monitor, incidents) on one core. */
export function pipelineThroughput(requests = 2_000_000, routes = 50, perSecond = 10_000): ReturnType<typeof timed> {
  const source = new SyntheticRequests(routes, 5);
  const training: ScoredRequest[] = Array.from({ length: 50_000 }, (_, i) => source.next(i));
  const pipeline = new AnomalyPipeline();
  pipeline.useOutlierModel(RouteOutlierModel.fit(training));
  const events = Array.from({ length: 200_000 }, (_, i) => source.next(0, 1, i % routes));
  return timed(() => {
    for (let i = 0; i < requests; i++) {
      const e = events[i % events.length]!;
      e.event_time = Math.floor((i * 1000) / perSecond);
      pipeline.process(e, String(i % 3), 0);
    }
    return requests;
  });
}
