import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { selectDiverse, validateAssets, type AssetValidationReport, type DiverseSelection } from '#feedback';
import { RequestBody } from '#http';
import { attributeSpecOf } from './feedback-submission';
import { ML_REQUESTS } from './feedback.tokens';
import type { MlRequests } from './ml-requests';
import { requestItems, type RequestItem } from './request-items';

/** Seed 004 stages 8 and 9: judging a batch of generated assets, and choosing a diverse, good subset. */
@Controller('api/ml')
export class CurationController {
  constructor(@Inject(ML_REQUESTS) private readonly requests: MlRequests) {}

  /** Consistency with the target spec, isolation-forest outliers within the batch, accept or reject with reasons. */
  @Post('validate')
  @HttpCode(200)
  async validate(@Body() body: unknown): Promise<AssetValidationReport & { request_id: string }> {
    const fields = new RequestBody(body);
    const raw = body as Record<string, unknown>;
    const target = attributeSpecOf(raw['target_vlt'] ?? raw['target'], raw['target_vlt'] !== undefined ? 'target_vlt' : 'target');
    const assets = requestItems(body, ['images', 'assets']).map((a) => {
      if (!a.attributes) throw new BadRequestException(`asset "${a.id}" has no "vlt" (its analysed attributes) to validate`);
      return { id: a.id, attributes: a.attributes, quality_score: a.quality_score };
    });
    const report = validateAssets({
      target,
      assets,
      minConsistency: fields.number('min_consistency', { min: 0, max: 1 }, 0.6),
      contamination: fields.number('contamination', { min: 0, max: 0.5 }, 0.1),
    });
    const generationId = typeof raw['generation_id'] === 'string' ? raw['generation_id'] : null;
    const requestId = await this.requests.record('validate', null, null, { generation_id: generationId, ...report.summary, rejected_ids: report.validations.filter((v) => v.is_rejected).map((v) => v.asset_id) });
    return { request_id: requestId, ...report };
  }

  /** A determinantal point process picks `target_count` items balancing quality and diversity (greedy MAP). */
  @Post('select/diverse')
  @HttpCode(200)
  async selectDiverse(@Body() body: unknown): Promise<DiverseSelection<RequestItem> & { request_id: string }> {
    const fields = new RequestBody(body);
    const items = requestItems(body, ['images', 'items']);
    const selection = selectDiverse(items, {
      targetCount: fields.number('target_count', { min: 1, max: items.length, integer: true }),
      diversityWeight: fields.number('diversity_weight', { min: 0.01, max: 10 }, 0.7),
      qualityWeight: fields.number('quality_weight', { min: 0, max: 10 }, 0.3),
    });
    const requestId = await this.requests.record('select/diverse', null, null, {
      candidates: items.length,
      selected: selection.selected.map((i) => i.id),
      diversity_score: selection.diversity_score,
      coverage: selection.coverage?.overall ?? null,
    });
    return { request_id: requestId, ...selection };
  }
}
