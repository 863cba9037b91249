import { describe, expect, it } from 'vitest';
import { historyAdjustments } from './history-adjustments';
import { parsePhrases } from './prompt-phrases';

const BASE = parsePhrases('high fashion photography, bold dramatic black satin sheath dress, V-neck, soft gray backdrop, studio lighting, full body');

describe('historyAdjustments', () => {
  const history = [
    { prompt: 'studio quality, casual navy cotton top, neon accent light, moody film grain, white seamless background', liked: true },
    { prompt: 'editorial fashion photograph, red slip dress, Moody Film Grain, walking shot, straight on', liked: true },
    { prompt: 'professional product shot, ivory wrap dress, walking shot, soft gray backdrop, full body', liked: false },
    { prompt: 'bold dramatic black satin sheath dress, soft gray backdrop', liked: false },
  ];

  it('learns styling phrases liked and never disliked, most liked first', () => {
    const { learned } = historyAdjustments(history, BASE, 10);
    expect(learned.map((a) => a.text)).toEqual(['moody film grain', 'editorial fashion photograph', 'neon accent light', 'straight on', 'studio quality']);
    expect(learned[0]).toEqual({ group: 'style', action: 'added', text: 'moody film grain', reason: 'learned from your likes: in 2 liked prompts and no disliked one' });
    expect(learned[2]).toMatchObject({ group: 'lighting', action: 'replaced', replaced: 'studio lighting' });
    expect(historyAdjustments(history, BASE, 2).learned).toHaveLength(2);
  });

  it('removes styling phrases of the base that only disliked prompts had, never the description', () => {
    const { shunned } = historyAdjustments(history, BASE, 10);
    expect(shunned).toEqual([
      { group: 'background', action: 'removed', text: 'soft gray backdrop', reason: 'learned from your dislikes: in 2 disliked prompts and no liked one' },
      { group: 'composition', action: 'removed', text: 'full body', reason: 'learned from your dislikes: in 1 disliked prompt and no liked one' },
    ]);
  });

  it('learns nothing from no history', () => {
    expect(historyAdjustments([], BASE, 5)).toEqual({ learned: [], shunned: [] });
  });
});
