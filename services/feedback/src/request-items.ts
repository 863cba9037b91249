import { BadRequestException } from '@nestjs/common';
import type { AttributeSpec } from '#contracts';
import { attributeSpecOf } from './feedback-submission';

/** One generated asset in a request: seed 004 sends `images` with `id`, the analysed `vlt` (or `attributes`) and `quality_score`. */
export interface RequestItem {
  id: string;
  attributes: AttributeSpec | null;
  features: number[] | null;
  quality_score: number | null;
}

/** Reads the list under the first of `fields` present; 400 names the item and field at fault. */
export function requestItems(body: unknown, fields: readonly string[]): RequestItem[] {
  const raw = body as Record<string, unknown>;
  const field = fields.find((f) => raw?.[f] !== undefined) ?? fields[0]!;
  const list = raw?.[field];
  if (!Array.isArray(list) || list.length === 0) throw new BadRequestException(`"${field}" must be a non-empty array of {id, vlt | attributes, quality_score}`);
  return list.map((item: unknown, i): RequestItem => {
    const at = `${field}[${i}]`;
    if (item === null || typeof item !== 'object') throw new BadRequestException(`"${at}" must be an object`);
    const it = item as Record<string, unknown>;
    if (typeof it['id'] !== 'string' || it['id'] === '') throw new BadRequestException(`"${at}.id" must be a non-empty string`);
    const spec = it['vlt'] ?? it['attributes'];
    const features = it['features'];
    if (features !== undefined && features !== null && (!Array.isArray(features) || !features.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
      throw new BadRequestException(`"${at}.features" must be an array of finite numbers`);
    }
    const quality = it['quality_score'];
    if (quality !== undefined && quality !== null && (typeof quality !== 'number' || !(quality >= 0 && quality <= 1))) throw new BadRequestException(`"${at}.quality_score" must be a number within 0–1, got ${JSON.stringify(quality)}`);
    return {
      id: it['id'],
      attributes: spec === undefined || spec === null ? null : attributeSpecOf(spec, `${at}.${it['vlt'] !== undefined ? 'vlt' : 'attributes'}`),
      features: Array.isArray(features) ? (features as number[]) : null,
      quality_score: typeof quality === 'number' ? quality : null,
    };
  });
}
