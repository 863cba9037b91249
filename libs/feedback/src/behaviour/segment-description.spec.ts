import { describe, expect, it } from 'vitest';
import { describeSegment, ratiosToAverage, segmentLabel } from './segment-description';

describe('segment description', () => {
  it('names segments by their most unusual counts', () => {
    expect(segmentLabel({ logins: 1.8, purchases: 3.1, cart_adds: 1.2, favourites: 1 })).toBe('frequent buyers');
    expect(segmentLabel({ logins: 1.2, purchases: 0.4, cart_adds: 2.5, favourites: 1 })).toBe('cart abandoners');
    expect(segmentLabel({ logins: 1.2, purchases: 0.6, cart_adds: 1, favourites: 3 })).toBe('wishlisters');
    expect(segmentLabel({ logins: 2, purchases: 0.5, cart_adds: 1, favourites: 1 })).toBe('window shoppers');
    expect(segmentLabel({ logins: 0.1, purchases: 0, cart_adds: 0.2, favourites: 0.1 })).toBe('dormant users');
    expect(segmentLabel({ logins: 0.5, purchases: 0.3, cart_adds: 0.6, favourites: 0.9 })).toBe('occasional users');
    expect(segmentLabel({ logins: 1.1, purchases: 0.9, cart_adds: 1, favourites: 1.2 })).toBe('typical users');
  });

  it('writes the ratios, the furthest from average first', () => {
    expect(describeSegment({ logins: 1.8, purchases: 3.1, cart_adds: 1.1, favourites: 0.5 })).toBe(
      'frequent buyers: purchases 3.1× average, favourites 0.50×, logins 1.8×',
    );
    expect(describeSegment({ logins: 1, purchases: 1, cart_adds: 1, favourites: 1 })).toBe('typical users: close to average on every count');
  });

  it('treats a count nobody has as average rather than dividing by zero', () => {
    expect(ratiosToAverage({ logins: 4, purchases: 0, cart_adds: 2, favourites: 0 }, { logins: 2, purchases: 0, cart_adds: 4, favourites: 1 })).toEqual({
      logins: 2,
      purchases: 1,
      cart_adds: 0.5,
      favourites: 0,
    });
  });
});
