import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { BEHAVIOUR_FEATURES, BehaviourClustering, type BehaviourAssignment, type BehaviourRow, type BehaviourSegment } from '#feedback';
import { RequestBody } from '#http';
import type { ModelFamily, StateSnapshots } from '#models';
import { ML_REQUESTS, USER_SEGMENTS } from './feedback.tokens';
import type { MlRequests } from './ml-requests';

export const USER_SEGMENTS_MODEL = 'user-behaviour-segments';

export const userSegmentsFamily: ModelFamily<BehaviourClustering> = {
  name: 'behaviour-clustering',
  toState: (model) => model.state(),
  fromState: (raw) => BehaviourClustering.fromState(raw as ReturnType<BehaviourClustering['state']>),
  smokeTest(model) {
    if (model.segments.length === 0) throw new Error('no segments');
  },
};

export interface UserSegmentsView {
  version: string | null;
  k: number;
  criterion: string;
  silhouette_by_k: Record<string, number>;
  segments: BehaviourSegment[];
}

/** Seed 002's user behaviour clustering: segments of users by their login, purchase, cart and favourite counts. */
@Controller('api/ml/user-segments')
export class UserSegmentsController {
  constructor(
    @Inject(USER_SEGMENTS) private readonly snapshots: StateSnapshots<BehaviourClustering>,
    @Inject(ML_REQUESTS) private readonly requests: MlRequests,
  ) {}

  /** Fits segments on the users given (k chosen by silhouette) and publishes them as the active version. */
  @Post('fit')
  @HttpCode(200)
  async fit(@Body() body: unknown): Promise<UserSegmentsView> {
    const fields = new RequestBody(body);
    const raw = body as Record<string, unknown>;
    const rows = usersOf(raw['users']);
    const clustering = BehaviourClustering.fit(rows, {
      minK: fields.number('min_k', { min: 2, max: 12, integer: true }, 2),
      maxK: fields.number('max_k', { min: 2, max: 12, integer: true }, 8),
    });
    const version = await this.snapshots.save(
      clustering,
      { rowCount: rows.length, trainingWindow: null, metrics: { k: clustering.k, silhouette: clustering.silhouetteByK[String(clustering.k)] ?? 0 } },
      this.snapshots.restored()?.version ?? null,
    );
    await this.requests.record('user-segments/fit', null, version, { users: rows.length, k: clustering.k, segments: clustering.segments.map((s) => s.label) });
    return viewOf(clustering, version);
  }

  @Get()
  current(): UserSegmentsView {
    const active = this.snapshots.restored();
    if (!active) throw new NotFoundException('no user segments yet; fit them with POST /api/ml/user-segments/fit');
    return viewOf(active.state, active.version);
  }

  /** The segment of each user given, by the active segments. */
  @Post('assign')
  @HttpCode(200)
  assign(@Body() body: unknown): { version: string; assignments: (BehaviourAssignment & { user_id: string })[] } {
    const active = this.snapshots.restored();
    if (!active) throw new NotFoundException('no user segments yet; fit them with POST /api/ml/user-segments/fit');
    const rows = usersOf((body as Record<string, unknown>)?.['users']);
    return { version: active.version, assignments: rows.map((r) => ({ user_id: r.user_id, ...active.state.assign(r) })) };
  }
}

function viewOf(clustering: BehaviourClustering, version: string | null): UserSegmentsView {
  const state = clustering.state();
  return { version, k: clustering.k, criterion: state.criterion, silhouette_by_k: clustering.silhouetteByK, segments: clustering.segments };
}

function usersOf(raw: unknown): BehaviourRow[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new BadRequestException(`"users" must be a non-empty array of {user_id, ${BEHAVIOUR_FEATURES.join(', ')}}`);
  return raw.map((u: unknown, i) => {
    const row = (u ?? {}) as Record<string, unknown>;
    if (typeof row['user_id'] !== 'string' || row['user_id'] === '') throw new BadRequestException(`"users[${i}].user_id" must be a non-empty string`);
    for (const f of BEHAVIOUR_FEATURES) {
      const v = row[f];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new BadRequestException(`"users[${i}].${f}" must be a count ≥ 0, got ${JSON.stringify(v)}`);
    }
    return row as unknown as BehaviourRow;
  });
}
