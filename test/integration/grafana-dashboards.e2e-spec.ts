import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IncidentTracker,
  OUTLIER_DETECTOR,
  SEASONAL_DETECTOR,
  normalTail,
  poissonUpperTail,
  type FeatureContribution,
  type IncidentUpdate,
  type WindowVerdict,
} from '#anomaly';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { HEALTHY } from '#forecast';
import { DAY_MS, HOUR_MS, MINUTE_MS, createTraffic, dayNumber, dayStartMs, routeSubject, type IncidentLabel } from '#generator';
import { anomalyRecord, anomalyRow, type AnomalyRow, type DetectorVersions } from '../../services/anomaly/src/anomaly-records';
import { feedbackRow, productRow, requestLogRow, saleRow, type RequestLogRow } from '../../services/ingest/src/ingest-rows';
import { forecastRow, type ForecastRow } from '../../services/forecast/src/forecast-records';
import {
  MacroError,
  durationSeconds,
  expandMacros,
  topLevelGroupBy,
  unknownMacros,
  type MacroRange,
  type PluginTarget,
} from '../support/grafana-sql';
import { stackEnv } from '../support/local-stack';
import { repoRoot } from '../support/repo-root';
import { uniqueNamespace } from '../support/unique-names';

/**
 * The provisioned Grafana dashboards, checked without a Grafana: their JSON structure, then every
 * panel query with the plugin's macros expanded for a fixed range, run against ClickHouse over
 * generated traffic and the anomaly service's incident updates for it, stored once plus a
 * redelivered part (so the counts prove FINAL deduplicates).
 */

const PLUGIN = 'vertamedia-clickhouse-datasource';
const root = repoRoot();
const DASHBOARDS_DIR = join(root, 'deploy/grafana/dashboards');
const MIGRATIONS_DIR = join(root, 'deploy/clickhouse/migrations');
const DATASOURCE_FILE = join(root, 'deploy/grafana/provisioning/datasources/clickhouse.yaml');
const DASHBOARD_PROVIDER_FILE = join(root, 'deploy/grafana/provisioning/dashboards/pulse.yaml');

interface Panel {
  id: number;
  type: string;
  title: string;
  interval?: string;
  datasource?: { type?: string; uid?: string };
  gridPos?: { x: number; y: number; w: number; h: number };
  targets?: Array<PluginTarget & { datasource?: { type?: string; uid?: string } }>;
}

interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
}

type Row = Record<string, unknown>;

