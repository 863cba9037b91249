import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { bestVersion, type ModelLifecycle, type ModelVersionStore, type StoredVersion } from '#models';
import { RequestBody } from '#http';
import { MODEL_LIFECYCLE, MODEL_VERSION_STORE, TRAINER_CONFIG, type TrainerConfig } from './trainer.config';

const DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;

/** Seed 002's version management: list, best, rollback, live performance, auto-rollback, cleanup. */
@Controller('models/:model')
export class ModelsController {
  constructor(
    @Inject(MODEL_VERSION_STORE) private readonly store: ModelVersionStore,
    @Inject(MODEL_LIFECYCLE) private readonly lifecycle: ModelLifecycle,
    @Inject(TRAINER_CONFIG) private readonly config: TrainerConfig,
  ) {}

  @Get('versions')
  async versions(@Param('model') model: string): Promise<{ model: string; active: string | null; previous: string | null; versions: StoredVersion[] }> {
    const [versions, serving] = await Promise.all([this.store.list(model), this.lifecycle.activeAndPrevious(model)]);
    return { model, ...serving, versions };
  }

  @Get('best')
  async best(@Param('model') model: string, @Query('metric') metric?: string, @Query('direction') direction?: string): Promise<StoredVersion> {
    if (!metric) throw new BadRequestException('Query parameter "metric" is required, e.g. ?metric=auc');
    const dir = new RequestBody({ direction: direction ?? 'higher-is-better' }).oneOf('direction', DIRECTIONS);
    const best = bestVersion(await this.store.list(model), metric, dir);
    if (!best) throw new NotFoundException(`No version of "${model}" has the metric "${metric}"`);
    return best;
  }

  @Get('activations')
  activations(@Param('model') model: string) {
    return this.store.activations(model);
  }

  @Post('rollback')
  @HttpCode(200)
  async rollback(@Param('model') model: string, @Body() body: unknown) {
    const b = new RequestBody(body);
    const target = await this.lifecycle.rollback(model, b.string('version'), b.string('reason', 'manual rollback'));
    return { model, active: target.version };
  }

  @Post('performance')
  @HttpCode(201)
  async performance(@Param('model') model: string, @Body() body: unknown) {
    const b = new RequestBody(body);
    const version = b.string('version');
    const metrics = b.metrics('metrics');
    if (!(await this.store.list(model)).some((v) => v.version === version)) throw new NotFoundException(`Model "${model}" has no version "${version}"`);
    for (const [metric, value] of Object.entries(metrics)) await this.store.recordLiveMetric(model, version, metric, value);
    return { model, version, recorded: Object.keys(metrics) };
  }

  @Post('auto-rollback')
  @HttpCode(200)
  autoRollback(@Param('model') model: string, @Body() body: unknown) {
    const b = new RequestBody(body);
    return this.lifecycle.checkAutoRollback(model, {
      metric: b.string('metric'),
      direction: b.oneOf('direction', DIRECTIONS, 'higher-is-better'),
      degradation: b.number('degradation', { min: 0, max: 1 }, 0.05),
      minObservations: b.number('minObservations', { min: 1, integer: true }, 3),
    });
  }

  @Post('cleanup')
  @HttpCode(200)
  async cleanup(@Param('model') model: string, @Body() body: unknown) {
    const b = new RequestBody(body ?? {});
    const deleted = await this.lifecycle.cleanup(
      model,
      {
        maxVersions: b.number('maxVersions', { min: 2, integer: true }, this.config.maxModelVersions),
        retentionDays: b.number('retentionDays', { min: 1 }, this.config.modelRetentionDays),
      },
      Date.now(),
    );
    return { model, deleted };
  }
}
