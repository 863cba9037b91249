import { sql, type ClickHouseAdapter } from '#clickhouse';

/** A stored revision of a user's style profile. */
export interface StoredProfile<P> {
  revision: number;
  updatedMs: number;
  profile: P;
}

/** Style profiles in ClickHouse `style_profiles`: every revision kept, the highest one current. */
export class StyleProfileStore {
  constructor(private readonly clickhouse: ClickHouseAdapter) {}

  async latest<P>(userId: string): Promise<StoredProfile<P> | null> {
    const [row] = await this.clickhouse.query<{ revision: string; updated_ms: string; profile: string }>(
      sql`SELECT revision, updated_ms, profile FROM style_profiles FINAL WHERE user_id = ${userId} ORDER BY revision DESC LIMIT 1`,
    );
    return row ? { revision: Number(row.revision), updatedMs: Number(row.updated_ms), profile: JSON.parse(row.profile) as P } : null;
  }

  async save<P extends { n_clusters: number }>(userId: string, revision: number, records: number, profile: P, now = Date.now()): Promise<void> {
    const row = { user_id: userId, revision, updated_ms: now, n_clusters: profile.n_clusters, records, profile: JSON.stringify(profile) };
    await this.clickhouse.insertJsonEachRow('style_profiles', JSON.stringify(row));
  }
}
