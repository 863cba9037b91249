import { Controller, Get, Inject } from '@nestjs/common';
import { SERVICE_HEALTH } from './feedback.tokens';

@Controller('health')
export class HealthController {
  constructor(@Inject(SERVICE_HEALTH) private readonly health: () => unknown) {}

  @Get()
  status(): unknown {
    return this.health();
  }
}
