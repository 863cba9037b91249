import { describe, expect, it } from 'vitest';
import { AvroRegistryCodec } from './avro-registry.codec';
import { PoisonMessageError } from './kafka.error';

// No registry is contacted: these paths fail before any lookup.
const codec = new AvroRegistryCodec({ url: 'http://127.0.0.1:1' });

describe('AvroRegistryCodec wire format checks', () => {
  it('reads the schema id after the magic byte', () => {
    const bytes = Buffer.from([0, 0, 0, 1, 44, 9, 9]);
    expect(codec.schemaIdOf(bytes)).toBe(300);
  });

  it.each([
    ['null', null],
    ['too short', Buffer.from([0, 0, 1])],
    ['wrong magic byte', Buffer.from('{"json":"not avro"}')],
  ])('rejects %s as undecodable poison', (_, bytes) => {
    try {
      codec.schemaIdOf(bytes);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PoisonMessageError);
      expect((err as PoisonMessageError).reason).toBe('undecodable');
      expect((err as PoisonMessageError).retriable).toBe(false);
    }
  });

  it('refuses to encode for a subject it has not registered', () => {
    expect(() => codec.encode('nope-value', {})).toThrow(/No schema registered for subject nope-value/);
  });
});
