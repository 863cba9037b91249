import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KeepErrorsFilter } from './keep-errors.filter';
import type { KafkaStreamServer } from './kafka-stream.server';

/** A NestJS microservice on `server` whose handlers' errors reach the transport unchanged. */
export async function createStreamApp(module: Type<unknown> | DynamicModule, server: KafkaStreamServer): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module, { strategy: server, logger: ['error', 'warn'] });
  app.useGlobalFilters(new KeepErrorsFilter());
  return app;
}
