import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import { PoisonMessageError, TransientError } from './kafka.error';

const MAGIC_BYTE = 0;
const HEADER_BYTES = 5;

export interface RegistryOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
}

interface WriterEntry {
  readonly writer: avro.Type;
  /** Writer → reader resolvers, built once per reader; null when the reader is the writer's schema. */
  readonly resolvers: Map<avro.Type, avro.Resolver | null>;
}

function registryStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Confluent wire format (magic byte, 4-byte schema id, Avro body) over a Confluent-compatible
 * registry. Schemas are fetched once per id; encoding and decoding are synchronous after that,
 * which matters at 100k events/s.
 */
export class AvroRegistryCodec {
  private readonly registry: SchemaRegistry;
  private readonly writers = new Map<number, WriterEntry>();
  private readonly subjects = new Map<string, { id: number; type: avro.Type }>();

  constructor(options: RegistryOptions) {
    const auth = options.username ? { username: options.username, password: options.password ?? '' } : undefined;
    this.registry = new SchemaRegistry({ host: options.url, auth, retry: { retries: 2 } });
  }

  /** Registers `schema` under `subject` (BACKWARD compatibility) and keeps it as that subject's writer. */
  async register(subject: string, schema: object): Promise<number> {
    try {
      const { id } = await this.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject });
      this.subjects.set(subject, { id, type: avro.Type.forSchema(schema as avro.Schema) });
      return id;
    } catch (err) {
      const status = registryStatus(err);
      if (status === 409 || status === 422) throw new PoisonMessageError('incompatible-schema', `Registry refused schema for ${subject}: ${(err as Error).message}`, { cause: err });
      throw new TransientError(`Schema registry unavailable registering ${subject}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Encodes `value` with the schema registered for `subject`; throws if the value does not fit it. */
  encode(subject: string, value: unknown): Buffer {
    const entry = this.subjects.get(subject);
    if (!entry) throw new Error(`No schema registered for subject ${subject}; call register() at start-up`);
    const body = entry.type.toBuffer(value);
    const out = Buffer.allocUnsafe(HEADER_BYTES + body.length);
    out.writeUInt8(MAGIC_BYTE, 0);
    out.writeInt32BE(entry.id, 1);
    body.copy(out, HEADER_BYTES);
    return out;
  }

  /** Reads the schema id, failing with a poison error if the bytes are not in wire format. */
  schemaIdOf(message: Buffer | null): number {
    if (!message || message.length < HEADER_BYTES) throw new PoisonMessageError('undecodable', `Message of ${message?.length ?? 0} bytes is too short for the Confluent wire format`);
    if (message.readUInt8(0) !== MAGIC_BYTE) throw new PoisonMessageError('undecodable', `Message does not start with the Confluent magic byte (got 0x${message.readUInt8(0).toString(16)})`);
    return message.readInt32BE(1);
  }

  /** Makes sure every schema id in `ids` is cached, so `decode` can run synchronously. */
  async prefetch(ids: Iterable<number>): Promise<Map<number, PoisonMessageError>> {
    const failures = new Map<number, PoisonMessageError>();
    for (const id of ids) {
      if (this.writers.has(id)) continue;
      try {
        const schema = await this.registry.getSchema(id);
        this.writers.set(id, { writer: schema as unknown as avro.Type, resolvers: new Map() });
      } catch (err) {
        const status = registryStatus(err);
        if (status === 404 || status === 422) {
          failures.set(id, new PoisonMessageError('unknown-schema', `Schema id ${id} is not known to the registry`, { cause: err }));
        } else {
          throw new TransientError(`Schema registry unavailable fetching id ${id}: ${(err as Error).message}`, { cause: err });
        }
      }
    }
    return failures;
  }

  /** Decodes into the reader's shape (`reader`), resolving from the writer schema when they differ. */
  decode(message: Buffer, reader: avro.Type): unknown {
    const id = this.schemaIdOf(message);
    const entry = this.writers.get(id);
    if (!entry) throw new Error(`Schema id ${id} was not prefetched`);
    let resolver = entry.resolvers.get(reader);
    if (resolver === undefined) {
      try {
        resolver = reader.equals(entry.writer) ? null : reader.createResolver(entry.writer);
      } catch (err) {
        throw new PoisonMessageError('incompatible-schema', `Writer schema ${id} cannot be read as ${reader.name ?? 'reader schema'}: ${(err as Error).message}`, { cause: err });
      }
      entry.resolvers.set(reader, resolver);
    }
    try {
      return reader.fromBuffer(message.subarray(HEADER_BYTES), resolver ?? undefined, false);
    } catch (err) {
      throw new PoisonMessageError('undecodable', `Avro body does not match schema id ${id}: ${(err as Error).message}`, { cause: err });
    }
  }
}
