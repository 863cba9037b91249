/**
 * npm run forecast:backtest -- --input sales.csv [--horizon 28] [--origins 6] [--step 28] [--level 0.8]
 *
 * Rolling-origin evaluation of every forecaster on a daily sales CSV (`date`, `sales`, and series id
 * columns: product_id, or category and region). Prints JSON: per model, the mean MASE, sMAPE, RMSSE,
 * interval coverage and fitting time over the series, and the same for the per-series choice of the
 * model with the lower MASE on the earlier origins, scored on the later ones (the ensemble), beside
 * seasonal naive. Series too short for an origin are skipped and counted.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DecompositionForecaster, SalesCsvError, SeasonalNaiveForecaster, dailySeries, parseSalesCsv, rollingOriginBacktest, type DailySeries, type Forecaster, type ModelBacktest } from '../src';

function positive(name: string, text: string | undefined, fallback: number): number {
  const value = Number(text ?? fallback);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number, got ${text}`);
  return value;
}

type Totals = { series: number; mase: number; smape: number; rmsse: number; coverage: number; fitSeconds: number };
const empty = (): Totals => ({ series: 0, mase: 0, smape: 0, rmsse: 0, coverage: 0, fitSeconds: 0 });
function add(t: Totals, b: ModelBacktest): void {
  t.series++;
  t.mase += b.mase;
  t.smape += b.smape;
  t.rmsse += b.rmsse;
  t.coverage += b.coverage;
  t.fitSeconds += b.fitSeconds;
}
const mean = (t: Totals) => ({ series: t.series, mase: t.mase / t.series, smape: t.smape / t.series, rmsse: t.rmsse / t.series, coverage: t.coverage / t.series, fitSeconds: Number(t.fitSeconds.toFixed(3)) });

function main(): void {
  const { values } = parseArgs({ options: { input: { type: 'string' }, horizon: { type: 'string' }, origins: { type: 'string' }, step: { type: 'string' }, level: { type: 'string' } } });
  if (!values.input) {
    process.stderr.write('usage: npm run forecast:backtest -- --input sales.csv [--horizon 28] [--origins 6] [--step 28] [--level 0.8]\n');
    process.exit(2);
  }
  const horizon = Math.round(positive('horizon', values.horizon, 28));
  const origins = Math.round(positive('origins', values.origins, 6));
  const step = Math.round(positive('step', values.step, horizon));
  const level = positive('level', values.level, 0.8);
  if (level >= 1) throw new Error(`--level must be below 1, got ${level}`);
  const forecasters: Forecaster[] = [new SeasonalNaiveForecaster(), new DecompositionForecaster()];
  const series = dailySeries(parseSalesCsv(values.input, readFileSync(values.input, 'utf8')));

  const perModel = new Map(forecasters.map((f) => [f.name, empty()]));
  const ensemble = empty();
  const naiveOnLater = empty();
  let skipped = 0;
  for (const [key, s] of series) {
    // Later origins first in the backtest's order: origin k is k steps before the last.
    const later = (b: DailySeries) => rollingOriginBacktest(b, forecasters, { horizon, origins: Math.ceil(origins / 2), step, level });
    try {
      const all = rollingOriginBacktest(s, forecasters, { horizon, origins, step, level });
      all.forEach((b) => add(perModel.get(b.model)!, b));
      // Choose on the earlier origins (history cut before the later ones), score on the later ones.
      const cut = Math.ceil(origins / 2) * step;
      const earlier = rollingOriginBacktest({ ...s, values: s.values.slice(0, -cut), discounts: s.discounts?.slice(0, -cut) }, forecasters, { horizon, origins: Math.floor(origins / 2) || 1, step, level });
      const chosen = earlier.reduce((best, b) => (b.mase < best.mase ? b : best)).model;
      const scored = later(s);
      add(ensemble, scored.find((b) => b.model === chosen)!);
      add(naiveOnLater, scored.find((b) => b.model === 'seasonal-naive')!);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      skipped++;
      process.stderr.write(`[forecast:backtest] ${key}: skipped (${err.message})\n`);
    }
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        input: values.input,
        series: series.size,
        skipped,
        horizon,
        origins,
        step,
        level,
        models: Object.fromEntries([...perModel].map(([name, t]) => [name, mean(t)])),
        ensemble: { choice: 'per series, the lower MASE on the earlier origins', laterOrigins: mean(ensemble), seasonalNaiveOnLaterOrigins: mean(naiveOnLater) },
      },
      null,
      2,
    )}\n`,
  );
}

try {
  main();
} catch (err) {
  console.error(err instanceof SalesCsvError ? err.message : err);
  process.exit(1);
}
