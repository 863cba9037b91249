import { describe, expect, it } from 'vitest';
import { SeriesCsvError, formatNabResults, parseSeriesCsv } from './series-csv';
import { pointLabels, scoreWindows } from './window-scorer';

describe('series CSV', () => {
  it('reads NAB-style timestamps as UTC and writes the results format', () => {
    const points = parseSeriesCsv('a.csv', 'timestamp,value\n2014-04-01 00:00:00,20.5\n2014-04-01 00:05:00,21\n');
    expect(points.map((p) => p.timestamp)).toEqual([Date.UTC(2014, 3, 1, 0, 0), Date.UTC(2014, 3, 1, 0, 5)]);
    expect(formatNabResults(points, [0.1, 0.9], [0, 1])).toBe('timestamp,value,anomaly_score,label\n2014-04-01 00:00:00,20.5,0.1,0\n2014-04-01 00:05:00,21,0.9,1\n');
  });

  it.each([
    ['time,value\n', /line 1, column timestamp: header must name/],
    ['timestamp,value\n2014-04-01 00:00:00,abc\n', /a.csv, line 2, column value: "abc" is not a number/],
    ['timestamp,value\nyesterday,1\n', /line 2, column timestamp: "yesterday" is not a date-time/],
    ['timestamp,value\n2014-04-01 00:05:00,1\n2014-04-01 00:00:00,1\n', /line 3, column timestamp: .* is earlier than the row before/],
  ])('refuses %j with the place of the problem', (text, message) => {
    expect(() => parseSeriesCsv('a.csv', text)).toThrow(SeriesCsvError);
    expect(() => parseSeriesCsv('a.csv', text)).toThrow(message);
  });
});

describe('scoreWindows', () => {
  it('counts detected windows, false alerts and the delay to the first alert', () => {
    const windows = [{ start: 100, end: 200 }, { start: 500, end: 600 }, { start: 900, end: 1000 }];
    const score = scoreWindows(windows, [50, 130, 150, 560, 700]);
    expect(score).toEqual({ windows: 3, detectedWindows: 2, falseAlerts: 2, recall: 2 / 3, precision: 3 / 5, meanDetectionDelayMs: (30 + 60) / 2 });
    expect(pointLabels([99, 100, 199, 200], windows)).toEqual([0, 1, 1, 0]);
  });
});
