/**
 * npm run anomaly:eval -- [--days 3] [--rps 60] [--seed 7] [--train-hours 24]
 *
 * Our own evaluation on the generator's labelled incidents, with the anomaly service's pipeline:
 * the first days are ordinary traffic (the per-request model is trained on a sample of the first
 * `--train-hours`), the last day carries one incident of each scenario. Prints per-incident
 * detection and delay, false alerts on the incident day, and alerts on the ordinary days after
 * the first (baselines warming up), as JSON.
 */
import { parseArgs } from 'node:util';
import type { RequestLog } from '#contracts';
import { DAY_MS, HOUR_MS, createTraffic } from '#generator';
import { AnomalyPipeline, RouteOutlierModel, evaluateIncidents, type IncidentUpdate, type ScoredRequest } from '../src';

function positive(name: string, text: string | undefined, fallback: number): number {
  const value = Number(text ?? fallback);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number, got ${text}`);
  return value;
}

function main(): void {
  const { values } = parseArgs({ options: { days: { type: 'string' }, rps: { type: 'string' }, seed: { type: 'string' }, 'train-hours': { type: 'string' } } });
  const days = Math.round(positive('days', values.days, 3));
  if (days < 2) throw new Error('--days must be at least 2: ordinary days first, then the incident day');
  const rps = positive('rps', values.rps, 60);
  const seed = Math.round(positive('seed', values.seed, 7));
  const trainHours = positive('train-hours', values['train-hours'], 24);
  const start = Date.UTC(2026, 9, 5); // a Monday
  const end = start + days * DAY_MS;
  const incidentDay = { from: end - DAY_MS, to: end };
  const traffic = () => createTraffic({ seed, start, end, requestsPerSecond: rps, salesLinesPerSecond: 0, feedbackPerSecond: 0, incidents: 'all', incidentWindow: incidentDay });

  const sample: ScoredRequest[] = [];
  const trainEnd = start + trainHours * HOUR_MS;
  const stride = Math.max(1, Math.round((rps * trainHours * 3600) / 200_000));
  let seen = 0;
  for (const batch of traffic()) {
    if (batch.from >= trainEnd) break;
    for (const e of batch.events) if (e.topic === 'request-log' && seen++ % stride === 0) sample.push(e.value);
  }
  const fitStarted = performance.now();
  const outliers = RouteOutlierModel.fit(sample);
  const fitSeconds = (performance.now() - fitStarted) / 1000;
  process.stderr.write(`[anomaly:eval] per-request model: ${sample.length} requests, ${outliers.routeCount} route forests, ${fitSeconds.toFixed(1)} s\n`);

  const pipeline = new AnomalyPipeline();
  const updates: IncidentUpdate[] = [];
  let events = 0;
  const started = performance.now();
  for (const batch of traffic()) {
    if (batch.from === trainEnd) pipeline.useOutlierModel(outliers);
    for (const e of batch.events) {
      if (e.topic !== 'request-log') continue;
      events++;
      for (const u of pipeline.process(e.value as RequestLog)) updates.push(u);
    }
    if (batch.from % DAY_MS === 0 && batch.from > start) process.stderr.write(`[anomaly:eval] day ${(batch.from - start) / DAY_MS}: ${events} events, ${updates.length} updates\n`);
  }
  updates.push(...pipeline.flush());
  const seconds = (performance.now() - started) / 1000;

  const truth = traffic().groundTruth().incidents;
  const evaluation = evaluateIncidents(truth, updates.filter((u) => u.windowEnd > incidentDay.from));
  const opened = updates.filter((u) => u.status === 'open');
  const ordinaryDays = opened.filter((u) => u.windowStart >= start + DAY_MS && u.windowEnd <= incidentDay.from);
  process.stdout.write(
    `${JSON.stringify(
      {
        seed,
        days,
        requestsPerSecond: rps,
        events,
        eventsPerSecond: Math.round(events / seconds),
        incidentDay: { ...evaluation, falseAlertUpdates: undefined },
        ordinaryDaysAfterTheFirst: { days: days - 2, opened: ordinaryDays.length, bySubjectKind: countBy(ordinaryDays.map((u) => u.subjectKind)) },
        updates: countBy(updates.map((u) => u.status)),
        stats: pipeline.statistics(),
        falseAlertSamples: evaluation.falseAlertUpdates
          .slice(0, 8)
          .map((u) => ({ at: new Date(u.windowStart).toISOString(), kind: u.subjectKind, subject: u.subject, explanation: u.explanation })),
      },
      null,
      2,
    )}\n`,
  );
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

main();
