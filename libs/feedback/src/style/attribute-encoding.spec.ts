import { describe, expect, it } from 'vitest';
import type { AttributeSpec } from '#contracts';
import { AttributeEncoder, type StyleRecord } from './attribute-encoding';

const dress: AttributeSpec = {
  garment_type: 'dress',
  silhouette: 'A-line',
  neckline: 'V-neck',
  sleeve_length: 'sleeveless',
  length: 'midi',
  color_primary: 'black',
  finish: 'matte',
  style_overall: 'elegant',
  mood: 'sophisticated',
  extra: { lighting: 'soft' },
};
const skirt: StyleRecord = { garment_type: 'skirt', silhouette: 'A-line', neckline: null, sleeve_length: null, length: 'mini', color_primary: 'navy', style_overall: 'casual' };

describe('AttributeEncoder', () => {
  const encoder = AttributeEncoder.fit([dress, skirt]);

  it('learns one column per value seen, grouped by attribute, values sorted', () => {
    expect(encoder.width).toBe(13);
    expect(encoder.state().vocabulary.garment_type).toEqual(['dress', 'skirt']);
    expect(encoder.state().vocabulary.neckline).toEqual(['V-neck']);
    expect(encoder.state().vocabulary.finish).toEqual(['matte']);
    expect(encoder.column(0)).toEqual({ attribute: 'garment_type', value: 'dress' });
    expect(encoder.columnRange('color_primary')).toEqual({ start: 7, end: 9 });
  });

  it('encodes one 1 per known attribute value; null, missing and unseen values leave zeros', () => {
    const row = encoder.encode(skirt);
    expect(row.reduce((s, v) => s + v, 0)).toBe(5);
    const columns = [...row.keys()].filter((c) => row[c] === 1).map((c) => encoder.column(c).value);
    expect(columns).toEqual(['skirt', 'A-line', 'mini', 'navy', 'casual']);
    const unseen = encoder.encode({ ...dress, color_primary: 'chartreuse' });
    expect(encoder.knows('color_primary', 'chartreuse')).toBe(false);
    expect(unseen.reduce((s, v) => s + v, 0)).toBe(8);
  });

  it('decodes a row back to the most weighted value of each attribute', () => {
    expect(encoder.decode(encoder.encode(skirt))).toMatchObject({ garment_type: 'skirt', neckline: null, color_primary: 'navy', finish: null });
    const mean = encoder.encodeAll([dress, dress, skirt]);
    const centroid = Array.from({ length: encoder.width }, (_, c) => (mean.values[c]! + mean.values[encoder.width + c]! + mean.values[2 * encoder.width + c]!) / 3);
    expect(encoder.decode(centroid).garment_type).toBe('dress');
  });

  it('survives a JSON round trip of its state', () => {
    const copy = AttributeEncoder.fromState(JSON.parse(JSON.stringify(encoder.state())));
    expect(copy.encode(dress)).toEqual(encoder.encode(dress));
  });

  it('needs at least one record', () => {
    expect(() => AttributeEncoder.fit([])).toThrow(RangeError);
  });
});
