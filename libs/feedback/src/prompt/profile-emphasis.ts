import type { AttributeSpec } from '#contracts';
import type { PromptAdjustment } from './prompt-adjustment';
import { phraseKey } from './prompt-phrases';

/** What the style profile (a user's cluster of liked assets) says about the user's taste. */
export interface StyleProfileHint {
  readonly style_summary?: string;
  /** Attribute name → [its dominant value, that value's share of the profile]. */
  readonly dominant_attributes?: Readonly<Record<string, readonly [string, number]>>;
}

type EmphasisedAttribute = Exclude<keyof AttributeSpec, 'garment_type' | 'extra'>;

/** How a prompt names each attribute and its values, as the synthetic prompts do. The garment type is never emphasised. */
const EMPHASIS: Readonly<Record<EmphasisedAttribute, { readonly label: string; readonly phrase: (value: string) => string }>> = {
  color_primary: { label: 'colour', phrase: (v) => `${v} colour palette` },
  finish: { label: 'finish', phrase: (v) => `${v} finish` },
  silhouette: { label: 'silhouette', phrase: (v) => `${v} silhouette` },
  neckline: { label: 'neckline', phrase: (v) => (v.endsWith('neck') ? v : `${v} neckline`) },
  sleeve_length: { label: 'sleeve length', phrase: (v) => (v === 'sleeveless' ? v : `${v} sleeves`) },
  length: { label: 'length', phrase: (v) => (v.endsWith('length') ? v : `${v} length`) },
  mood: { label: 'mood', phrase: (v) => `${v} mood` },
  style_overall: { label: 'style', phrase: (v) => `${v} aesthetic` },
};

// A null neckline, sleeve or length usually means the garment has none: the profile must not add one.
const GARMENT_DEPENDENT: ReadonlySet<EmphasisedAttribute> = new Set(['neckline', 'sleeve_length', 'length']);

const isEmphasised = (name: string): name is EmphasisedAttribute => Object.hasOwn(EMPHASIS, name);

/**
 * Phrases that emphasise the profile's dominant attributes, strongest share first: a value the
 * spec also has, or fills in an attribute the spec leaves open. A value that differs from the
 * spec's would contradict it and is left out.
 */
export function profileEmphasis(spec: AttributeSpec, hint: StyleProfileHint | undefined, limit: number): PromptAdjustment[] {
  const dominant = Object.entries(hint?.dominant_attributes ?? {})
    .filter(([name, [value]]) => isEmphasised(name) && value.trim() !== '')
    .sort(([nameA, [, shareA]], [nameB, [, shareB]]) => shareB - shareA || (nameA < nameB ? -1 : 1));
  const adjustments: PromptAdjustment[] = [];
  for (const [name, [value, share]] of dominant) {
    const attribute = name as EmphasisedAttribute;
    const specValue = spec[attribute];
    const { label, phrase } = EMPHASIS[attribute];
    const favoured = `your style profile favours ${label} ${value} (share ${share.toFixed(2)})`;
    if (specValue === null) {
      if (GARMENT_DEPENDENT.has(attribute)) continue;
      adjustments.push({ group: 'profile', action: 'added', text: phrase(value), reason: `${favoured} and the spec leaves it open` });
    } else if (phraseKey(specValue) === phraseKey(value)) {
      adjustments.push({ group: 'profile', action: 'added', text: phrase(specValue), reason: `${favoured}, as this spec has` });
    }
    if (adjustments.length === limit) break;
  }
  return adjustments;
}

/** The style the templates follow: the spec's, else the profile's dominant style. */
export function templateStyle(spec: AttributeSpec, hint: StyleProfileHint | undefined): string | null {
  return spec.style_overall ?? hint?.dominant_attributes?.['style_overall']?.[0] ?? null;
}
