import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClickHouseAdapter, ident, runMigrations, sql } from '#clickhouse';
import { topics, type Forecast, type Product, type Sale } from '#contracts';
import { DAY_MS, createTraffic } from '#generator';
import { loggerFor } from '#telemetry';
import { KafkaFixture } from '../support/kafka-fixtures';
import { namespacedServiceEnv } from '../support/local-stack';
import { ServiceProcess } from '../support/service-process';
import { uniqueNamespace } from '../support/unique-names';
import { waitFor } from '../support/wait-for';

const ns = uniqueNamespace('forecast');
const forecastPort = 29_500 + Math.floor(Math.random() * 200);
const trainerPort = forecastPort + 200;
const metrics = { ingest: forecastPort + 400, trainer: forecastPort + 600, forecast: forecastPort + 800 };
const TODAY = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const HISTORY_DAYS = 150;
const UPLOAD_LIMIT = 64 * 1024;
const PRODUCTS = 24;
const DEMAND_ENV = { DEMAND_FORECAST_NEURAL_EPOCHS: '3', DEMAND_FORECAST_CRON: '0 0 1 1 *', DEMAND_FORECAST_MIN_ROWS: '100' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
type Json = any;
const forecastApi = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${forecastPort}${path}`, init);
const postForecast = async (body: unknown): Promise<{ status: number; body: Json }> => {
  const res = await forecastApi('/forecast', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};
const json = async (res: Response | Promise<Response>): Promise<Json> => (await res).json();
const upload = (path: string, name: string, text: string | Uint8Array) => {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), name);
  return forecastApi(path, { method: 'POST', body: form });
};

interface ServerSentEvent {
  event: string;
  data: Json;
}

function parseEvents(body: string): ServerSentEvent[] {
  return body
    .split('\n\n')
    .map((block) => block.split('\n'))
    .filter((lines) => lines.some((l) => l.startsWith('event: ')))
    .map((lines) => ({ event: lines.find((l) => l.startsWith('event: '))!.slice(7), data: JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)) }));
}

/** A daily sales CSV of one product: a weekly pattern, a slow trend, the given days. */
function weeklyCsv(productId: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => {
    const day = TODAY - (days - i) * DAY_MS;
    const weekday = new Date(day).getUTCDay();
    const sales = Math.round(40 + i / 10 + (weekday === 0 || weekday === 6 ? 25 : 0) + ((i * 7) % 5));
    return `${new Date(day).toISOString().slice(0, 10)},${sales},${productId},Uploads,North,4.5,19.9,0`;
  });
}

describe('services/forecast: generator sales → ClickHouse → trained model → /forecast, the forecasts topic, CSV retraining', () => {
  let clickhouse: ClickHouseAdapter;
  let kafka: KafkaFixture;
  const services: ServiceProcess[] = [];
  let products: Product[];

  beforeAll(async () => {
    clickhouse = new ClickHouseAdapter({ url: namespacedServiceEnv(ns, 0).CLICKHOUSE_URL!, database: ns.database });
    await runMigrations(clickhouse, { logger: loggerFor('migrations') });
    kafka = await new KafkaFixture(ns.topicPrefix).setUp();

    // The generator's catalogue and sales history, through the real topics and the ingest service.
    const traffic = createTraffic({ seed: 21, start: TODAY, products: PRODUCTS, salesLinesPerSecond: 0, requestsPerSecond: 0, feedbackPerSecond: 0 });
    products = traffic.catalogueEvents(TODAY - HISTORY_DAYS * DAY_MS).map((e) => e.value);
    await kafka.produce(topics.products, products);
    let sales: Sale[] = [];
    for (const day of traffic.history(TODAY - HISTORY_DAYS * DAY_MS, TODAY)) sales = sales.concat(day.map((e) => e.value));
    await kafka.produce(topics.sales, sales);

    const ingest = new ServiceProcess('ingest', namespacedServiceEnv(ns, metrics.ingest));
    services.push(ingest);
    ingest.start();
    await ingest.waitHealthy(metrics.ingest);
    await waitFor(
      async () => Number((await clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM sales FINAL`))[0]!.n),
      (n) => n === sales.length,
      { timeoutMs: 120_000, what: `${sales.length} sales in ClickHouse` },
    );

    const trainer = new ServiceProcess('trainer', {
      ...namespacedServiceEnv(ns, metrics.trainer),
      ...DEMAND_ENV,
      TRAINER_HTTP_PORT: String(trainerPort),
      TRAINER_REQUEST_RISK_CRON: '0 0 1 1 *',
      TRAINER_REQUEST_OUTLIERS_CRON: '0 0 1 1 *',
      TRAINER_FULL_RETRAIN_CRON: '0 0 1 1 *',
    });
    const forecast = new ServiceProcess('forecast', {
      ...namespacedServiceEnv(ns, metrics.forecast),
      ...DEMAND_ENV,
      FORECAST_HTTP_PORT: String(forecastPort),
      FORECAST_REFRESH_INTERVAL_MS: '2000',
      FORECAST_UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT),
      // Promotion on a worse holdout is the lifecycle's tested rule; here the upload's model must go live.
      DEMAND_FORECAST_PROMOTION_TOLERANCE: '100',
    });
    services.push(trainer, forecast);
    trainer.start();
    forecast.start();
    await trainer.waitHealthy(metrics.trainer);
    await forecast.waitHealthy(metrics.forecast);
  }, 240_000);

  afterAll(async () => {
    for (const s of services.reverse()) await s.stop('SIGTERM');
    await kafka?.tearDown();
    await clickhouse?.command(sql`DROP DATABASE IF EXISTS ${ident(ns.database)}`);
    await clickhouse?.close();
  });

  it('says 503 until a model is trained, and 400 naming the field for a bad request', async () => {
    expect(await postForecast({ days: 7 })).toMatchObject({ status: 503, body: { error: expect.stringMatching(/no version of "demand-forecast" is loaded yet/) } });
    expect(await postForecast({ days: 0 })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/"days" must be an integer >= 1 and <= 28/) } });
    expect(await postForecast({ days: 7, min_rating: 'high' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/"min_rating" must be a number/) } });
    expect(await postForecast({ days: 7, colour: 'red' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/unknown field\(s\) "colour"/) } });
    const page = await forecastApi('/');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/Pulse · demand forecast/);
  });

  it('rejects bad CSVs with the line and column of each problem, and merges nothing', async () => {
    const header = 'date,sales,product_id,category,region,rating,price,discount';
    const good = weeklyCsv('BAD-1', 3);
    const cases: [string, string | Uint8Array, number, RegExp, { line: number; column: string }?][] = [
      ['missing-columns.csv', 'day,units\n2026-01-01,3\n', 400, /required column "date" is missing/, { line: 1, column: 'date' }],
      ['bad-date.csv', `${header}\n${good[0]}\n2026-02-30,5,BAD-1,Uploads,North,4.5,19.9,0\n`, 400, /is not a date/, { line: 3, column: 'date' }],
      ['negative.csv', `${header}\n${good[0]}\n${good[1]!.replace(/,\d+,BAD-1/, ',-4,BAD-1')}\n`, 400, /-4 is negative/, { line: 3, column: 'sales' }],
      ['wrong-type.csv', `${header}\n${good[0]!.replace(',4.5,', ',great,')}\n`, 400, /"great" is not a number/, { line: 2, column: 'rating' }],
      ['empty.csv', '', 400, /required column/, { line: 1, column: 'date' }],
      ['header-only.csv', `${header}\n`, 400, /no rows/, { line: 2, column: 'date' }],
      ['binary.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), 400, /not a text CSV/],
      ['oversized.csv', `${header}\n${weeklyCsv('BIG-1', 3).join('\n')}\n`.padEnd(UPLOAD_LIMIT + 10, '\n'), 413, /larger than the 64 KB limit \(FORECAST_UPLOAD_MAX_BYTES\)/],
    ];
    for (const [name, text, status, message, problem] of cases) {
      const res = await upload('/retrain', name, text);
      const body = await json(res);
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(body.error).toMatch(message);
      if (problem) expect(body.problems).toContainEqual(expect.objectContaining(problem));
    }
    const noFile = await forecastApi('/retrain', { method: 'POST', body: new FormData() });
    expect(noFile.status).toBe(400);
    expect((await json(noFile)).error).toMatch(/multipart field "file"/);
    expect(await clickhouse.query(sql`SELECT count() AS n FROM sales_uploads`)).toEqual([{ n: '0' }]);
  });

  it('trains on the generated sales, answers seed 001 filters, and publishes every product forecast to the topic and table', async () => {
    const trained = await json(fetch(`http://127.0.0.1:${trainerPort}/schedules/demand-forecast/trigger?wait=true`, { method: 'POST' }));
    expect(trained).toMatchObject({ outcome: 'promoted', detail: 'first version' });
    expect(trained.metrics.mase).toBeGreaterThan(0);
    expect(trained.metrics.mase).toBeLessThan(1.5);
    expect(trained.metrics.products).toBe(PRODUCTS);
    await waitFor(async () => (await json(forecastApi('/health'))).models[0].version, (v) => v === trained.version, { what: 'the forecast service on the trained version' });

    const category = products[0]!.category;
    const inCategory = products.filter((p) => p.category === category).length;
    const { status, body } = await postForecast({ days: 7, category, lead_time_days: 5, service_level: 0.9 });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['Reorder Point', 'Safety Stock', 'Minimum Level', 'Maximum Level', 'Forecast', 'Warnings']));
    expect(body).toMatchObject({ model: { name: 'demand-forecast', version: trained.version }, products: inCategory, lead_time_days: 5, service_level: 0.9, interval_level: 0.8 });
    const days = Object.keys(body.Forecast);
    expect(days).toHaveLength(7);
    expect(days[0]).toBe(new Date(TODAY).toISOString().slice(0, 10));
    for (const d of days) {
      const { forecast, lower_bound, upper_bound } = body.Forecast[d];
      expect(lower_bound).toBeLessThanOrEqual(forecast);
      expect(upper_bound).toBeGreaterThanOrEqual(forecast);
    }
    expect(body['Reorder Point']).toBeGreaterThan(body['Safety Stock']);
    expect(body['Maximum Level']).toBeGreaterThan(body['Reorder Point']);
    expect(body.history.length).toBeGreaterThanOrEqual(60);
    const stockOut = await postForecast({ days: 7, product_id: products[0]!.product_id, on_hand: 0 });
    expect(stockOut.body.Warnings).toContainEqual(expect.stringMatching(/Stock-out risk/));
    expect(await postForecast({ days: 7, category: 'No Such Category' })).toMatchObject({ status: 404, body: { error: expect.stringMatching(/no product matches/) } });

    const published = await readForecasts(kafka, PRODUCTS);
    expect(new Set(published.map((f) => f.product_id))).toEqual(new Set(products.map((p) => p.product_id)));
    for (const f of published) {
      expect(f).toMatchObject({ model_name: 'demand-forecast', model_version: trained.version, horizon_days: 14, interval_level: 0.8, lead_time_days: 7, service_level: 0.95 });
      expect(f.origin_date).toBe(new Date(TODAY - DAY_MS).toISOString().slice(0, 10));
      expect(f.points).toHaveLength(14);
      expect(f.points[0]!.date).toBe(new Date(TODAY).toISOString().slice(0, 10));
      expect(f.reorder_point).toBeGreaterThanOrEqual(f.safety_stock);
      expect(f.warnings.length).toBeGreaterThan(0);
    }
    await waitFor(async () => (await clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM forecasts FINAL WHERE model_version = ${trained.version}`))[0]!.n, (n) => n === String(PRODUCTS), {
      what: 'a forecast row per product in ClickHouse',
    });
  }, 300_000);

  it('retrains from an uploaded CSV, streaming progress, de-duplicating by (date, product_id), and serves the new version', async () => {
    const rows = weeklyCsv('CSV-1', HISTORY_DAYS);
    const corrected = rows[rows.length - 1]!.replace(/^([^,]+),\d+,/, '$1,99,');
    const csv = ['date,sales,product_id,category,region,rating,price,discount', ...rows, corrected].join('\n');
    const res = await upload('/retrain', 'csv-1.csv', csv);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = parseEvents(text);

    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data);
    expect(progress[0]).toMatchObject({ type: 'progress', stage: 'merging', data: expect.stringMatching(new RegExp(`merged ${HISTORY_DAYS} rows of 1 series`)) });
    expect(new Set(progress.map((p) => p.stage))).toEqual(new Set(['merging', 'loading', 'training', 'evaluating', 'publishing']));
    const epochs = progress.filter((p) => p.epoch !== undefined);
    expect(epochs.length).toBeGreaterThanOrEqual(3);
    expect(epochs[0]).toMatchObject({ epochs: 3, loss: expect.any(Number), validation_loss: expect.any(Number) });
    expect(progress).toContainEqual(expect.objectContaining({ stage: 'evaluating', mase: expect.any(Number) }));
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', data: { type: 'result', promoted: true, version: expect.any(String), mase: expect.any(Number), live_mase: expect.any(Number) } });

    expect(await clickhouse.query(sql`SELECT count() AS n, toString(argMax(units, date)) AS last FROM sales_uploads FINAL WHERE product_id = 'CSV-1'`)).toEqual([{ n: String(HISTORY_DAYS), last: '99' }]);
    const uploaded = await postForecast({ days: 14, product_id: 'CSV-1' });
    expect(uploaded).toMatchObject({ status: 200, body: { model: { version: done.data.version }, products: 1 } });
    const forecast: number[] = Object.values(uploaded.body.Forecast as Record<string, { forecast: number }>).map((d) => d.forecast);
    // The uploaded weekly pattern: weekends about 25 units above weekdays.
    const weekend = forecast.filter((_, i) => [0, 6].includes(new Date(TODAY + i * DAY_MS).getUTCDay()));
    const weekday = forecast.filter((_, i) => ![0, 6].includes(new Date(TODAY + i * DAY_MS).getUTCDay()));
    expect(mean(weekend) - mean(weekday)).toBeGreaterThan(10);

    // A finished run's events can be read again (a page reconnecting, a second viewer).
    const runId = /^: retraining run (\S+)$/m.exec(text)![1]!;
    expect(parseEvents(await (await forecastApi(`/retrain/${runId}/events`)).text())).toEqual(events);
    expect((await forecastApi('/retrain/no-such-run/events')).status).toBe(404);

    // The page's form: 202 at once, events watched separately.
    const background = await upload('/retrain/jobs', 'csv-1-again.csv', csv);
    expect(background.status).toBe(202);
    const accepted = await json(background);
    expect(accepted).toMatchObject({ job_id: expect.any(String), rows: HISTORY_DAYS, products: 1, events_url: `retrain/${accepted.job_id}/events` });
    const watched = parseEvents(await (await forecastApi(`/${accepted.events_url}`)).text());
    expect(watched.at(-1)).toMatchObject({ event: 'done', data: { promoted: true, live_mase: done.data.mase } });
  }, 300_000);
});

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Reads the forecasts topic from the beginning until `count` records have arrived. */
async function readForecasts(kafka: KafkaFixture, count: number): Promise<Forecast[]> {
  const consumer = kafka.kafka.consumer({ groupId: `${kafka.topicPrefix}forecast-reader-${Date.now()}` });
  const seen: Forecast[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: kafka.topic(topics.forecasts), fromBeginning: true });
  const reader = avro.Type.forSchema(topics.forecasts.schema as avro.Schema);
  await consumer.run({
    eachMessage: async ({ message }) => {
      await kafka.codec.prefetch([kafka.codec.schemaIdOf(message.value)]);
      seen.push(kafka.codec.decode(message.value!, reader) as Forecast);
    },
  });
  try {
    await waitFor(async () => seen.length, (n) => n >= count, { timeoutMs: 60_000, what: `${count} forecasts on the topic` });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
