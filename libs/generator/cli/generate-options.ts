import { parseArgs } from 'node:util';
import { SCENARIO_KINDS, type ScenarioKind } from '../src';

export interface GenerateOptions {
  seed: number;
  /** Live: pace batches to the wall clock, event time = now. Otherwise produce as fast as possible. */
  live: boolean;
  durationSeconds: number | undefined;
  count: number | undefined;
  historyDays: number;
  requestsPerSecond: number;
  salesPerSecond: number;
  feedbackPerSecond: number;
  products: number;
  scenarios: ScenarioKind[];
  labelsOut: string | undefined;
}

export const USAGE = `usage: npm run generate -- [options]

Produces synthetic shop traffic (catalogue, sales, request logs, feedback) to the Pulse topics.

  --seed N                  random seed; the same seed gives the same events (default 1)
  --live                    pace to the wall clock with event time = now (default: as fast as possible)
  --duration SECONDS        stop after this much event time (default: endless with --live, else 60)
  --count N                 produce exactly N events, as fast as possible (ignores --duration)
  --history-days N          first backfill N days of daily sales history ending today (default 0)
  --requests-per-second R   mean request-log rate over a day (default 200)
  --sales-per-second R      mean sale lines per second (default 5)
  --feedback-per-second R   mean feedback events per second (default 0.5)
  --products N              catalogue size (default 200)
  --scenario LIST           incidents to inject, comma separated, or "all":
                            ${SCENARIO_KINDS.join(', ')}
  --labels-out FILE         write the injected incidents (ground truth) as JSON
  --help                    this text

Connection settings come from the environment (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, PULSE_TOPIC_PREFIX).`;

export class UsageError extends Error {}

function positive(name: string, raw: string | undefined, fallback: number, { integer = false, allowZero = true } = {}): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const ok = Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
  if (!ok) throw new UsageError(`--${name} must be a ${integer ? 'whole ' : ''}number${allowZero ? ' >= 0' : ' > 0'}, got "${raw}"`);
  return value;
}

export function parseGenerateOptions(argv: string[]): GenerateOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        seed: { type: 'string' },
        live: { type: 'boolean' },
        duration: { type: 'string' },
        count: { type: 'string' },
        'history-days': { type: 'string' },
        'requests-per-second': { type: 'string' },
        'sales-per-second': { type: 'string' },
        'feedback-per-second': { type: 'string' },
        products: { type: 'string' },
        scenario: { type: 'string' },
        'labels-out': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const scenarios = v.scenario === undefined ? [] : v.scenario === 'all' ? [...SCENARIO_KINDS] : v.scenario.split(',').map((s) => s.trim());
  const unknown = scenarios.filter((s) => !SCENARIO_KINDS.includes(s as ScenarioKind));
  if (unknown.length > 0) throw new UsageError(`unknown --scenario ${unknown.join(', ')}; choose from ${SCENARIO_KINDS.join(', ')} or all`);
  const live = v.live ?? false;
  const count = v.count === undefined ? undefined : positive('count', v.count, 0, { integer: true, allowZero: false });
  if (live && count !== undefined) throw new UsageError('--count produces as fast as possible; it cannot be combined with --live');
  return {
    seed: positive('seed', v.seed, 1, { integer: true }),
    live,
    durationSeconds: v.duration === undefined ? (live ? undefined : 60) : positive('duration', v.duration, 60, { allowZero: false }),
    count,
    historyDays: positive('history-days', v['history-days'], 0, { integer: true }),
    requestsPerSecond: positive('requests-per-second', v['requests-per-second'], 200),
    salesPerSecond: positive('sales-per-second', v['sales-per-second'], 5),
    feedbackPerSecond: positive('feedback-per-second', v['feedback-per-second'], 0.5),
    products: positive('products', v.products, 200, { integer: true, allowZero: false }),
    scenarios: scenarios as ScenarioKind[],
    labelsOut: v['labels-out'],
  };
}
