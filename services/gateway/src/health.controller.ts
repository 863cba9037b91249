import { Controller, Get, Inject } from '@nestjs/common';
import type { HolderStatus, ModelHolder } from '#models';
import { SERVED_MODELS } from './gateway.config';

@Controller('health')
export class HealthController {
  constructor(@Inject(SERVED_MODELS) private readonly holders: ModelHolder<unknown>[]) {}

  /** Which model versions this process serves, since when, and whether a swap is pending or failed. */
  @Get()
  health(): { status: 'ok'; models: HolderStatus[] } {
    return { status: 'ok', models: this.holders.map((h) => h.status()) };
  }
}
