/**
 * npm run anomaly:nab -- --input DIR --output DIR [--windows combined_windows.json] [--threshold T]
 *
 * Scores every `timestamp,value` CSV under DIR with the same detector the anomaly service uses and
 * writes Numenta Anomaly Benchmark results (`timestamp,value,anomaly_score,label`) under the output
 * folder as `<category>/pulse_<file>`. With NAB's combined windows (labels), prints per-file and
 * total window recall, precision and detection delay at the alert threshold as JSON.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { formatNabResults, parseSeriesCsv, pointLabels, scoreSeries, scoreWindows, type LabelWindow, type WindowScore } from '../src';

type FileResult = { file: string; points: number; pointsPerSecond: number; alerts: number } & Partial<WindowScore>;

function csvFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? csvFiles(path) : name.endsWith('.csv') ? [path] : [];
  });
}

function readWindows(file: string | undefined): Record<string, LabelWindow[]> {
  if (!file) return {};
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, [string, string][]>;
  const utc = (text: string) => Date.parse(/[zZ]$/.test(text) ? text : `${text.replace(' ', 'T').replace(/\.\d+$/, '')}Z`);
  return Object.fromEntries(Object.entries(raw).map(([name, windows]) => [name, windows.map(([start, end]) => ({ start: utc(start), end: utc(end) + 1 }))]));
}

function main(): void {
  const { values } = parseArgs({ options: { input: { type: 'string' }, output: { type: 'string' }, windows: { type: 'string' }, threshold: { type: 'string' } } });
  if (!values.input || !values.output) {
    process.stderr.write('usage: npm run anomaly:nab -- --input DIR --output DIR [--windows combined_windows.json] [--threshold 0.99999]\n');
    process.exit(2);
  }
  const threshold = Number(values.threshold ?? 0.99999);
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`--threshold must be in (0, 1], got ${values.threshold}`);
  const windows = readWindows(values.windows);
  const perFile: FileResult[] = [];
  for (const file of csvFiles(values.input)) {
    const name = relative(values.input, file);
    const points = parseSeriesCsv(name, readFileSync(file, 'utf8'));
    const started = performance.now();
    const scores = scoreSeries(points);
    const seconds = (performance.now() - started) / 1000;
    const labelled = windows[name] ?? [];
    const target = join(values.output, dirname(name), `pulse_${name.split('/').pop()}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, formatNabResults(points, scores, pointLabels(points.map((p) => p.timestamp), labelled)));
    const alerts = points.filter((_, i) => scores[i]! >= threshold).map((p) => p.timestamp);
    perFile.push({ file: name, points: points.length, pointsPerSecond: Math.round(points.length / Math.max(seconds, 1e-9)), alerts: alerts.length, ...(values.windows ? scoreWindows(labelled, alerts) : {}) });
    process.stderr.write(`[anomaly:nab] ${name}: ${points.length} points, ${alerts.length} alerts\n`);
  }
  const sum = (key: 'windows' | 'detectedWindows' | 'falseAlerts' | 'alerts' | 'points') => perFile.reduce((n, f) => n + (f[key] ?? 0), 0);
  const totals = values.windows
    ? { windows: sum('windows'), detectedWindows: sum('detectedWindows'), recall: sum('detectedWindows') / Math.max(1, sum('windows')), falseAlerts: sum('falseAlerts'), alerts: sum('alerts'), points: sum('points') }
    : { alerts: sum('alerts'), points: sum('points') };
  process.stdout.write(`${JSON.stringify({ detector: 'pulse seasonal baseline + anomaly likelihood', threshold, totals, files: perFile }, null, 2)}\n`);
}

main();
