import { randomBytes } from 'node:crypto';

/** A fresh namespace per test: topic prefix, consumer group and ClickHouse database never collide. */
export function uniqueNamespace(label: string): { id: string; topicPrefix: string; groupId: string; database: string } {
  const id = `${label}_${randomBytes(4).toString('hex')}`;
  return { id, topicPrefix: `${id}.`, groupId: `${id}-group`, database: `pulse_${id}` };
}
