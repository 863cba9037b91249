import { BEHAVIOUR_FEATURES, type BehaviourCounts, type BehaviourFeature } from './behaviour-row';

const WORDS: Record<BehaviourFeature, string> = { logins: 'logins', purchases: 'purchases', cart_adds: 'cart adds', favourites: 'favourites' };

/** A ratio further from 1 than this (either way) is worth mentioning. */
const NOTABLE = 1.25;
const HIGH = 1.5;

/** Segment mean over overall mean, per feature; 1 where the overall mean is 0 (nobody did it). */
export function ratiosToAverage(segmentMean: BehaviourCounts, overallMean: BehaviourCounts): BehaviourCounts {
  const ratios = {} as BehaviourCounts;
  for (const f of BEHAVIOUR_FEATURES) ratios[f] = overallMean[f] > 0 ? segmentMean[f] / overallMean[f] : 1;
  return ratios;
}

/** A short name for the segment from its ratios to the average user. */
export function segmentLabel(ratios: BehaviourCounts): string {
  const values = BEHAVIOUR_FEATURES.map((f) => ratios[f]);
  if (values.every((r) => r <= 0.25)) return 'dormant users';
  if (ratios.purchases >= HIGH) return 'frequent buyers';
  if (ratios.cart_adds >= HIGH && ratios.purchases < 1) return 'cart abandoners';
  if (ratios.favourites >= HIGH && ratios.purchases < 1) return 'wishlisters';
  if (ratios.logins >= HIGH && ratios.purchases < 1) return 'window shoppers';
  if (values.every((r) => r >= 1 / NOTABLE && r <= NOTABLE)) return 'typical users';
  if (values.every((r) => r < 1)) return 'occasional users';
  return 'mixed activity';
}

/** E.g. "frequent buyers: purchases 3.1× average, cart adds 2.0×, logins 1.8×" (the three most unusual counts). */
export function describeSegment(ratios: BehaviourCounts): string {
  const notable = BEHAVIOUR_FEATURES.filter((f) => ratios[f] >= NOTABLE || ratios[f] <= 1 / NOTABLE)
    .sort((a, b) => Math.abs(Math.log(ratios[b])) - Math.abs(Math.log(ratios[a])) || BEHAVIOUR_FEATURES.indexOf(a) - BEHAVIOUR_FEATURES.indexOf(b))
    .slice(0, 3);
  const label = segmentLabel(ratios);
  if (notable.length === 0) return `${label}: close to average on every count`;
  const parts = notable.map((f, i) => `${WORDS[f]} ${formatRatio(ratios[f])}×${i === 0 ? ' average' : ''}`);
  return `${label}: ${parts.join(', ')}`;
}

function formatRatio(ratio: number): string {
  return ratio >= 1 ? ratio.toFixed(1) : ratio.toFixed(2);
}
