import { Body, Controller, HttpCode, Inject, Post, ServiceUnavailableException } from '@nestjs/common';
import type { LogisticRegression } from '#ml';
import type { ModelHolder } from '#models';
import { requestRiskFeatures } from '#training';
import { RequestBody } from '#http';
import { REQUEST_RISK_MODEL } from './gateway.config';

export interface RequestRiskAnswer {
  /** Probability that the request fails server-side (5xx). */
  risk: number;
  model: string;
  version: string;
}

/** Seed 002's request analysis: scores one request with the active request-risk version. */
@Controller('api/requests')
export class RequestRiskController {
  constructor(@Inject(REQUEST_RISK_MODEL) private readonly holder: ModelHolder<LogisticRegression>) {}

  @Post('risk')
  @HttpCode(200)
  risk(@Body() body: unknown): RequestRiskAnswer {
    const b = new RequestBody(body);
    const sample = {
      service: b.string('service'),
      method: b.string('method', 'GET'),
      response_time_ms: b.number('response_time_ms', { min: 0 }),
      request_bytes: b.number('request_bytes', { min: 0 }, 0),
      response_bytes: b.number('response_bytes', { min: 0 }, 0),
      event_ms: b.number('event_time', { min: 0 }, Date.now()),
    };
    // Taken once: a swap during this request does not change the version that answers it.
    const served = this.holder.current();
    if (!served) throw new ServiceUnavailableException('No version of the request-risk model is active yet; train one with the trainer');
    const risk = served.model.predictProbability(requestRiskFeatures(sample, served.model.state.featureNames));
    return { risk, model: served.manifest.model, version: served.manifest.version };
  }
}
