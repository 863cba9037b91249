import { isPose, isShot, phraseRole, type PhraseRole } from './phrase-roles';
import type { AdjustmentGroup, PromptAdjustment } from './prompt-adjustment';
import { phraseKey } from './prompt-phrases';
import { BASE_TEMPLATE, garmentModifier, styleTemplate } from './prompt-templates';

export interface TemplateContext {
  readonly basePhrases: readonly string[];
  readonly garmentType: string | null;
  /** The style the templates follow (the spec's, else the profile's). */
  readonly style: string | null;
  /** Whether a mood word may be added: the spec leaves the mood open and nothing else fills it. */
  readonly moodOpen: boolean;
}

/** Single-phrase edits of a base prompt from the template system, per group, the preferred edit first. */
export interface TemplateLanes {
  readonly lighting: PromptAdjustment[];
  readonly garment: PromptAdjustment[];
  readonly style: PromptAdjustment[];
  readonly quality: PromptAdjustment[];
  readonly composition: PromptAdjustment[];
  readonly background: PromptAdjustment[];
  readonly finishing: PromptAdjustment[];
}

export function templateAdjustments(context: TemplateContext): TemplateLanes {
  const present = new Set(context.basePhrases.map(phraseKey));
  const absent = (phrases: readonly string[]): string[] => phrases.filter((p) => !present.has(phraseKey(p)));
  const firstWithRole = (role: PhraseRole): string | undefined => context.basePhrases.find((p) => phraseRole(p) === role);
  return {
    lighting: lightingLane(context, absent),
    garment: garmentLane(context, absent),
    style: styleLane(context, absent),
    quality: qualityLane(firstWithRole('quality'), absent(BASE_TEMPLATE.quality)),
    composition: absent(BASE_TEMPLATE.composition)
      // Framing is the garment's to choose, and one framing is enough.
      .filter((p) => !(isShot(p) && (garmentModifier(context.garmentType) || context.basePhrases.some(isShot))))
      .map((p) => added('composition', p, 'composition from the base template')),
    background: swapOrAdd('background', firstWithRole('background'), absent(BASE_TEMPLATE.background), 'background from the base template'),
    finishing: absent(BASE_TEMPLATE.finishing).map((p) => added('finishing', p, 'finishing touch from the base template')),
  };
}

type Absent = (phrases: readonly string[]) => string[];

/** Style lighting replaces lighting that belongs to another style, and completes lighting that already fits. */
function lightingLane({ basePhrases, style }: TemplateContext, absent: Absent): PromptAdjustment[] {
  const template = styleTemplate(style);
  const fitting = template?.lighting ?? BASE_TEMPLATE.lighting;
  const fittingKeys = new Set(fitting.map(phraseKey));
  const lighting = basePhrases.filter((p) => phraseRole(p) === 'lighting');
  const misfit = lighting.find((p) => !fittingKeys.has(phraseKey(p)));
  const reason = template ? `lighting matched to the ${style} style` : 'studio lighting from the base template';
  if (misfit) return absent(fitting).map((p) => replaced('lighting', misfit, p, reason));
  const addReason = lighting.length > 0 ? `completes the ${template ? `${style} ` : ''}lighting` : reason;
  return absent(fitting).map((p) => added('lighting', p, addReason));
}

function garmentLane({ basePhrases, garmentType }: TemplateContext, absent: Absent): PromptAdjustment[] {
  const modifier = garmentModifier(garmentType);
  if (!modifier) return [];
  const shotKeys = new Set(modifier.shots.map(phraseKey));
  const misfitShot = basePhrases.find((p) => isShot(p) && !shotKeys.has(phraseKey(p)));
  const shotReason = `framing suited to a ${garmentType}`;
  const shots = misfitShot
    ? absent(modifier.shots).map((p) => replaced('garment', misfitShot, p, shotReason))
    : absent(modifier.shots).map((p) => added('garment', p, shotReason));
  const details = absent(modifier.details).map((p) => added('garment', p, `a detail that shows off a ${garmentType}`));
  return [...shots, ...details];
}

function styleLane({ basePhrases, style, moodOpen }: TemplateContext, absent: Absent): PromptAdjustment[] {
  const template = styleTemplate(style);
  if (!template) return [];
  const poseKeys = new Set(template.composition.map(phraseKey));
  const misfitPose = basePhrases.find((p) => isPose(p) && !poseKeys.has(phraseKey(p)));
  const reason = `pose matched to the ${style} style`;
  const poses = misfitPose
    ? absent(template.composition).map((p) => replaced('style', misfitPose, p, reason))
    : absent(template.composition).map((p) => added('style', p, reason));
  const mood = template.mood[0];
  if (!moodOpen || mood === undefined) return poses;
  return [...poses, ...absent([`${mood} mood`]).map((p) => added('style', p, `${style} mood, as the spec leaves the mood open`))];
}

/** Quality terms stack ("..., 8k resolution") or stand in for the prompt's own quality term. */
function qualityLane(current: string | undefined, candidates: readonly string[]): PromptAdjustment[] {
  return candidates.flatMap((p) => [
    ...(current ? [replaced('quality', current, p, 'alternative quality term from the base template')] : []),
    added('quality', p, 'quality term from the base template'),
  ]);
}

function swapOrAdd(group: AdjustmentGroup, current: string | undefined, candidates: readonly string[], reason: string): PromptAdjustment[] {
  return candidates.map((p) => (current ? replaced(group, current, p, reason) : added(group, p, reason)));
}

function added(group: AdjustmentGroup, text: string, reason: string): PromptAdjustment {
  return { group, action: 'added', text, reason };
}

function replaced(group: AdjustmentGroup, old: string, text: string, reason: string): PromptAdjustment {
  return { group, action: 'replaced', text, replaced: old, reason };
}
