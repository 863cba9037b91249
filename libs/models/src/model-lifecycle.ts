import { loggerFor } from '#telemetry';
import type { ModelArtifact } from './model-family';
import type { ModelManifest } from './model-manifest';
import type { ModelPublisher } from './model-publisher';
import type { ModelVersionStore, StoredVersion } from './model-version.store';
import { degradedPastThreshold, notWorse, versionsToDelete, type AutoRollbackRule, type CleanupPolicy, type MetricDirection } from './version-policy';

export interface PromotionRule {
  metric: string;
  direction: MetricDirection;
  /** How much worse than the live version a candidate may be and still be promoted. */
  tolerance: number;
  /** Seed 002's performance threshold: a candidate must reach this value at all, whatever is live. */
  floor?: number;
}

export type PromotionDecision = { promoted: true; reason: string } | { promoted: false; reason: string };

/**
 * The model lifecycle in one place: publish a candidate, promote it when it is not worse than the
 * live version on the same holdout, roll back (by hand or when a live metric degrades), clean up
 * old versions. Every step is recorded in ClickHouse and announced on `model-artifacts`.
 */
export class ModelLifecycle {
  private readonly log = loggerFor(ModelLifecycle.name);

  constructor(
    private readonly store: ModelVersionStore,
    private readonly publisher: ModelPublisher,
  ) {}

  /** The version every replica serves now, and the one before it. */
  async activeAndPrevious(model: string): Promise<{ active: string | null; previous: string | null }> {
    const [latest] = await this.store.activations(model, 1);
    return { active: latest?.version ?? null, previous: latest?.previousVersion ?? null };
  }

  /**
   * Publishes `candidate` and promotes it if it is not worse than the live version. `liveScore` is
   * the live version's metric on the candidate's holdout (the caller evaluates both on the same
   * rows); undefined when nothing is live yet.
   */
  async submit(candidate: ModelArtifact, liveScore: number | undefined, rule: PromotionRule): Promise<PromotionDecision> {
    const { manifest } = candidate;
    const score = manifest.metrics[rule.metric];
    if (score === undefined) throw new Error(`Candidate ${manifest.model} ${manifest.version} has no metric "${rule.metric}"`);
    await this.publisher.publish(candidate);
    await this.store.record(manifest, 'candidate', 'trained');
    if (rule.floor !== undefined && !notWorse(score, rule.floor, rule.direction)) {
      const reason = `${rule.metric} ${score.toFixed(4)} does not reach the required ${rule.floor}`;
      await this.store.setStatus(manifest.model, manifest.version, 'rejected', reason);
      this.log.info({ model: manifest.model, version: manifest.version, reason }, 'candidate not promoted');
      return { promoted: false, reason };
    }
    if (!notWorse(score, liveScore, rule.direction, rule.tolerance)) {
      const reason = `${rule.metric} ${score.toFixed(4)} is worse than the live version's ${liveScore!.toFixed(4)} on the same holdout`;
      await this.store.setStatus(manifest.model, manifest.version, 'rejected', reason);
      this.log.info({ model: manifest.model, version: manifest.version, reason }, 'candidate not promoted');
      return { promoted: false, reason };
    }
    const reason = liveScore === undefined ? 'first version' : `${rule.metric} ${score.toFixed(4)} not worse than live ${liveScore.toFixed(4)}`;
    await this.activate(manifest, reason);
    await this.store.setStatus(manifest.model, manifest.version, 'promoted', reason);
    return { promoted: true, reason };
  }

  /** Serves `version` (an earlier one: a rollback) on every replica. */
  async rollback(model: string, version: string, reason: string): Promise<StoredVersion> {
    const target = (await this.store.list(model)).find((v) => v.version === version);
    if (!target) throw new UnknownVersionError(model, version);
    await this.activate(this.manifestOf(target), `rollback: ${reason}`);
    return target;
  }

  /**
   * Seed 002's auto-rollback: when the active version's live metric has degraded past the rule's
   * threshold relative to its holdout value, the previous version is activated again.
   */
  async checkAutoRollback(model: string, rule: AutoRollbackRule): Promise<{ rolledBack: boolean; reason: string; liveMean: number | null }> {
    const { active, previous } = await this.activeAndPrevious(model);
    if (!active) return { rolledBack: false, reason: 'no active version', liveMean: null };
    const versions = await this.store.list(model);
    const reference = versions.find((v) => v.version === active)?.metrics[rule.metric];
    if (reference === undefined) return { rolledBack: false, reason: `active version has no ${rule.metric}`, liveMean: null };
    const live = await this.store.liveMetric(model, active, rule.metric);
    const verdict = degradedPastThreshold(reference, live, rule);
    if (!verdict.degraded) return { rolledBack: false, reason: 'within threshold', liveMean: verdict.liveMean };
    if (!previous) return { rolledBack: false, reason: 'degraded, but there is no previous version', liveMean: verdict.liveMean };
    const reason = `live ${rule.metric} ${verdict.liveMean!.toFixed(4)} is ${(Math.abs(verdict.change!) * 100).toFixed(1)}% worse than ${reference.toFixed(4)}`;
    await this.rollback(model, previous, `auto: ${reason}`);
    return { rolledBack: true, reason, liveMean: verdict.liveMean };
  }

  /** Deletes versions past the policy; never the active version nor the previous one. */
  async cleanup(model: string, policy: CleanupPolicy, now: number): Promise<string[]> {
    const { active, previous } = await this.activeAndPrevious(model);
    const doomed = versionsToDelete(await this.store.list(model), [active, previous], policy, now);
    for (const v of doomed) {
      await this.publisher.retract(this.manifestOf(v));
      await this.store.setStatus(model, v.version, 'deleted', `cleanup: keep ${policy.maxVersions} versions, ${policy.retentionDays} days`);
    }
    return doomed.map((v) => v.version);
  }

  private async activate(manifest: ModelManifest, reason: string): Promise<void> {
    const { active } = await this.activeAndPrevious(manifest.model);
    await this.publisher.activate(manifest, reason);
    await this.store.recordActivation({ model: manifest.model, version: manifest.version, previousVersion: active === manifest.version ? null : active, reason });
    this.log.info({ model: manifest.model, version: manifest.version, previous: active, reason }, 'activated');
  }

  private manifestOf(v: StoredVersion): ModelManifest {
    return {
      format: 'pulse-model/1',
      model: v.model,
      family: v.family,
      version: v.version,
      createdAt: v.createdAt,
      trainingWindow: v.trainingWindow,
      rowCount: v.rowCount,
      metrics: v.metrics,
      parentVersion: v.parentVersion,
      codeVersion: v.codeVersion,
      payloadEncoding: v.payloadEncoding,
      payloadBytes: v.payloadBytes,
      checksum: v.checksum,
    };
  }
}

export class UnknownVersionError extends Error {
  constructor(
    readonly model: string,
    readonly version: string,
  ) {
    super(`Model "${model}" has no version "${version}"`);
    this.name = 'UnknownVersionError';
  }
}

