/** One point of a univariate series: NAB's `timestamp,value` rows. */
export interface SeriesPoint {
  /** The timestamp as written in the file (NAB writes `YYYY-MM-DD hh:mm:ss`). */
  timestampText: string;
  timestamp: number;
  value: number;
}

export class SeriesCsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string,
    problem: string,
  ) {
    super(`${file}, line ${line}, column ${column}: ${problem}`);
    this.name = 'SeriesCsvError';
  }
}

/** Reads `timestamp,value` rows (header required, UTC timestamps); errors name the file, line and column. */
export function parseSeriesCsv(file: string, text: string): SeriesPoint[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const ti = header.indexOf('timestamp');
  const vi = header.indexOf('value');
  if (ti < 0 || vi < 0) throw new SeriesCsvError(file, 1, ti < 0 ? 'timestamp' : 'value', `header must name the columns "timestamp" and "value", got "${lines[0] ?? ''}"`);
  const points: SeriesPoint[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const timestampText = (cells[ti] ?? '').trim();
    const timestamp = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(timestampText) ? timestampText : `${timestampText.replace(' ', 'T')}Z`);
    if (!Number.isFinite(timestamp)) throw new SeriesCsvError(file, i + 1, 'timestamp', `"${timestampText}" is not a date-time`);
    const value = Number((cells[vi] ?? '').trim());
    if ((cells[vi] ?? '').trim() === '' || !Number.isFinite(value)) throw new SeriesCsvError(file, i + 1, 'value', `"${cells[vi] ?? ''}" is not a number`);
    const previous = points[points.length - 1];
    if (previous && timestamp < previous.timestamp) throw new SeriesCsvError(file, i + 1, 'timestamp', `${timestampText} is earlier than the row before`);
    points.push({ timestampText, timestamp, value });
  }
  return points;
}

/** NAB's results format: `timestamp,value,anomaly_score,label`. */
export function formatNabResults(points: SeriesPoint[], scores: number[], labels: number[]): string {
  const rows = points.map((p, i) => `${p.timestampText},${p.value},${scores[i]},${labels[i] ?? 0}`);
  return `timestamp,value,anomaly_score,label\n${rows.join('\n')}\n`;
}
