import { describe, expect, it } from 'vitest';
import { EventIdSequence, eventId, shortId } from './event-id';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('are UUID-shaped and a pure function of seed, stream and counter', () => {
    const id = eventId(42, 'sales', 7);
    expect(id).toMatch(UUID_V8);
    expect(eventId(42, 'sales', 7)).toBe(id);
    expect(eventId(43, 'sales', 7)).not.toBe(id);
    expect(eventId(42, 'request-log', 7)).not.toBe(id);
    expect(eventId(42, 'sales', 8)).not.toBe(id);
    expect(eventId(42, 'sales', 2 ** 32 + 7)).not.toBe(id);
  });

  it('match the sequence, which never repeats an id', () => {
    const sequence = new EventIdSequence(42, 'request-log');
    const ids = Array.from({ length: 200_000 }, () => sequence.next());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[12_345]).toBe(eventId(42, 'request-log', 12_345));
    expect(sequence.issued).toBe(200_000);
  });

  it('have a short prefixed form for orders and assets', () => {
    expect(shortId('o', 42, 'orders', 3)).toMatch(/^o-[0-9a-f]{12}$/);
    expect(shortId('o', 42, 'orders', 3)).toBe(shortId('o', 42, 'orders', 3));
    expect(shortId('o', 42, 'orders', 4)).not.toBe(shortId('o', 42, 'orders', 3));
  });
});
