import { Module, type DynamicModule } from '@nestjs/common';
import type { LogisticRegression } from '#ml';
import type { ModelHolder } from '#models';
import { HealthController } from './health.controller';
import { REQUEST_RISK_MODEL, SERVED_MODELS } from './gateway.config';
import { RequestRiskController } from './request-risk.controller';

@Module({})
export class GatewayModule {
  static register(requestRisk: ModelHolder<LogisticRegression>): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [RequestRiskController, HealthController],
      providers: [
        { provide: REQUEST_RISK_MODEL, useValue: requestRisk },
        { provide: SERVED_MODELS, useValue: [requestRisk] },
      ],
    };
  }
}