const dashboards: Array<{ file: string; dashboard: Dashboard }> = readdirSync(DASHBOARDS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((file) => ({ file, dashboard: JSON.parse(readFileSync(join(DASHBOARDS_DIR, file), 'utf8')) as Dashboard }));

const datasourceYaml = readFileSync(DATASOURCE_FILE, 'utf8');
const DATASOURCE_UID = /^\s*uid:\s*(\S+)\s*$/m.exec(datasourceYaml)?.[1];

// Generated traffic: an evening hour's 20 minutes with a scraping bot, an API error burst and a
// latency spike at the end, plus two days of backfilled sales history before it; the dashboard
// range covers all of it.
const SEED = 424_242;
const START = Date.UTC(2026, 2, 2, 18, 0, 0);
const END = START + 20 * MINUTE_MS;
const RANGE_FROM = dayStartMs(dayNumber(START)) - 2 * DAY_MS;
const RANGE_TO = END + 10 * MINUTE_MS;
const PRODUCTS = 50;
/** A latency spike on this route starts 4 minutes before the traffic ends: its incidents are still open. */
const SLOW_ROUTE = 'web/search';
/** What the anomaly service reports as the versions behind its detectors. */
const DETECTOR_VERSIONS: DetectorVersions = { baselines: 'v20260302T170000Z-5e1f0c2a', outliers: 'v20260301T030000Z-91b7d4e0' };
/** Grafana's interval when a panel sets no minimum: one bucket per minute. */
const DEFAULT_INTERVAL = '1m';

function rangeFor(panel: Panel, target: PluginTarget): MacroRange {
  return { from: RANGE_FROM, to: RANGE_TO, intervalSeconds: durationSeconds(target.interval || panel.interval || DEFAULT_INTERVAL) };
}

function num(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`expected a number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * The incident updates the anomaly service would store for the generated traffic, made by its own
 * IncidentTracker and row mapping. Every minute window, each labelled incident's subject is scored
 * from the request logs against the minutes before its incident (a stand-in for the learned
 * baselines); the latency spike is scored per request as well, as the route forests would. Each
 * update is detected a few seconds after its window ends (allowed lateness, then processing).
 */
function anomalyRowsFor(requests: readonly RequestLogRow[], labels: readonly IncidentLabel[], from: number, to: number): AnomalyRow[] {
  const tracker = new IncidentTracker();
  const rows: AnomalyRow[] = [];
  const emit = (updates: IncidentUpdate[], windowEnd: number) => {
    for (const u of updates) rows.push(anomalyRow(anomalyRecord(u, windowEnd + 5_000 + ((rows.length * 7_919) % 3_000), DETECTOR_VERSIONS)));
  };
  const ofSubject = (label: IncidentLabel) => (r: RequestLogRow) =>
    label.subject_kind === 'client' ? r.client_id === label.subject : label.subject_kind === 'service' ? r.service === label.subject : routeSubject(r.service, r.route) === label.subject;
  const quantile = (values: number[], q: number) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toString() : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));
  const seasonal = (label: IncidentLabel, start: number, n: number, features: FeatureContribution[]): WindowVerdict => {
    const lead = features[0]!;
    const who = label.subject_kind === 'client' ? `client ${label.subject} (the busiest)` : `${label.subject_kind} ${label.subject}`;
    return {
      subjectKind: label.subject_kind,
      subject: label.subject,
      windowStart: start,
      windowEnd: start + MINUTE_MS,
      score: lead.contribution > 0 ? 1 - normalTail(lead.contribution) : 0,
      severity: lead.contribution >= 8 ? 'critical' : 'warning',
      detector: SEASONAL_DETECTOR,
      features,
      explanation: `${who}: ${lead.name} ${fmt(lead.value)} vs ${fmt(lead.expected)} expected (${lead.contribution >= 0 ? '+' : ''}${lead.contribution.toFixed(1)}σ) over ${n} requests`,
    };
  };

  const byWindow = new Map<number, RequestLogRow[]>();
  for (const r of requests) {
    const start = r.event_ms - (r.event_ms % MINUTE_MS);
    if (!byWindow.has(start)) byWindow.set(start, []);
    byWindow.get(start)!.push(r);
  }
  // The subject's requests before its incident: its normal.
  const normal = labels.map((label) => requests.filter((r) => r.event_ms >= from && r.event_ms < label.start && ofSubject(label)(r)));

  for (let start = from; start < to; start += MINUTE_MS) {
    const window = byWindow.get(start) ?? [];
    labels.forEach((label, i) => {
      const own = window.filter(ofSubject(label));
      const n = own.length;
      if (n === 0) return;
      const before = normal[i]!;
      const expectedRate = Math.max(1, before.length) / Math.max(1, (label.start - from) / MINUTE_MS) / 60;
      const rate = { name: 'requests_per_second', value: n / 60, expected: expectedRate, contribution: Math.log(n / 60 / expectedRate) / 0.2 };
      if (label.subject_kind === 'client') {
        const others = new Map<string, number>();
        for (const r of window) if (r.client_id !== label.subject) others.set(r.client_id, (others.get(r.client_id) ?? 0) + 1);
        const expected = Math.max(1, ...others.values()) / 60;
        const busiest = { name: 'busiest_client_requests_per_second', value: n / 60, expected, contribution: Math.log(n / 60 / expected) / 0.4 };
        emit(tracker.observe(seasonal(label, start, n, [busiest])), start + MINUTE_MS);
      } else if (label.subject_kind === 'service') {
        const expected = before.filter((r) => r.status >= 500).length / Math.max(1, before.length);
        const value = own.filter((r) => r.status >= 500).length / n;
        const noise = Math.max(Math.sqrt((expected * (1 - expected)) / n), Math.SQRT2 / n);
        const errors = { name: 'server_error_rate', value, expected, contribution: (value - expected) / noise };
        emit(tracker.observe(seasonal(label, start, n, [errors, rate])), start + MINUTE_MS);
      } else {
        const expected = quantile(before.map((r) => r.response_time_ms), 0.95);
        const value = quantile(own.map((r) => r.response_time_ms), 0.95);
        const latency = { name: 'latency_p95_ms', value, expected, contribution: Math.log(value / expected) / 0.25 };
        emit(tracker.observe(seasonal(label, start, n, [latency, rate])), start + MINUTE_MS);
        // Per request: slower than 99.5 % of the requests before the incident is an outlier.
        const limit = quantile(before.map((r) => r.response_time_ms), 0.995);
        const outliers = own.filter((r) => r.response_time_ms > limit);
        const share = outliers.length / n;
        const worst = outliers.reduce<RequestLogRow | undefined>((w, r) => (!w || r.response_time_ms > w.response_time_ms ? r : w), undefined);
        const typical = (pick: (r: RequestLogRow) => number) => quantile(before.map(pick), 0.5);
        const features: FeatureContribution[] = worst
          ? [
              { name: 'log_latency_ms', value: worst.response_time_ms, expected: typical((r) => r.response_time_ms), contribution: 0.74 },
              { name: 'log_response_bytes', value: worst.response_bytes, expected: typical((r) => r.response_bytes), contribution: 0.16 },
              { name: 'log_request_bytes', value: worst.request_bytes, expected: typical((r) => r.request_bytes), contribution: 0.1 },
            ]
          : [];
        emit(
          tracker.observe({
            subjectKind: 'request',
            subject: label.subject,
            windowStart: start,
            windowEnd: start + MINUTE_MS,
            score: 1 - poissonUpperTail(outliers.length, n * 0.005),
            severity: share >= 0.2 ? 'critical' : 'warning',
            detector: OUTLIER_DETECTOR,
            features,
            explanation:
              `${outliers.length} of ${n} requests on ${label.subject} are outliers (${(share * 100).toFixed(1)}%, 0.50% expected)` +
              (worst ? `; worst scored 0.81, mostly log_latency_ms ${Math.round(worst.response_time_ms)} vs ${Math.round(features[0]!.expected)} typical` : ''),
          }),
          start + MINUTE_MS,
        );
      }
    });
    emit(tracker.closeSilent(start + MINUTE_MS), start + MINUTE_MS);
  }
  return rows;
}

describe('Grafana dashboard macros (no server)', () => {
  const range: MacroRange = { from: 1_772_323_200_500, to: 1_772_326_800_999, intervalSeconds: 60 };
  const base: PluginTarget = {
    refId: 'A',
    query: '',
    table: 'request_log',
    dateColDataType: 'event_date',
    dateTimeColDataType: 'event_time',
  };

  it('expands the time macros as the plugin does (DATETIME columns, no rounding)', () => {
    const query = 'SELECT $timeSeries AS t, count() / $interval FROM $table FINAL WHERE $timeFilter GROUP BY t';
    expect(expandMacros({ ...base, query }, range)).toBe(
      'SELECT (intDiv(toUInt32(event_time), 60) * 60) * 1000 AS t, count() / 60 FROM request_log FINAL ' +
        'WHERE event_date >= toDate(1772323200) AND event_date <= toDate(1772326800) AND ' +
        'event_time >= toDateTime(1772323200) AND event_time <= toDateTime(1772326800) GROUP BY t',
    );
    expect(expandMacros({ ...base, dateColDataType: '', query: '$timeFilter' }, range)).toBe(
      'event_time >= toDateTime(1772323200) AND event_time <= toDateTime(1772326800)',
    );
    expect(expandMacros({ ...base, query: '$timeFilterByColumn(created_at) AND $dateCol < $dateTimeCol' }, range)).toBe(
      'created_at >= toDateTime(1772323200) AND created_at <= toDateTime(1772326800) AND event_date < event_time',
    );
    expect(expandMacros({ ...base, query: '$from $to $__from $__to $__interval_ms $timeSeriesMs' }, range)).toBe(
      '1772323200 1772326800 1772323200500 1772326800999 60000 (intDiv(toUInt32(event_time) * 1000, 60000) * 60000)',
    );
    expect(expandMacros({ ...base, database: 'pulse', query: 'FROM $table' }, range)).toBe('FROM pulse.request_log');
  });

  it('rejects unknown macros, Grafana variables and settings it does not model', () => {
    expect(unknownMacros('$columns(service, count() c) FROM $table WHERE $timeFilter AND x IN (${service}) AND $__interval')).toEqual([
      'columns',
      '${service}',
      '__interval',
    ]);
    expect(() => expandMacros({ ...base, query: '$rate(count() c) FROM $table' }, range)).toThrow(/unknown macro\(s\) \$rate/);
    expect(() => expandMacros({ ...base, query: "SELECT '$5'" }, range)).toThrow(MacroError);
    expect(() => expandMacros({ ...base, dateTimeColDataType: '', query: '$timeSeries' }, range)).toThrow(/needs the target's dateTimeColDataType/);
    expect(() => expandMacros({ ...base, query: '$timeFilterByColumn' }, range)).toThrow(/needs a column/);
    expect(() => expandMacros({ ...base, round: '1m', query: '$from' }, range)).toThrow(/round/);
    expect(() => expandMacros({ ...base, dateTimeType: 'TIMESTAMP64_3', query: '$from' }, range)).toThrow(/dateTimeType/);
    expect(durationSeconds('1m')).toBe(60);
    expect(durationSeconds('500ms')).toBe(1);
    expect(() => durationSeconds('1 minute')).toThrow(MacroError);
  });

  it('reads the top-level GROUP BY the way the plugin names series', () => {
    expect(topLevelGroupBy('SELECT t, k, v FROM x WHERE a IN (SELECT a FROM y GROUP BY a ORDER BY count() DESC) GROUP BY t, k ORDER BY t')).toEqual(['t', 'k']);
    expect(topLevelGroupBy("SELECT concat(a, ' GROUP BY ') AS g, count() FROM x GROUP BY g, intDiv(n, 2) LIMIT 3")).toEqual(['g', 'intDiv(n, 2)']);
    expect(topLevelGroupBy('SELECT count() FROM x')).toEqual([]);
  });
});

/**
 * Forecasts as the forecast service publishes them, for every product: made the day before the
 * range starts, covering 14 days from its first day; every third product with a thin-history warning.
 */
function forecastRowsFor(productIds: readonly string[]): ForecastRow[] {
  const originDay = dayNumber(RANGE_FROM) - 1;
  const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return productIds.map((productId, i) =>
    forecastRow({
      event_id: `forecast-${productId}-${originDay}`,
      generated_at: RANGE_FROM - HOUR_MS,
      product_id: productId,
      origin_date: iso(originDay),
      horizon_days: 14,
      interval_level: 0.8,
      points: Array.from({ length: 14 }, (_, d) => ({ date: iso(originDay + 1 + d), forecast: 2 + (i % 5), lower: 1, upper: 4 + (i % 5) })),
      safety_stock: 3,
      reorder_point: 20,
      min_level: 3,
      max_level: 40,
      lead_time_days: 7,
      service_level: 0.95,
      warnings: i % 3 === 0 ? ['⚠️ Only 20 days of sales history: the forecast and levels are rough.'] : [HEALTHY],
      model_name: 'demand-forecast',
      model_version: 'v-test',
    }),
  );
}

describe('Grafana dashboards: structure', () => {
  it('finds the dashboards and a datasource and dashboard provider that match them', () => {
    expect(dashboards.map((d) => d.file)).toEqual(expect.arrayContaining(['pulse-anomalies.json', 'pulse-forecasts.json', 'pulse-ingest.json']));
    expect(datasourceYaml).toMatch(new RegExp(`^\\s*type:\\s*${PLUGIN}\\s*$`, 'm'));
    expect(datasourceYaml).toMatch(/^\s*url:\s*\$\{CLICKHOUSE_URL\}\s*$/m);
    expect(datasourceYaml).toMatch(/^\s*defaultDatabase:\s*pulse\s*$/m);
    expect(DATASOURCE_UID).toBeTruthy();
    const provider = readFileSync(DASHBOARD_PROVIDER_FILE, 'utf8');
    expect(provider).toMatch(/^\s*type:\s*file\s*$/m);
    expect(provider).toMatch(/^\s*path:\s*\S+/m);
    expect(new Set(dashboards.map((d) => d.dashboard.uid)).size).toBe(dashboards.length);
  });

  for (const { file, dashboard } of dashboards) {
    it(`${file}: unique panel ids, every panel on the plugin datasource with SQL targets and known macros`, () => {
      expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
      expect(dashboard.title).toBeTruthy();
      expect(dashboard.panels.length).toBeGreaterThan(0);
      const ids = dashboard.panels.map((p) => p.id);
      expect(ids.every((id) => Number.isInteger(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);

      for (const panel of dashboard.panels) {
        const where = `${file} panel ${panel.id} "${panel.title}"`;
        expect(panel.title, where).toBeTruthy();
        expect(panel.datasource, where).toEqual({ type: PLUGIN, uid: DATASOURCE_UID });
        expect(panel.gridPos, where).toBeDefined();
        expect(panel.gridPos!.x + panel.gridPos!.w, where).toBeLessThanOrEqual(24);
        const targets = panel.targets ?? [];
        expect(targets.length, `${where} has no target`).toBeGreaterThan(0);
        expect(new Set(targets.map((t) => t.refId)).size, `${where}: duplicate refId`).toBe(targets.length);
        for (const target of targets) {
          const at = `${where} target ${target.refId}`;
          expect(target.query?.trim(), `${at} has no SQL`).toBeTruthy();
          expect(/\bselect\b/i.test(target.query), `${at} is not a SELECT`).toBe(true);
          if (target.datasource) expect(target.datasource, at).toEqual({ type: PLUGIN, uid: DATASOURCE_UID });
          expect(['time_series', 'table'], at).toContain(target.format ?? 'time_series');
          expect(unknownMacros(target.query), `${at}: unknown macros`).toEqual([]);
          expect(() => expandMacros(target, rangeFor(panel, target)), at).not.toThrow();
        }
      }
    });
  }
});

describe('Grafana dashboards against ClickHouse (18.16 and current)', () => {
  const quiet = pino({ level: 'silent' });
  const { database } = uniqueNamespace('grafana');
  const url = stackEnv().clickhouseUrl;
  let adapter: ClickHouseAdapter;

  const traffic = createTraffic({
    seed: SEED,
    start: START,
    end: END,
    products: PRODUCTS,
    users: 2_000,
    salesLinesPerSecond: 2,
    requestsPerSecond: 20,
    feedbackPerSecond: 0.5,
    incidents: [
      { scenario: 'scraping-bot', start: START + 5 * MINUTE_MS, end: START + 15 * MINUTE_MS, intensity: 5 },
      { scenario: 'error-burst', subject: 'api', start: START + 8 * MINUTE_MS, end: START + 12 * MINUTE_MS, intensity: 0.5 },
      { scenario: 'latency-spike', subject: SLOW_ROUTE, start: START + 16 * MINUTE_MS, end: END + HOUR_MS, intensity: 6 },
    ],
  });
  const bot = traffic.incidents.find((i) => i.label.scenario === 'scraping-bot')!.label.subject;

  const rows = {
    sales: [] as ReturnType<typeof saleRow>[],
    request_log: [] as ReturnType<typeof requestLogRow>[],
    feedback: [] as ReturnType<typeof feedbackRow>[],
    products: traffic.catalogueEvents(RANGE_FROM).map((e) => productRow(e.value)),
  };
  for (const day of traffic.history(RANGE_FROM, START, 2)) for (const e of day) rows.sales.push(saleRow(e.value));
  for (const batch of traffic.batches()) {
    for (const event of batch.events) {
      if (event.topic === 'sales') rows.sales.push(saleRow(event.value));
      else if (event.topic === 'request-log') rows.request_log.push(requestLogRow(event.value));
      else if (event.topic === 'feedback') rows.feedback.push(feedbackRow(event.value));
    }
  }
  type Table = keyof typeof rows;
  const tables = Object.keys(rows) as Table[];
  // The anomaly service's output for the same traffic, and every table the test writes.
  const anomalies = anomalyRowsFor(rows.request_log, traffic.incidents.map((i) => i.label), START, END);
  const forecasts = forecastRowsFor(rows.products.map((p) => p.product_id));
  const stored: Record<string, Array<{ event_id: string }>> = { ...rows, anomalies, forecasts };
  const storedTables = Object.keys(stored);
  const inRange = (ms: number) => Math.floor(ms / 1000) >= Math.floor(RANGE_FROM / 1000) && Math.floor(ms / 1000) <= Math.floor(RANGE_TO / 1000);
  const expected = Object.fromEntries(
    tables.map((table) => [table, new Set(rows[table].filter((r) => inRange(r.event_ms)).map((r) => r.event_id)).size]),
  ) as Record<Table, number>;
  const units = rows.sales.reduce((sum, s) => sum + s.quantity, 0);
  const revenue = rows.sales.reduce((sum, s) => sum + s.quantity * s.unit_price * (1 - s.discount_pct / 100), 0);

  /** Result rows of every panel target, by dashboard file, panel title and refId. */
  const results = new Map<string, Row[]>();
  const key = (file: string, title: string, refId: string) => `${file} › ${title} › ${refId}`;
  const resultOf = (title: string, refId = 'A', file = 'pulse-ingest.json'): Row[] => {
    const found = results.get(key(file, title, refId));
    if (!found) throw new Error(`no result for panel "${title}" target ${refId}`);
    return found;
  };

  beforeAll(async () => {
    adapter = new ClickHouseAdapter({ url, database, requestTimeoutMs: 120_000 }, quiet);
    await runMigrations(adapter, { dir: MIGRATIONS_DIR, logger: quiet });
    // Keep the redelivered rows below as separate, unmerged parts: only FINAL may collapse them.
    for (const table of storedTables) await adapter.command(sql`SYSTEM STOP MERGES ${ident(`${database}.${table}`)}`);
    for (const table of storedTables) {
      const all = stored[table]!;
      for (let i = 0; i < all.length; i += 20_000) await adapter.insert(table, all.slice(i, i + 20_000));
    }
    // A redelivery: the first tenth of every table (at least one row) arrives a second time.
    for (const table of storedTables) {
      const all = stored[table]!;
      await adapter.insert(table, all.slice(0, Math.max(1, Math.ceil(all.length / 10))));
    }
  });

  afterAll(async () => {
    if (!adapter) return;
    await adapter.command(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
    await adapter.close();
  });

  it('stores the redelivered rows twice, so the panels must count with FINAL', async () => {
    expect(rows.request_log.some((r) => r.client_id === bot)).toBe(true);
    for (const table of storedTables) {
      const [row] = await adapter.query<{ raw: string; distinct: string }>(
        sql`SELECT count() AS raw, uniqExact(event_id) AS distinct FROM ${ident(table)}`,
      );
      expect(num(row!.distinct), table).toBe(new Set(stored[table]!.map((r) => r.event_id)).size);
      expect(num(row!.raw), table).toBeGreaterThan(num(row!.distinct));
    }
  });

  for (const { file, dashboard } of dashboards) {
    for (const panel of dashboard.panels) {
      it(`${file} › ${panel.title}: every query runs and returns rows`, async () => {
        for (const target of panel.targets ?? []) {
          const range = rangeFor(panel, target);
          const query = expandMacros(target, range);
          const result = await adapter.query<Row>(query).catch((err: unknown) => {
            throw new Error(`${panel.title} target ${target.refId} failed: ${String(err)}\n${query}`);
          });
          expect(result.length, `${panel.title} target ${target.refId} returned no rows:\n${query}`).toBeGreaterThan(0);
          if ((target.format ?? 'time_series') === 'time_series') {
            // The plugin takes the first column as time (ms) and names series by the GROUP BY keys.
            const columns = Object.keys(result[0]!);
            expect(columns[0], `${panel.title}: time column`).toBe('t');
            for (const row of result) {
              const t = num(row['t']);
              expect(t % 1000).toBe(0);
              expect(t).toBeGreaterThanOrEqual(RANGE_FROM);
              expect(t).toBeLessThanOrEqual(RANGE_TO);
            }
            const keys = topLevelGroupBy(query).filter((k) => k !== 't');
            const values = columns.filter((c) => c !== 't' && !keys.includes(c));
            if (keys.length > 0) expect(values, `${panel.title}: one value column per keyed series`).toHaveLength(1);
            expect(values.length).toBeGreaterThan(0);
            for (const row of result) for (const column of values) num(row[column]);
          }
          results.set(key(file, panel.title, target.refId), result);
        }
      });
    }
  }

  it('events per minute by topic add up to the events stored, each counted once', () => {
    const panel = dashboards.find((d) => d.file === 'pulse-ingest.json')!.dashboard.panels.find((p) => p.title === 'Events per minute by topic')!;
    const seen: string[] = [];
    for (const target of panel.targets!) {
      const table = target.table as Table;
      const interval = rangeFor(panel, target).intervalSeconds;
      const result = resultOf(panel.title, target.refId);
      const column = Object.keys(result[0]!).find((c) => c !== 't')!;
      const total = result.reduce((sum, row) => sum + (num(row[column]) * interval) / 60, 0);
      expect(Math.round(total), `${table} (${column})`).toBe(expected[table]);
      seen.push(table);
    }
    expect(seen.sort()).toEqual(['feedback', 'request_log', 'sales']);
  });

  it('the stats, sales and catalogue panels agree with the generated data', () => {
    expect(num(resultOf('Requests in range')[0]!['requests'])).toBe(expected.request_log);
    const sales = resultOf('Sales in range')[0]!;
    expect(num(sales['sale_lines'])).toBe(expected.sales);
    expect(num(sales['units'])).toBe(units);
    expect(num(sales['revenue'])).toBeCloseTo(revenue, 1);
    expect(num(resultOf('Catalogue size')[0]!['products'])).toBe(PRODUCTS);

    const perDay = resultOf('Units sold per day');
    expect(perDay.length).toBe(3); // two backfilled days and the live one
    expect(perDay.reduce((sum, row) => sum + num(row['units_sold']), 0)).toBe(units);
    const byCategory = resultOf('Revenue per day by category');
    expect(Math.abs(byCategory.reduce((sum, row) => sum + num(row['revenue']), 0) - revenue)).toBeLessThan(0.01 * byCategory.length);

    const errorShare = resultOf('5xx share');
    expect(num(errorShare[0]!['error_share'])).toBeGreaterThan(0);
  });

  it('the scraping bot tops the client table and the API error burst shows in the 5xx share', () => {
    const clients = resultOf('Top clients by requests');
    expect(clients[0]!['client_id']).toBe(bot);
    expect(num(clients[0]!['logged_in_pct'])).toBe(0);
    expect(num(clients[0]!['per_active_minute'])).toBeGreaterThan(5 * num(clients[1]!['per_active_minute']));

    const shares = resultOf('5xx share by service');
    const api = shares.filter((row) => row['service'] === 'api').map((row) => num(row['error_share']));
    const web = shares.filter((row) => row['service'] === 'web').map((row) => num(row['error_share']));
    expect(Math.max(...api)).toBeGreaterThan(0.2);
    expect(Math.max(...web)).toBeLessThan(0.2);
  });

  it('the forecasts dashboard shows the latest forecast per product, each counted once, beside the demand sold', () => {
    const latest = resultOf('Products forecast (latest origin)', 'A', 'pulse-forecasts.json')[0]!;
    expect(num(latest['products'])).toBe(PRODUCTS);
    expect(num(latest['units_next_day'])).toBeCloseTo(forecasts.reduce((sum, f) => sum + f.forecast[0]!, 0), 1);
    expect(num(resultOf('Products with warnings', 'A', 'pulse-forecasts.json')[0]!['with_warnings'])).toBe(Math.ceil(PRODUCTS / 3));
    const sold = resultOf('Units per day: sold and forecast', 'A', 'pulse-forecasts.json');
    expect(sold.reduce((sum, row) => sum + num(row['sold']), 0)).toBe(units);
    const forecast = resultOf('Units per day: sold and forecast', 'B', 'pulse-forecasts.json');
    expect(forecast.length).toBe(3); // the forecast days inside the range
    expect(resultOf('Inventory levels by product (latest forecast)', 'A', 'pulse-forecasts.json')).toHaveLength(PRODUCTS);
  });

  it('the anomalies dashboard shows each incident by its latest revision, each update counted once', () => {
    const file = 'pulse-anomalies.json';
    const latest = new Map<string, AnomalyRow>();
    for (const r of anomalies) if ((latest.get(r.anomaly_id)?.revision ?? -1) < r.revision) latest.set(r.anomaly_id, r);
    const open = [...latest.values()].filter((r) => r.status !== 'closed');
    // Every labelled incident was raised; the latency spike, still going when the traffic ends, by both detectors.
    expect([...latest.values()].map((r) => `${r.subject_kind} ${r.subject}`).sort()).toEqual([`client ${bot}`, `request ${SLOW_ROUTE}`, `route ${SLOW_ROUTE}`, 'service api']);
    expect(open.map((r) => r.subject_kind).sort()).toEqual(['request', 'route']);

    const openStat = resultOf('Open incidents', 'A', file)[0]!;
    expect(num(openStat['open_incidents'])).toBe(open.length);
    expect(num(openStat['critical'])).toBe(open.filter((r) => r.severity === 'critical').length);
    expect(num(resultOf('Incidents started in range', 'A', file)[0]!['incidents'])).toBe(latest.size);
    // One-hour buckets: incidents per hour are the incidents of the bucket.
    expect(resultOf('Incidents opened per hour by severity', 'A', file).reduce((sum, row) => sum + num(row['incidents_per_hour']), 0)).toBe(latest.size);

    const table = resultOf('Open and recent incidents', 'A', file);
    expect(table.map((row) => row['anomaly_id']).sort()).toEqual([...latest.keys()].sort());
    expect(table.slice(0, open.length).map((row) => row['status'])).toEqual(open.map(() => 'open'));
    for (const row of table) {
      const last = latest.get(row['anomaly_id'] as string)!;
      expect(row['status']).toBe(last.status === 'closed' ? 'closed' : 'open');
      expect(row['severity']).toBe(last.severity);
      expect(row['explanation']).toBe(last.explanation);
      expect(num(row['since'])).toBe(last.window_start_ms);
      expect(num(row['last_window_end'])).toBe(last.window_end_ms);
      expect(num(row['updates'])).toBe(anomalies.filter((r) => r.anomaly_id === last.anomaly_id).length);
      expect(row['model_version']).toBe(last.detector === OUTLIER_DETECTOR ? DETECTOR_VERSIONS.outliers : DETECTOR_VERSIONS.baselines);
    }

    const subjects = resultOf('Top subjects by incidents', 'A', file);
    expect(subjects[0]).toMatchObject({ subject_kind: 'route', subject: SLOW_ROUTE, detectors: `${OUTLIER_DETECTOR}, ${SEASONAL_DETECTOR}` });
    expect(num(subjects[0]!['incidents'])).toBe(2);
    expect(subjects.reduce((sum, row) => sum + num(row['incidents']), 0)).toBe(latest.size);

    // Detection lag of opening and escalating updates only: closing ones come minutes after their window.
    const lags = anomalies.filter((r) => r.status !== 'closed').map((r) => (r.detected_at_ms - r.window_end_ms) / 1000);
    expect(Math.max(...lags)).toBeLessThan(10);
    const lag = resultOf('Detection lag in range', 'A', file)[0]!;
    expect(num(lag['p50'])).toBeGreaterThanOrEqual(Math.min(...lags) - 0.05);
    expect(num(lag['p99'])).toBeLessThanOrEqual(Math.max(...lags) + 0.05);
    for (const row of resultOf('Detection lag p50 / p99', 'A', file)) {
      expect(num(row['p50'])).toBeGreaterThanOrEqual(Math.min(...lags) - 1e-6);
      expect(num(row['p99'])).toBeLessThanOrEqual(Math.max(...lags) + 1e-6);
    }

    const drivers = resultOf('What drives incidents', 'A', file);
    expect(drivers.map((row) => row['lead_feature']).sort()).toEqual(['busiest_client_requests_per_second', 'latency_p95_ms', 'log_latency_ms', 'server_error_rate']);
  });
});
