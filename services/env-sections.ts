import { platformEnv, type EnvSpec } from '#config';
import { demandModelEnv } from '#training';
import { anomalyEnv } from './anomaly/src/anomaly.config';
import { feedbackEnv } from './feedback/src/feedback.config';
import { forecastEnv } from './forecast/src/forecast.config';
import { gatewayEnv } from './gateway/src/gateway.config';
import { ingestEnv } from './ingest/src/ingest.config';
import { trainerEnv } from './trainer/src/trainer.config';

/** Every process's variables, by section: the source of README's table and `.env.example`. */
export const envSections: { title: string; spec: EnvSpec }[] = [
  { title: 'Every process (Kafka, registry, ClickHouse, telemetry)', spec: platformEnv },
  { title: 'services/ingest', spec: ingestEnv },
  { title: 'services/trainer', spec: trainerEnv },
  { title: 'services/gateway', spec: gatewayEnv },
  { title: 'services/anomaly', spec: anomalyEnv },
  { title: 'services/forecast', spec: forecastEnv },
  { title: 'services/feedback', spec: feedbackEnv },
  { title: 'Demand forecast model (services/trainer and services/forecast)', spec: demandModelEnv },
];
