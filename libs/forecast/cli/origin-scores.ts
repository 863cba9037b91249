import { GlobalNeuralModel, intervalCoverage, mase, rmsse, smape, type DailySeries, type Forecaster, type GlobalModelOptions, type SeriesForecast } from '../src';

/** One model's errors at one forecast origin of one series. */
export interface OriginScore {
  mase: number;
  smape: number;
  rmsse: number;
  /** Share of the actual days inside the interval. */
  coverage: number;
  fitSeconds: number;
}

export interface Origins {
  horizon: number;
  /** Origin k (0 = the latest) is `horizon + k × step` days before a series ends. */
  origins: number;
  step: number;
  level: number;
}

/** Per model, per origin: undefined where the series was too short for that model there. */
export type SeriesScores = Map<string, (OriginScore | undefined)[]>;

function cutAt(s: DailySeries, o: Origins, k: number): { history: DailySeries; actual: number[]; planned: number[] | undefined } | null {
  const cut = s.values.length - o.horizon - k * o.step;
  if (cut <= 0) return null;
  return {
    history: { startDay: s.startDay, values: s.values.slice(0, cut), discounts: s.discounts?.slice(0, cut) },
    actual: s.values.slice(cut, cut + o.horizon),
    planned: s.discounts?.slice(cut, cut + o.horizon),
  };
}

function score(actual: number[], f: SeriesForecast, history: readonly number[], fitSeconds: number): OriginScore {
  return { mase: mase(actual, f.mean, history), smape: smape(actual, f.mean), rmsse: rmsse(actual, f.mean, history), coverage: intervalCoverage(actual, f.lower, f.upper), fitSeconds };
}

/** Per-series methods: fitted on each series at each origin. */
export function perSeriesScores(series: ReadonlyMap<string, DailySeries>, forecasters: readonly Forecaster[], o: Origins): Map<string, SeriesScores> {
  const out = new Map<string, SeriesScores>();
  for (const [key, s] of series) {
    const byModel: SeriesScores = new Map();
    for (const f of forecasters) {
      byModel.set(
        f.name,
        Array.from({ length: o.origins }, (_, k) => {
          const at = cutAt(s, o, k);
          if (!at || at.history.values.length < f.minHistory) return undefined;
          const started = performance.now();
          const forecast = f.fit(at.history).forecast({ horizon: o.horizon, level: o.level, futureDiscounts: at.planned });
          return score(at.actual, forecast, at.history.values, (performance.now() - started) / 1000);
        }),
      );
    }
    out.set(key, byModel);
  }
  return out;
}

/**
 * The global model: one network per origin, trained on every series cut there (training time is
 * shared out over the series), forecasting all of them at once.
 */
export async function globalScores(
  series: ReadonlyMap<string, DailySeries>,
  options: GlobalModelOptions,
  o: Origins,
  progress: (message: string) => void,
): Promise<Map<string, (OriginScore | undefined)[]>> {
  const out = new Map([...series.keys()].map((key) => [key, new Array<OriginScore | undefined>(o.origins).fill(undefined)]));
  for (let k = 0; k < o.origins; k++) {
    const cuts = [...series].map(([key, s]) => ({ key, at: cutAt(s, o, k) })).filter((c) => c.at && c.at.history.values.length >= options.window + 2 * options.horizon);
    if (cuts.length === 0) continue;
    const started = performance.now();
    let model: GlobalNeuralModel;
    try {
      model = await GlobalNeuralModel.train(
        cuts.map((c) => ({ ...c.at!.history, key: c.key })),
        options,
        (p) => p.epoch !== undefined && p.epoch === p.epochs && progress(`global model, origin ${k + 1}/${o.origins}: ${p.epochs} epochs, loss ${p.loss?.toFixed(4)}`),
      );
    } catch (err) {
      if (err instanceof RangeError) continue;
      throw err;
    }
    const forecasts = cuts.map((c) => model.forecastMany([{ ...c.at!.history, key: c.key }], { horizon: o.horizon, level: o.level, futureDiscounts: c.at!.planned })[0]!);
    const seconds = (performance.now() - started) / 1000 / cuts.length;
    cuts.forEach((c, i) => (out.get(c.key)![k] = score(c.at!.actual, forecasts[i]!, c.at!.history.values, seconds)));
    model.dispose();
  }
  return out;
}
