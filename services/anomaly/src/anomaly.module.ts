import { Module, type DynamicModule } from '@nestjs/common';
import { AnomalyController } from './anomaly.controller';
import { ORDERED_INTAKE, type OrderedIntake } from './ordered-intake';

@Module({})
export class AnomalyModule {
  static register(intake: OrderedIntake): DynamicModule {
    return { module: AnomalyModule, controllers: [AnomalyController], providers: [{ provide: ORDERED_INTAKE, useValue: intake }] };
  }
}
