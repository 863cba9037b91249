import { bool, int, num, optionalStr, str, type ConfigOf } from '#config';
import { defaultGlobalModelOptions } from '#forecast';
import type { DemandForecastJobOptions } from './demand-forecast.job';

/** The demand model's training settings: shared by the trainer's schedule and the forecast service's CSV retraining. */
export const demandModelEnv = {
  demandCron: str('DEMAND_FORECAST_CRON', 'When the demand-forecast model retrains (cron, UTC): daily, after the day closes', '30 0 * * *'),
  demandMinRows: int('DEMAND_FORECAST_MIN_ROWS', 'Skip a scheduled demand-forecast run with fewer product-days of demand', 500, { min: 1 }),
  demandHistoryDays: int('DEMAND_FORECAST_HISTORY_DAYS', 'Days of daily demand trained on, ending on the last complete day', 730, { min: 60 }),
  demandHorizonDays: int('DEMAND_FORECAST_HORIZON_DAYS', 'Longest forecast (days); also the held-out days a candidate is scored on', 28, { min: 7, max: 90 }),
  demandBacktestOrigins: int('DEMAND_FORECAST_BACKTEST_ORIGINS', 'Rolling origins per category when choosing between decomposition and seasonal naive', 3, { min: 1, max: 12 }),
  demandNeural: bool('DEMAND_FORECAST_NEURAL', 'Train the global neural network (TensorFlow.js) as a method categories may choose', true),
  demandNeuralEpochs: int('DEMAND_FORECAST_NEURAL_EPOCHS', 'Training epochs of the global network', defaultGlobalModelOptions.epochs, { min: 1, max: 500 }),
  demandPromotionTolerance: num('DEMAND_FORECAST_PROMOTION_TOLERANCE', 'How much higher than the live holdout MASE a candidate may score and still be promoted', 0.02, { min: 0 }),
  demandTextModelDir: optionalStr(
    'DEMAND_FORECAST_TEXT_MODEL_DIR',
    'Local @huggingface/transformers feature-extraction model for product descriptions (nothing downloads); unset: hashed description words',
  ),
  demandImageModelDir: optionalStr(
    'DEMAND_FORECAST_IMAGE_MODEL_DIR',
    "Local @huggingface/transformers image model for product images; images are read from products' image_url when it is a local file path; unset: no image features",
  ),
};

export type DemandModelConfig = ConfigOf<typeof demandModelEnv>;

export function demandForecastJobOptions(config: DemandModelConfig, codeVersion: string, embed?: DemandForecastJobOptions['embed']): DemandForecastJobOptions {
  return {
    cron: config.demandCron,
    minRows: config.demandMinRows,
    historyDays: config.demandHistoryDays,
    training: {
      horizon: config.demandHorizonDays,
      origins: config.demandBacktestOrigins,
      neural: config.demandNeural ? { ...defaultGlobalModelOptions, horizon: config.demandHorizonDays, epochs: config.demandNeuralEpochs } : null,
    },
    tolerance: config.demandPromotionTolerance,
    codeVersion,
    ...(embed ? { embed } : {}),
  };
}
