import { BadRequestException, Body, Controller, Get, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { createStyleProfile, updateStyleProfile, type StyleProfile, type StyleRecord } from '#feedback';
import { RequestBody } from '#http';
import { attributeSpecOf } from './feedback-submission';
import { STYLE_PROFILES } from './feedback.tokens';
import type { StyleProfileStore } from './style-profile.store';

type StoredStyleProfile = StyleProfile & { revision: number; updated_ms: number };

/** Seed 004 stage 2: a designer's style modes from their portfolio, kept (every revision) in ClickHouse. */
@Controller('api/ml/style-profile')
export class StyleProfileController {
  constructor(@Inject(STYLE_PROFILES) private readonly profiles: StyleProfileStore) {}

  @Post('create')
  async create(@Body() body: unknown): Promise<StoredStyleProfile> {
    const fields = new RequestBody(body);
    const userId = fields.string('user_id');
    const records = recordsOf(body);
    const raw = body as Record<string, unknown>;
    const clusters = raw['n_clusters'] === undefined || raw['n_clusters'] === null ? undefined : fields.number('n_clusters', { min: 1, max: 7, integer: true });
    const profile = createStyleProfile(userId, records, clusters === undefined ? {} : { clusters });
    const previous = await this.profiles.latest<StyleProfile>(userId);
    return this.store(profile, (previous?.revision ?? 0) + 1, records.length);
  }

  /** New designs folded into the stored profile by an online step, without refitting. */
  @Post('update')
  async update(@Body() body: unknown): Promise<StoredStyleProfile> {
    const userId = new RequestBody(body).string('user_id');
    const records = recordsOf(body);
    const current = await this.profiles.latest<StyleProfile>(userId);
    if (!current) throw new NotFoundException(`user "${userId}" has no style profile yet; create one with POST /api/ml/style-profile/create`);
    return this.store(updateStyleProfile(current.profile, records), current.revision + 1, records.length);
  }

  @Get(':userId')
  async get(@Param('userId') userId: string): Promise<StoredStyleProfile> {
    const current = await this.profiles.latest<StyleProfile>(userId);
    if (!current) throw new NotFoundException(`user "${userId}" has no style profile`);
    return { ...current.profile, revision: current.revision, updated_ms: current.updatedMs };
  }

  private async store(profile: StyleProfile, revision: number, records: number): Promise<StoredStyleProfile> {
    const now = Date.now();
    await this.profiles.save(profile.user_id, revision, records, profile, now);
    return { ...profile, revision, updated_ms: now };
  }
}

/** Seed 004's `vlt_records` (nested or flat attribute specs). */
function recordsOf(body: unknown): StyleRecord[] {
  const list = (body as Record<string, unknown>)['vlt_records'] ?? (body as Record<string, unknown>)['records'];
  if (!Array.isArray(list) || list.length === 0) throw new BadRequestException('"vlt_records" must be a non-empty array of attribute records');
  return list.map((r: unknown, i) => attributeSpecOf(r, `vlt_records[${i}]`));
}
