import { ATTRIBUTE_NAMES, type AttributeName } from '#contracts';
import { SeededRandom } from '#ml';
import { type StyleRecord } from './attribute-encoding';

export interface PlantedStyleOptions {
  /** Every value each attribute can take (e.g. the generator's FASHION_VALUES). */
  values: Readonly<Record<AttributeName, readonly string[]>>;
  modes: number;
  /** Records drawn from each mode: one count for all, or one per mode. */
  recordsPerMode: number | readonly number[];
  /** Chance that an attribute takes its mode's preferred value rather than a uniform one; default 0.8. */
  fidelity?: number;
  /** Chance that an attribute is null; default 0.03. */
  nullRate?: number;
  seed: number;
}

export interface PlantedStyleRecords {
  records: StyleRecord[];
  /** The mode each record was drawn from. */
  labels: number[];
  /** Each mode's preferred value per attribute. */
  preferences: Array<Record<AttributeName, string>>;
}

/**
 * A portfolio with planted style modes. Modes prefer different values of every attribute that has
 * enough values (preferences are drawn without replacement), and records stray from their mode's
 * preference with probability 1 - fidelity. Records come shuffled.
 */
export function plantedStyleRecords(options: PlantedStyleOptions): PlantedStyleRecords {
  const random = new SeededRandom(options.seed);
  const fidelity = options.fidelity ?? 0.8;
  const nullRate = options.nullRate ?? 0.03;
  const preferences = Array.from({ length: options.modes }, () => ({}) as Record<AttributeName, string>);
  for (const attribute of ATTRIBUTE_NAMES) {
    const values = options.values[attribute];
    const order = random.sample(values.length, values.length);
    preferences.forEach((preference, m) => (preference[attribute] = values[order[m % values.length]!]!));
  }
  const drawn: Array<{ record: StyleRecord; label: number }> = [];
  preferences.forEach((preference, m) => {
    const count = typeof options.recordsPerMode === 'number' ? options.recordsPerMode : options.recordsPerMode[m]!;
    for (let i = 0; i < count; i++) {
      const record: Record<AttributeName, string | null> = { ...preference };
      for (const attribute of ATTRIBUTE_NAMES) {
        const values = options.values[attribute];
        if (random.next() < nullRate) record[attribute] = null;
        else if (random.next() >= fidelity) record[attribute] = values[random.int(values.length)]!;
      }
      drawn.push({ record, label: m });
    }
  });
  const shuffled = random.sample(drawn.length, drawn.length).map((i) => drawn[i]!);
  return { records: shuffled.map((d) => d.record), labels: shuffled.map((d) => d.label), preferences };
}
