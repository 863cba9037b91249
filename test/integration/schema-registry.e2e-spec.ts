import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { allTopics, subjectOf, topics, type Sale } from '#contracts';
import { AvroRegistryCodec, PoisonMessageError, registerSchemas } from '#kafka';
import { stackEnv } from '../support/local-stack';
import { uniqueNamespace } from '../support/unique-names';

const registry = () => new AvroRegistryCodec({ url: stackEnv().schemaRegistryUrl });

const sale: Sale = {
  event_id: 'e-1',
  event_time: Date.UTC(2026, 0, 5, 12),
  product_id: 'P1',
  quantity: 2,
  unit_price: 9.5,
  discount_pct: 10,
  category: 'Books',
  region: 'North',
  order_id: null,
  user_id: 'u-7',
};

describe('schema registry contracts', () => {
  it('registers every topic schema under <topic>-value and round-trips events in the Confluent wire format', async () => {
    const { topicPrefix } = uniqueNamespace('reg');
    const codec = registry();
    const ids = await registerSchemas(codec, topicPrefix, allTopics);
    expect([...ids.keys()].sort()).toEqual(allTopics.map((t) => subjectOf(`${topicPrefix}${t.name}`)).sort());

    const subject = subjectOf(`${topicPrefix}sales`);
    const bytes = codec.encode(subject, sale);
    expect(bytes.readUInt8(0)).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(ids.get(subject));

    const reader = registry();
    await reader.prefetch([reader.schemaIdOf(bytes)]);
    expect(reader.decode(bytes, avro.Type.forSchema(topics.sales.schema as avro.Schema))).toEqual(sale);
  });

  it('gives the same id when the same schema is registered again', async () => {
    const { topicPrefix } = uniqueNamespace('reg');
    const subject = subjectOf(`${topicPrefix}sales`);
    const first = await registry().register(subject, topics.sales.schema);
    const second = await registry().register(subject, topics.sales.schema);
    expect(second).toBe(first);
  });

  it('refuses an incompatible change (new required field without default) under BACKWARD', async () => {
    const { topicPrefix } = uniqueNamespace('reg');
    const subject = subjectOf(`${topicPrefix}sales`);
    const codec = registry();
    await codec.register(subject, topics.sales.schema);
    const incompatible = {
      ...topics.sales.schema,
      fields: [...(topics.sales.schema as { fields: object[] }).fields, { name: 'warehouse', type: 'string' }],
    };
    await expect(codec.register(subject, incompatible)).rejects.toBeInstanceOf(PoisonMessageError);

    const compatible = {
      ...topics.sales.schema,
      fields: [...(topics.sales.schema as { fields: object[] }).fields, { name: 'warehouse', type: 'string', default: 'main' }],
    };
    await expect(codec.register(subject, compatible)).resolves.toBeGreaterThan(0);
  });

  it('reads events written with an older schema into the current shape', async () => {
    const { topicPrefix } = uniqueNamespace('reg');
    const subject = subjectOf(`${topicPrefix}sales`);
    const fields = (topics.sales.schema as { fields: { name: string }[] }).fields;
    const older = { ...topics.sales.schema, fields: fields.filter((f) => f.name !== 'user_id' && f.name !== 'discount_pct') };
    const writer = registry();
    await writer.register(subject, older);
    const { user_id: _u, discount_pct: _d, ...oldSale } = sale;
    const bytes = writer.encode(subject, oldSale);

    const reader = registry();
    await reader.prefetch([reader.schemaIdOf(bytes)]);
    const decoded = reader.decode(bytes, avro.Type.forSchema(topics.sales.schema as avro.Schema)) as Sale;
    expect(decoded).toEqual({ ...sale, user_id: null, discount_pct: 0 });
  });

  it('reports an unknown schema id as a poison message, not a transient failure', async () => {
    const codec = registry();
    const failures = await codec.prefetch([987_654_321]);
    expect(failures.get(987_654_321)?.reason).toBe('unknown-schema');
  });
});
