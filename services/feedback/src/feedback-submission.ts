import { BadRequestException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ATTRIBUTE_NAMES, topics, type AttributeName, type AttributeSpec, type Feedback, type FeedbackType } from '#contracts';
import { RequestBody } from '#http';

const FEEDBACK_TYPES: readonly FeedbackType[] = ['like', 'dislike', 'outlier', 'rating'];

/** Seed 004's nested VLT record fields, by where they sit: `attributes.sleeveLength`, `colors.primary`, `style.overall`… */
const NESTED: Record<string, Record<string, AttributeName>> = {
  attributes: { silhouette: 'silhouette', neckline: 'neckline', sleeveLength: 'sleeve_length', sleeve_length: 'sleeve_length', length: 'length' },
  colors: { primary: 'color_primary', finish: 'finish' },
  style: { overall: 'style_overall', mood: 'mood' },
};

/**
 * Reads an attribute spec: flat (`{"garment_type": "dress", "color_primary": "black"}`) or seed
 * 004's nested VLT record (`{"garment_type": "dress", "attributes": {"silhouette": "A-line"},
 * "colors": {"primary": "black"}, "style": {"overall": "elegant"}}`). Other string fields are kept
 * in `extra`; `id` is ignored. 400 names the field.
 */
export function attributeSpecOf(raw: unknown, field: string): AttributeSpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestException(`"${field}" must be an object of attribute name to value, e.g. {"garment_type": "dress", "color_primary": "black"}`);
  const spec: AttributeSpec = { garment_type: null, silhouette: null, neckline: null, sleeve_length: null, length: null, color_primary: null, finish: null, style_overall: null, mood: null, extra: {} };
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'id') continue;
    if (key === 'extra' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) flat[inner] = v;
      continue;
    }
    const nested = NESTED[key];
    if (nested && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) flat[nested[inner] ?? `${key}.${inner}`] = v;
    } else flat[key] = value;
  }
  for (const [key, value] of Object.entries(flat)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new BadRequestException(`"${field}.${key}" must be a string, got ${JSON.stringify(value)}`);
    if ((ATTRIBUTE_NAMES as readonly string[]).includes(key)) spec[key as AttributeName] = value;
    else spec.extra[key] = value;
  }
  return spec;
}

/** Seed 004's POST /api/ml/feedback/submit body as a `feedback` event (validated like any producer's). */
export function feedbackOf(raw: unknown, now: number): Feedback {
  const body = new RequestBody(raw);
  const fields = raw as Record<string, unknown>;
  const optionalNumber = (field: string, min: number, max: number) => (fields[field] === undefined || fields[field] === null ? null : body.number(field, { min, max }));
  const feedback: Feedback = {
    event_id: fields['event_id'] === undefined ? randomUUID() : body.string('event_id'),
    event_time: now,
    user_id: body.string('user_id'),
    asset_id: body.string('asset_id'),
    generation_id: fields['generation_id'] === undefined || fields['generation_id'] === null ? null : body.string('generation_id'),
    feedback_type: body.oneOf('feedback_type', FEEDBACK_TYPES),
    rating: optionalNumber('rating', 1, 5),
    quality_score: optionalNumber('quality_score', 0, 1),
    prompt: body.string(fields['prompt_used'] !== undefined ? 'prompt_used' : 'prompt'),
    attributes: attributeSpecOf(fields['vlt_spec'] ?? fields['attributes'] ?? {}, fields['vlt_spec'] !== undefined ? 'vlt_spec' : 'attributes'),
  };
  const problems = topics.feedback.validate(feedback);
  if (problems.length > 0) throw new BadRequestException(problems.map((p) => `"${p.field}" ${p.problem}`).join('; '));
  return feedback;
}
