import { Body, Controller, Get, Header, HttpCode, Inject, Post } from '@nestjs/common';
import type { DemandForecasts } from './demand-forecasts';
import type { ForecastConfig } from './forecast.config';
import { parseForecastRequest } from './forecast-request';
import type { ForecastResponse } from './forecast-response';
import { DEMAND_FORECASTS, FORECAST_CONFIG, FORECAST_HEALTH } from './forecast.tokens';
import { forecastPage } from './forecast-page';

@Controller()
export class ForecastController {
  constructor(
    @Inject(DEMAND_FORECASTS) private readonly forecasts: DemandForecasts,
    @Inject(FORECAST_CONFIG) private readonly config: ForecastConfig,
    @Inject(FORECAST_HEALTH) private readonly health: () => unknown,
  ) {}

  /** Seed 001's forecast: filters select products, their forecasts are summed, levels follow. */
  @Post('forecast')
  @HttpCode(200)
  forecast(@Body() body: unknown): ForecastResponse {
    const request = parseForecastRequest(body, {
      days: this.config.defaultDays,
      maxDays: this.config.demandHorizonDays,
      leadTimeDays: this.config.leadTimeDays,
      serviceLevel: this.config.serviceLevel,
      reviewPeriodDays: this.config.reviewPeriodDays,
    });
    return this.forecasts.forecast(request);
  }

  /** The page: upload a CSV, watch retraining, see the forecast with its interval and the history. */
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return forecastPage();
  }

  @Get('health')
  status(): unknown {
    return this.health();
  }
}
