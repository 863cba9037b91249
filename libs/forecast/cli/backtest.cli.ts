/**
 * npm run forecast:backtest -- --input sales.csv [--horizon 28] [--origins 6] [--step 28] [--level 0.8] [--neural-epochs 12 | --no-neural]
 *
 * Rolling-origin evaluation on a daily sales CSV (`date`, `sales`, and series id columns: product_id,
 * or category and region). Prints JSON: per model (seasonal naive, decomposition, global network)
 * the mean MASE, sMAPE, RMSSE, interval coverage and training time per series; and the ensemble —
 * per series the model with the lowest MASE on the earlier origins, scored on the later ones —
 * beside seasonal naive on the same origins.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DecompositionForecaster, SalesCsvError, SeasonalNaiveForecaster, dailySeries, defaultGlobalModelOptions, parseSalesCsv, tensorflowBackend } from '../src';
import { globalScores, perSeriesScores, type OriginScore, type Origins, type SeriesScores } from './origin-scores';

const USAGE = 'usage: npm run forecast:backtest -- --input sales.csv [--horizon 28] [--origins 6] [--step 28] [--level 0.8] [--neural-epochs 12 | --no-neural]\n';
const progress = (m: string) => process.stderr.write(`[forecast:backtest] ${m}\n`);

function positive(name: string, text: string | undefined, fallback: number): number {
  const value = Number(text ?? fallback);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number, got ${text}`);
  return value;
}

/** Means over the scored (series, origin) pairs in `origins`, averaged per series first. */
function summary(perSeries: (OriginScore | undefined)[][], origins: (k: number) => boolean) {
  const means = perSeries
    .map((scores) => scores.filter((s, k): s is OriginScore => s !== undefined && origins(k)))
    .filter((scores) => scores.length > 0)
    .map((scores) => {
      const avg = (f: (s: OriginScore) => number) => scores.reduce((a, s) => a + f(s), 0) / scores.length;
      return { mase: avg((s) => s.mase), smape: avg((s) => s.smape), rmsse: avg((s) => s.rmsse), coverage: avg((s) => s.coverage), fitSeconds: scores.reduce((a, s) => a + s.fitSeconds, 0) };
    });
  const avg = (f: (m: (typeof means)[number]) => number) => (means.length ? Number((means.reduce((a, m) => a + f(m), 0) / means.length).toFixed(4)) : null);
  return { series: means.length, mase: avg((m) => m.mase), smape: avg((m) => m.smape), rmsse: avg((m) => m.rmsse), coverage: avg((m) => m.coverage), trainingSecondsPerSeries: avg((m) => m.fitSeconds) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' },
      horizon: { type: 'string' },
      origins: { type: 'string' },
      step: { type: 'string' },
      level: { type: 'string' },
      'neural-epochs': { type: 'string' },
      'no-neural': { type: 'boolean' },
    },
  });
  if (!values.input) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const horizon = Math.round(positive('horizon', values.horizon, 28));
  const origins = Math.round(positive('origins', values.origins, 6));
  const o: Origins = { horizon, origins, step: Math.round(positive('step', values.step, horizon)), level: positive('level', values.level, 0.8) };
  if (o.level >= 1) throw new Error(`--level must be below 1, got ${o.level}`);
  const series = dailySeries(parseSalesCsv(values.input, readFileSync(values.input, 'utf8')));
  progress(`${series.size} series, ${origins} origins of ${horizon} days`);

  const scores = perSeriesScores(series, [new SeasonalNaiveForecaster(), new DecompositionForecaster()], o);
  if (!values['no-neural']) {
    progress(`training the global model once per origin (${await tensorflowBackend()} backend)`);
    const neural = { ...defaultGlobalModelOptions, horizon, epochs: Math.round(positive('neural-epochs', values['neural-epochs'], defaultGlobalModelOptions.epochs)) };
    for (const [key, perOrigin] of await globalScores(series, neural, o, progress)) scores.get(key)!.set('global', perOrigin);
  }

  const models = [...new Set([...scores.values()].flatMap((m) => [...m.keys()]))];
  const byModel = (name: string) => [...scores.values()].map((m) => m.get(name) ?? []);
  // Choose on the earlier origins (history cut before the later ones), score on the later ones.
  const later = (k: number) => k < Math.ceil(origins / 2);
  const chosen = [...scores.values()].map((m: SeriesScores) => {
    const earlierMase = (name: string) => {
      const s = (m.get(name) ?? []).filter((x, k): x is OriginScore => x !== undefined && !later(k));
      return s.length ? s.reduce((a, x) => a + x.mase, 0) / s.length : Number.POSITIVE_INFINITY;
    };
    return [...m.keys()].reduce((best, name) => (earlierMase(name) < earlierMase(best) ? name : best), 'seasonal-naive');
  });
  const ensemble = [...scores.values()].map((m, i) => m.get(chosen[i]!)!);
  const chosenCounts: Record<string, number> = {};
  for (const name of chosen) chosenCounts[name] = (chosenCounts[name] ?? 0) + 1;

  process.stdout.write(
    `${JSON.stringify(
      {
        input: values.input,
        series: series.size,
        ...o,
        models: Object.fromEntries(models.map((name) => [name, summary(byModel(name), () => true)])),
        ensemble: {
          choice: 'per series, the lowest MASE on the earlier origins',
          chosen: chosenCounts,
          laterOrigins: summary(ensemble, later),
          seasonalNaiveOnLaterOrigins: summary(byModel('seasonal-naive'), later),
        },
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof SalesCsvError ? err.message : err);
  process.exit(1);
});
