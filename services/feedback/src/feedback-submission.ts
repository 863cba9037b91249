import { BadRequestException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { topics, type AttributeSpec, type Feedback, type FeedbackType } from '#contracts';
import { RequestBody } from '#http';

const FEEDBACK_TYPES: readonly FeedbackType[] = ['like', 'dislike', 'outlier', 'rating'];
export const ATTRIBUTE_FIELDS = ['garment_type', 'silhouette', 'neckline', 'sleeve_length', 'length', 'color_primary', 'finish', 'style_overall', 'mood'] as const;

/**
 * Reads an attribute spec (seed 004's VLT spec): the named attributes as strings or null, anything
 * else of string value kept in `extra`. 400 names the field.
 */
export function attributeSpecOf(raw: unknown, field: string): AttributeSpec {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new BadRequestException(`"${field}" must be an object of attribute name to value, e.g. {"garment_type": "dress", "color_primary": "black"}`);
  const spec: AttributeSpec = { garment_type: null, silhouette: null, neckline: null, sleeve_length: null, length: null, color_primary: null, finish: null, style_overall: null, mood: null, extra: {} };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new BadRequestException(`"${field}.${key}" must be a string, got ${JSON.stringify(value)}`);
    if ((ATTRIBUTE_FIELDS as readonly string[]).includes(key)) spec[key as (typeof ATTRIBUTE_FIELDS)[number]] = value;
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
