import type { AttributeSpec } from '#contracts';
import { assignToMode, styleModeHint, type StyleProfile, type StyleProfileHint } from '#feedback';
import type { StyleProfileStore } from './style-profile.store';

/**
 * What a user's style profile says for one prompt (seed 004's PromptOptimizer): the spec is matched
 * to its style mode, whose dominant attributes (as shares of the mode) and summary steer the
 * variations. The profile is the one in the request, else the user's stored one.
 */
export class StyleHints {
  constructor(private readonly profiles: StyleProfileStore) {}

  async hintFor(userId: string | null, given: unknown, spec: AttributeSpec): Promise<{ styleProfile: StyleProfileHint } | null> {
    const profile = isProfile(given) ? given : userId === null ? null : ((await this.profiles.latest<StyleProfile>(userId))?.profile ?? null);
    if (!profile) return null;
    const { cluster_id } = assignToMode(profile, spec);
    const mode = profile.clusters.find((c) => c.id === cluster_id);
    return mode ? { styleProfile: styleModeHint(mode) } : null;
  }
}

/** A full profile as this service returns it (a bare hint is not enough to match a mode). */
function isProfile(value: unknown): value is StyleProfile {
  const p = value as StyleProfile | null;
  return p !== null && typeof p === 'object' && Array.isArray(p.clusters) && typeof p.model_state === 'object' && p.model_state !== null;
}
