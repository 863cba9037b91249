import { Module, type DynamicModule } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { DemandForecasts } from './demand-forecasts';
import type { ForecastConfig } from './forecast.config';
import { ForecastController } from './forecast.controller';
import { DEMAND_FORECASTS, FORECAST_CONFIG, FORECAST_HEALTH, RETRAIN_RUNS, SALES_UPLOADS } from './forecast.tokens';
import { RetrainController } from './retrain.controller';
import type { RetrainRuns } from './retrain-runs';
import type { SalesUploads } from './sales-uploads';

export interface ForecastParts {
  config: ForecastConfig;
  forecasts: DemandForecasts;
  runs: RetrainRuns;
  uploads: SalesUploads;
  health: () => unknown;
}

@Module({})
export class ForecastModule {
  static register(parts: ForecastParts): DynamicModule {
    return {
      module: ForecastModule,
      // Uploads are held in memory, up to the limit: a CSV is parsed whole before anything is merged.
      imports: [MulterModule.register({ limits: { fileSize: parts.config.uploadMaxBytes, files: 1, fields: 10 } })],
      controllers: [ForecastController, RetrainController],
      providers: [
        { provide: FORECAST_CONFIG, useValue: parts.config },
        { provide: DEMAND_FORECASTS, useValue: parts.forecasts },
        { provide: RETRAIN_RUNS, useValue: parts.runs },
        { provide: SALES_UPLOADS, useValue: parts.uploads },
        { provide: FORECAST_HEALTH, useValue: parts.health },
      ],
    };
  }
}
