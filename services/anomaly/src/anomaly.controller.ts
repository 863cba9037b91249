import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { topics, type RequestLog } from '#contracts';
import { StreamHandler, type StreamBatch } from '#kafka';
import { ORDERED_INTAKE, type OrderedIntake } from './ordered-intake';

/** Takes in every request log; the intake scores them in event-time order before offsets are committed, live batches at once. */
@Controller()
export class AnomalyController {
  constructor(@Inject(ORDERED_INTAKE) private readonly intake: OrderedIntake) {}

  @StreamHandler(topics.requestLog)
  async requestLog(@Payload() batch: StreamBatch<RequestLog>): Promise<void> {
    this.intake.add(batch);
    if (batch.offsetLag === 0) await this.intake.flush();
  }
}
