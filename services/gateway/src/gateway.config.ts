import { int, loadServiceConfig, type ConfigOf, type PlatformConfig } from '#config';

export const gatewayEnv = {
  httpPort: int('GATEWAY_HTTP_PORT', 'Port of the gateway HTTP API (model predictions for shop backends)', 8080, { min: 0, max: 65535 }),
};

export type GatewayConfig = ConfigOf<typeof gatewayEnv> & { platform: PlatformConfig };

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return loadServiceConfig(gatewayEnv, env);
}

export const REQUEST_RISK_MODEL = Symbol('RequestRiskModel');
export const SERVED_MODELS = Symbol('ServedModels');
