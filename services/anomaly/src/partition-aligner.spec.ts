import { describe, expect, it } from 'vitest';
import { PartitionAligner } from './partition-aligner';

function harness(maxSkewMs = 60_000) {
  const calls: string[] = [];
  const aligner = new PartitionAligner({ pause: (t, p) => calls.push(`pause ${t}/${p}`), resume: (t, p) => calls.push(`resume ${t}/${p}`) }, maxSkewMs);
  return { aligner, calls };
}

describe('PartitionAligner', () => {
  it('pauses a partition that runs ahead of the slowest one with a backlog, and resumes it once that one catches up in time', () => {
    const { aligner, calls } = harness();
    aligner.observe('t', 0, 1_000, false);
    aligner.observe('t', 1, 30_000, false);
    expect(calls).toEqual([]);
    aligner.observe('t', 1, 200_000, false);
    expect(calls).toEqual(['pause t/1']);
    expect(aligner.pausedPartitions).toBe(1);
    aligner.observe('t', 0, 100_000, false); // 100 s behind: still paused
    expect(calls).toEqual(['pause t/1']);
    aligner.observe('t', 0, 150_000, false);
    expect(calls).toEqual(['pause t/1', 'resume t/1']);
  });

  it('does not let a caught-up partition hold the others back', () => {
    const { aligner, calls } = harness();
    aligner.observe('t', 0, 1_000, false);
    aligner.observe('t', 1, 500_000, false);
    expect(calls).toEqual(['pause t/1']);
    aligner.observe('t', 0, 2_000, true); // partition 0 has nothing more to give
    expect(calls).toEqual(['pause t/1', 'resume t/1']);
  });

  it('never pauses live traffic, where every batch reaches the end of its partition', () => {
    const { aligner, calls } = harness();
    for (let i = 0; i < 10; i++) {
      aligner.observe('t', 0, i * 1000, true);
      aligner.observe('t', 1, i * 1000 + 900_000, true);
    }
    expect(calls).toEqual([]);
  });
});
