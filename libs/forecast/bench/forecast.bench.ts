/**
 * npm run bench:forecast — on this machine: training time of the global neural model on 500 series
 * × 2 years (target ≤ 120 s), forecast throughput of the trained model (target ≥ 5k series/s), and
 * accuracy over the 28 days after training (which no model saw) beside seasonal naive, for the
 * global model, the decomposition and the ensemble the forecast service serves (the best of the
 * three per category by backtest). Prints JSON; progress on stderr.
 */
import {
  DecompositionForecaster,
  DemandForecastModel,
  GlobalNeuralModel,
  SeasonalNaiveForecaster,
  defaultGlobalModelOptions,
  intervalCoverage,
  mase,
  smape,
  tensorflowBackend,
  type ProductHistory,
  type SeriesForecast,
} from '../src';
import { syntheticProducts } from './synthetic-products';

const SERIES = Number(process.env['BENCH_FORECAST_SERIES'] ?? 500);
const DAYS = 730;
const HORIZON = 28;
const progress = (m: string) => process.stderr.write(`[bench:forecast] ${m}\n`);

function accuracy(actuals: number[][], histories: number[][], forecasts: SeriesForecast[]) {
  const n = actuals.length;
  const sum = (f: (i: number) => number) => actuals.reduce((s, _, i) => s + f(i), 0) / n;
  return {
    mase: sum((i) => mase(actuals[i]!, forecasts[i]!.mean, histories[i]!)),
    smape: sum((i) => smape(actuals[i]!, forecasts[i]!.mean)),
    coverage80: sum((i) => intervalCoverage(actuals[i]!, forecasts[i]!.lower, forecasts[i]!.upper)),
  };
}

async function main(): Promise<void> {
  const backend = await tensorflowBackend();
  const all = syntheticProducts(SERIES, DAYS, Date.UTC(2024, 0, 1) / 86_400_000);
  const seen = all.map((s) => ({ ...s, values: s.values.slice(0, -HORIZON), discounts: s.discounts!.slice(0, -HORIZON) }));
  const actuals = all.map((s) => s.values.slice(-HORIZON));
  const histories = seen.map((s) => s.values);
  const planned = all.map((s) => s.discounts!.slice(-HORIZON));

  progress(`training the global model on ${SERIES} series × ${DAYS - HORIZON} days (${backend} backend)`);
  const started = performance.now();
  const model = await GlobalNeuralModel.train(seen, { ...defaultGlobalModelOptions, horizon: HORIZON }, (p) => {
    if (p.stage === 'training') progress(`epoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(4)} validation ${p.validationLoss?.toFixed(4)}`);
  });
  const trainingSeconds = (performance.now() - started) / 1000;

  const forecastStarted = performance.now();
  let forecasted = 0;
  while (performance.now() - forecastStarted < 3000) {
    model.forecastMany(seen, { horizon: HORIZON });
    forecasted += seen.length;
  }
  const seriesPerSecond = forecasted / ((performance.now() - forecastStarted) / 1000);

  const globalForecasts = seen.map((s, i) => model.forecastMany([s], { horizon: HORIZON, futureDiscounts: planned[i] })[0]!);
  const naive = new SeasonalNaiveForecaster();
  const decomposition = new DecompositionForecaster();
  const decompositionStarted = performance.now();
  const decompositionForecasts = seen.map((s, i) => decomposition.fit(s).forecast({ horizon: HORIZON, futureDiscounts: planned[i] }));
  const decompositionSeconds = (performance.now() - decompositionStarted) / 1000;
  const naiveForecasts = seen.map((s) => naive.fit(s).forecast({ horizon: HORIZON }));

  // The served model: per category the best of the three by backtest (the network trained twice: to backtest, then on all).
  progress('training the ensemble (decomposition and naive backtested per category, the network at the latest origin)');
  const products: ProductHistory[] = seen.map((s) => ({
    profile: { productId: s.key, category: s.category!, region: s.region!, rating: null, price: 1, discountPct: 0, description: s.description! },
    series: s,
  }));
  const ensembleStarted = performance.now();
  const ensemble = await DemandForecastModel.train(products, { horizon: HORIZON, origins: 3, neural: { ...defaultGlobalModelOptions, horizon: HORIZON } }, (p) => {
    if (p.epoch === p.epochs && p.epoch !== undefined) progress(`ensemble: ${p.message}`);
  });
  const ensembleSeconds = (performance.now() - ensembleStarted) / 1000;
  // Promotions are planned ahead: every model is given the discounts of the days it forecasts.
  const ensembleEach = ensemble.forecastEach(HORIZON, 0.8, undefined, undefined, new Map(seen.map((s, i) => [s.key, planned[i]!]))).forecasts;
  const ensembleForecasts = seen.map((s) => ensembleEach.get(s.key)!);

  process.stdout.write(
    `${JSON.stringify(
      {
        backend,
        series: SERIES,
        days: DAYS,
        horizon: HORIZON,
        globalModel: { trainingSeconds: Number(trainingSeconds.toFixed(1)), targetTrainingSeconds: 120, forecastSeriesPerSecond: Math.round(seriesPerSecond), targetSeriesPerSecond: 5000 },
        accuracyOnUnseen28Days: {
          global: accuracy(actuals, histories, globalForecasts),
          decomposition: { ...accuracy(actuals, histories, decompositionForecasts), fitAndForecastSeconds: Number(decompositionSeconds.toFixed(2)) },
          seasonalNaive: accuracy(actuals, histories, naiveForecasts),
          ensemble: { ...accuracy(actuals, histories, ensembleForecasts), trainingSeconds: Number(ensembleSeconds.toFixed(1)), choice: ensemble.state.choice },
        },
      },
      null,
      2,
    )}\n`,
  );
  model.dispose();
}

main().catch((err: unknown) => {
  console.error('bench:forecast failed:', err);
  process.exit(1);
});
