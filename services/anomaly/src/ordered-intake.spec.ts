import { describe, expect, it } from 'vitest';
import { defaultAnomalyPipelineOptions, type IncidentUpdate, type RouteOutlierModel } from '#anomaly';
import type { RequestLog } from '#contracts';
import type { StreamBatch } from '#kafka';
import { ModelFamilies, ModelHolder } from '#models';
import type { AnomalyOutput } from './anomaly-output';
import { Detection } from './detection';
import { OrderedIntake } from './ordered-intake';
import { PartitionAligner } from './partition-aligner';

const T0 = Date.UTC(2026, 10, 2, 12);
const request = (t: number, route: string): RequestLog => ({
  event_id: `${route}-${t}`,
  event_time: T0 + t,
  service: 'web',
  route,
  method: 'GET',
  status: 200,
  response_time_ms: 50,
  request_bytes: 300,
  response_bytes: 4000,
  client_id: 'c1',
  user_id: null,
});

function batch(partition: number, firstOffset: number, times: number[], route: string, offsetLag = 10): StreamBatch<RequestLog> {
  return {
    topic: 'request-log',
    partition,
    offsetLag,
    events: times.map((t, i) => ({ value: request(t, route), key: null, partition, offset: String(firstOffset + i), timestamp: 0 })),
  };
}

function harness(sendFails = 0) {
  const processed: string[] = [];
  const detection = new Detection(defaultAnomalyPipelineOptions, undefined, new ModelHolder<RouteOutlierModel>('request-outliers', new ModelFamilies([])));
  const process = detection.process.bind(detection);
  detection.process = (events, now) => {
    processed.push(...events.map((e) => e.event.event_id));
    return process(events, now);
  };
  const sent: IncidentUpdate[][] = [];
  let failures = sendFails;
  const output = {
    emit: async (updates: IncidentUpdate[]) => {
      if (failures-- > 0) throw new Error('broker away');
      sent.push(updates);
    },
  } as unknown as AnomalyOutput;
  const paused: string[] = [];
  const aligner = new PartitionAligner({ pause: (_t, p) => paused.push(`pause ${p}`), resume: (_t, p) => paused.push(`resume ${p}`) }, 60_000);
  return { intake: new OrderedIntake(detection, output, 1000, aligner), processed, sent, paused };
}

describe('OrderedIntake', () => {
  it('scores the buffered batches of all partitions in event-time order', async () => {
    const { intake, processed } = harness();
    intake.add(batch(0, 0, [1000, 5000, 9000], '/a'));
    intake.add(batch(1, 0, [2000, 3000, 7000], '/b'));
    await intake.flush();
    expect(processed).toEqual(['/a-1000', '/b-2000', '/b-3000', '/a-5000', '/b-7000', '/a-9000']);
  });

  it('takes a batch in once when the stream server retries its handler', async () => {
    const { intake, processed } = harness();
    const first = batch(0, 40, [1000, 2000], '/a');
    intake.add(first);
    intake.add(first); // the retried call
    intake.add(batch(0, 41, [2000, 3000], '/a')); // overlaps by one offset
    await intake.flush();
    expect(processed).toEqual(['/a-1000', '/a-2000', '/a-3000']);
  });

  it('re-sends what it scored when publishing failed, instead of scoring again', async () => {
    const { intake, processed, sent } = harness(1);
    intake.add(batch(0, 0, [1000], '/a'));
    await expect(intake.flush()).rejects.toThrow('broker away');
    await intake.flush();
    expect(processed).toEqual(['/a-1000']);
    expect(sent).toHaveLength(1);
  });

  it('asks for flushes once it holds its limit', () => {
    const { intake } = harness();
    intake.add(batch(0, 0, Array.from({ length: 999 }, (_, i) => i), '/a'));
    expect(intake.shouldFlush()).toBe(false);
    intake.add(batch(0, 999, [1000], '/a'));
    expect(intake.shouldFlush()).toBe(true);
  });

  it('lets a partition that went quiet stop holding windows open, in turn with the flushes', async () => {
    const { intake } = harness();
    intake.add(batch(0, 0, Array.from({ length: 200 }, (_, i) => i * 1000), '/a', 0));
    intake.add(batch(1, 0, [10_000, 50_000], '/b', 0)); // partition 1 then says nothing more
    await intake.flush();
    const pipeline = intake['detection'].pipeline;
    const held = pipeline.statistics();
    expect(held.watermark).toBeLessThan(T0 + 60_000); // partition 1 holds it at its newest event
    await intake.advanceIdle(Date.now() + 60_000);
    const released = pipeline.statistics();
    expect(released.watermark).toBeGreaterThanOrEqual(T0 + 180_000);
    expect(released.openWindows).toBeLessThan(held.openWindows);
  });

  it('pauses a partition read far ahead of another that still has a backlog', () => {
    const { intake, paused } = harness();
    intake.add(batch(0, 0, [1000], '/a'));
    intake.add(batch(1, 0, [600_000], '/b'));
    expect(paused).toEqual(['pause 1']);
  });
});
