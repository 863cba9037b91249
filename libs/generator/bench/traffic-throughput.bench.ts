/**
 * Generation rate of the synthetic traffic, printed as JSON. Run after `npm run build`:
 *   node dist/libs/generator/bench/traffic-throughput.bench.js [events=1000000] [seed=42]
 * Reports events per second of `createTraffic().take(n)` and, as the reference measured in the same
 * run, of a loop that builds the same number of request-log-shaped objects from Math.random with a
 * counter id: the ratio says what the model (seeded streams, hashed ids, profiles) costs. Also times
 * the two-year aggregated sales backfill of the default catalogue.
 */
import { performance } from 'node:perf_hooks';
import { createTraffic } from '../src';

const count = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 42);
const start = Date.UTC(2025, 0, 6);

function generate(): { seconds: number; byTopic: Record<string, number>; labelled: number } {
  const traffic = createTraffic({ seed, start, incidents: 'all', incidentWindow: { from: start, to: start + 3 * 3_600_000 } });
  const byTopic: Record<string, number> = {};
  let labelled = 0;
  const t0 = performance.now();
  for (const batch of traffic.take(count)) {
    for (const event of batch) {
      byTopic[event.topic] = (byTopic[event.topic] ?? 0) + 1;
      if (event.incident !== null) labelled++;
    }
  }
  return { seconds: (performance.now() - t0) / 1000, byTopic, labelled };
}

/** The aggregated two-year sales backfill of the default 200-product catalogue. */
function history(): { seconds: number; events: number } {
  const traffic = createTraffic({ seed, start });
  let events = 0;
  const t0 = performance.now();
  for (const day of traffic.history(start - 730 * 86_400_000, start)) events += day.length;
  return { seconds: (performance.now() - t0) / 1000, events };
}

function reference(): number {
  const sink: object[] = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    sink.push({
      topic: 'request-log',
      key: 'web/products/:id',
      value: {
        event_id: `id-${i}`,
        event_time: start + i,
        service: 'web',
        route: '/products/:id',
        method: 'GET',
        status: Math.random() < 0.98 ? 200 : 500,
        response_time_ms: Math.round(Math.exp(4 + Math.random()) * 100) / 100,
        request_bytes: Math.round(600 * Math.exp(Math.random())),
        response_bytes: Math.round(60_000 * Math.exp(Math.random())),
        client_id: `10.0.0.${i & 255}`,
        user_id: null,
      },
      incident: null,
    });
    if (sink.length === 10_000) sink.length = 0;
  }
  return (performance.now() - t0) / 1000;
}

generate(); // warm-up of the JIT on a first pass
const run = generate();
const referenceSeconds = reference();
const backfill = history();
console.log(
  JSON.stringify(
    {
      benchmark: 'generator.take',
      events: count,
      seconds: Number(run.seconds.toFixed(3)),
      events_per_second: Math.round(count / run.seconds),
      by_topic: run.byTopic,
      labelled_request_logs: run.labelled,
      reference: { name: 'plain-object-loop', events_per_second: Math.round(count / referenceSeconds) },
      ratio_to_reference: Number((referenceSeconds / run.seconds).toFixed(3)),
      history_two_years: { events: backfill.events, seconds: Number(backfill.seconds.toFixed(3)), events_per_second: Math.round(backfill.events / backfill.seconds) },
      node: process.version,
    },
    null,
    2,
  ),
);
