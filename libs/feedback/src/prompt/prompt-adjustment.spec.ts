import { describe, expect, it } from 'vitest';
import { applyAdjustments, describeAdjustment, type PromptAdjustment } from './prompt-adjustment';
import { joinPhrases, parsePhrases } from './prompt-phrases';

const BASE = parsePhrases('high fashion photography, bold dramatic black satin sheath dress, V-neck, studio lighting, full body, clean minimal background');

describe('parsePhrases', () => {
  it('trims, collapses spaces and drops empty and repeated phrases', () => {
    expect(parsePhrases(' studio quality ,  black   dress,, Studio Quality, ')).toEqual(['studio quality', 'black dress']);
  });
});

describe('applyAdjustments', () => {
  it('puts an added phrase where its role belongs in the prompt', () => {
    const adjustments: PromptAdjustment[] = [
      { group: 'finishing', action: 'added', text: 'sharp focus', reason: 'r' },
      { group: 'lighting', action: 'added', text: 'deep shadows', reason: 'r' },
      { group: 'quality', action: 'added', text: '8k resolution', reason: 'r' },
      { group: 'profile', action: 'added', text: 'black colour palette', reason: 'r' },
    ];
    expect(joinPhrases(applyAdjustments(BASE, adjustments).phrases)).toBe(
      'high fashion photography, 8k resolution, bold dramatic black satin sheath dress, V-neck, black colour palette, studio lighting, deep shadows, full body, clean minimal background, sharp focus',
    );
  });

  it('replaces and removes in place, and skips edits that no longer apply', () => {
    const adjustments: PromptAdjustment[] = [
      { group: 'lighting', action: 'replaced', text: 'dramatic side lighting', replaced: 'studio lighting', reason: 'r' },
      { group: 'lighting', action: 'replaced', text: 'deep shadows', replaced: 'studio lighting', reason: 'gone' },
      { group: 'composition', action: 'added', text: 'Full Body', reason: 'present' },
      { group: 'background', action: 'removed', text: 'clean minimal background', reason: 'r' },
      { group: 'background', action: 'removed', text: 'clean minimal background', reason: 'gone' },
    ];
    const { phrases, applied } = applyAdjustments(BASE, adjustments);
    expect(joinPhrases(phrases)).toBe('high fashion photography, bold dramatic black satin sheath dress, V-neck, dramatic side lighting, full body');
    expect(applied.map((a) => a.reason)).toEqual(['r', 'r']);
    expect(BASE).toHaveLength(6);
  });

  it('explains each edit in words', () => {
    expect(describeAdjustment({ group: 'lighting', action: 'replaced', text: 'deep shadows', replaced: 'studio lighting', reason: 'lighting matched to the dramatic style' })).toBe(
      'replaced "studio lighting" with "deep shadows": lighting matched to the dramatic style',
    );
  });
});
