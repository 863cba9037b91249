/**
 * npm run bench:feedback — on one core: reward model updates per second with the hashing
 * featurizer (target ≥ 20k/s), prompt optimisation latency (p50/p99), DPP selection of 10 of 1,000
 * candidates, and Gaussian mixture fitting (BIC over 3–7 modes) on 10k attribute records. JSON on
 * stdout, progress on stderr.
 */
import type { Feedback } from '#contracts';
import { FeedbackSource, Random, fashionPrompt, randomAttributeSpec, type TrafficEvent } from '#generator';
import { FeedbackRewardModel, createStyleProfile, optimizePrompt, scoreEach, selectDiverse } from '../src';

const progress = (m: string) => process.stderr.write(`[bench:feedback] ${m}\n`);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function rewardUpdates(): { events: number; seconds: number; perSecond: number; model: FeedbackRewardModel } {
  const source = new FeedbackSource({ seed: 3, userIds: Array.from({ length: 500 }, (_, i) => `u${i}`), feedbackPerSecond: 200 });
  const out: TrafficEvent[] = [];
  for (let t = 0; out.length < 200_000; t += 60_000) source.emit(t, t + 60_000, out);
  const events = out.map((e) => e.value as Feedback);
  const model = FeedbackRewardModel.create();
  const started = performance.now();
  for (const e of events) model.learn(e);
  const seconds = (performance.now() - started) / 1000;
  return { events: events.length, seconds, perSecond: events.length / seconds, model };
}

async function promptLatency(model: FeedbackRewardModel): Promise<{ runs: number; p50Ms: number; p99Ms: number }> {
  const rng = Random.derive(11, 'bench-prompts');
  const times: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const spec = randomAttributeSpec(rng);
    const basePrompt = fashionPrompt(spec, rng);
    const started = performance.now();
    await optimizePrompt({ basePrompt, spec }, scoreEach((prompt, s) => model.score(`u${i % 500}`, { prompt, attributes: s, quality_score: null })));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99) };
}

function dppSelection(): { candidates: number; k: number; p50Ms: number; maxMs: number } {
  const rng = Random.derive(12, 'bench-dpp');
  const times: number[] = [];
  for (let run = 0; run < 20; run++) {
    const items = Array.from({ length: 1_000 }, (_, i) => ({ id: `a${i}`, attributes: randomAttributeSpec(rng), quality_score: rng.uniform(0.2, 1) }));
    const started = performance.now();
    selectDiverse(items, { targetCount: 10 });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { candidates: 1_000, k: 10, p50Ms: quantile(times, 0.5), maxMs: times[times.length - 1]! };
}

function gmmFit(): { records: number; seconds: number; chosenK: number } {
  const rng = Random.derive(13, 'bench-gmm');
  const records = Array.from({ length: 10_000 }, () => randomAttributeSpec(rng));
  const started = performance.now();
  // One-hot encoding, PCA, and a mixture per k in 3–7 with BIC choosing: a whole style profile.
  const profile = createStyleProfile('bench', records, { seed: 1 });
  return { records: records.length, seconds: (performance.now() - started) / 1000, chosenK: profile.n_clusters };
}

async function main(): Promise<void> {
  progress('reward model: 200k feedback events from 500 simulated users');
  const reward = rewardUpdates();
  progress('prompt optimisation: 2,000 requests');
  const prompt = await promptLatency(reward.model);
  progress('DPP: 10 of 1,000 candidates, 20 runs');
  const dpp = dppSelection();
  progress('Gaussian mixture: 10k records, 3–7 modes by BIC');
  const gmm = gmmFit();
  process.stdout.write(
    `${JSON.stringify(
      {
        rewardUpdates: { events: reward.events, seconds: Number(reward.seconds.toFixed(2)), perSecond: Math.round(reward.perSecond), targetPerSecond: 20_000 },
        promptOptimisation: { ...prompt, p50Ms: Number(prompt.p50Ms.toFixed(2)), p99Ms: Number(prompt.p99Ms.toFixed(2)) },
        dppSelection: { ...dpp, p50Ms: Number(dpp.p50Ms.toFixed(2)), maxMs: Number(dpp.maxMs.toFixed(2)) },
        gmmFit: { ...gmm, seconds: Number(gmm.seconds.toFixed(2)) },
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((err: unknown) => {
  console.error('bench:feedback failed:', err);
  process.exit(1);
});
