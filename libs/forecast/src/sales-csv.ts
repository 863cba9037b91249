import type { DailySeries } from './forecaster';

/** One validated row of a daily sales CSV (seed 001's columns). */
export interface SalesRow {
  /** Days since 1970-01-01 (UTC). */
  day: number;
  sales: number;
  product_id?: string;
  category?: string;
  region?: string;
  rating?: number;
  price?: number;
  /** Percent, 0–100, as seed 001's files write it. */
  discount?: number;
}

export interface CsvProblem {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  column: string;
  problem: string;
}

export class SalesCsvError extends Error {
  constructor(
    readonly file: string,
    readonly problems: CsvProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s): ${problems.slice(0, 5).map((p) => `line ${p.line}, column ${p.column}: ${p.problem}`).join('; ')}${problems.length > 5 ? '; …' : ''}`);
    this.name = 'SalesCsvError';
  }
}

const TEXT_COLUMNS = ['product_id', 'category', 'region'] as const;
const NUMBER_COLUMNS = { rating: [0, 5], price: [0, Number.POSITIVE_INFINITY], discount: [0, 100] } as const;
const MAX_PROBLEMS = 50;

/**
 * Reads a daily sales CSV: `date` (YYYY-MM-DD) and `sales` (a number ≥ 0) are required; product_id,
 * category, region, rating (0–5), price (≥ 0) and discount (0–100) are optional. Every problem is
 * reported with its line and column (up to 50), and nothing is returned unless the whole file is valid.
 */
export function parseSalesCsv(file: string, text: string, maxRows = 1_000_000): SalesRow[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const missing = ['date', 'sales'].filter((c) => !header.includes(c));
  if (lines.length === 0 || missing.length > 0) {
    throw new SalesCsvError(file, missing.map((column) => ({ line: 1, column, problem: `required column "${column}" is missing from the header "${lines[0] ?? ''}"` })));
  }
  if (lines.length === 1) throw new SalesCsvError(file, [{ line: 2, column: 'date', problem: 'the file has a header but no rows' }]);
  if (lines.length - 1 > maxRows) throw new SalesCsvError(file, [{ line: maxRows + 2, column: 'date', problem: `more than ${maxRows} rows` }]);

  const problems: CsvProblem[] = [];
  const report = (line: number, column: string, problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, column, problem });
  };
  const rows: SalesRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const cells = lines[i]!.split(',').map((c) => c.trim());
    if (cells.length !== header.length) {
      report(line, header[Math.min(cells.length, header.length - 1)]!, `expected ${header.length} values, got ${cells.length}`);
      continue;
    }
    const cell = (column: string) => cells[header.indexOf(column)];
    const row: Partial<SalesRow> = {};
    const date = cell('date')!;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) / 86_400_000 : Number.NaN;
    if (!Number.isInteger(day) || new Date(day * 86_400_000).toISOString().slice(0, 10) !== date) report(line, 'date', `"${date}" is not a date (YYYY-MM-DD)`);
    else row.day = day;
    const sales = Number(cell('sales'));
    if (cell('sales') === '' || !Number.isFinite(sales)) report(line, 'sales', `"${cell('sales')}" is not a number`);
    else if (sales < 0) report(line, 'sales', `${sales} is negative`);
    else row.sales = sales;
    for (const column of TEXT_COLUMNS) if (header.includes(column) && cell(column) !== '') row[column] = cell(column);
    for (const [column, [min, max]] of Object.entries(NUMBER_COLUMNS) as [keyof typeof NUMBER_COLUMNS, readonly [number, number]][]) {
      if (!header.includes(column) || cell(column) === '') continue;
      const value = Number(cell(column));
      if (!Number.isFinite(value)) report(line, column, `"${cell(column)}" is not a number`);
      else if (value < min || value > max) report(line, column, `${value} is outside ${min}–${max}`);
      else row[column] = value;
    }
    if (row.day !== undefined && row.sales !== undefined) rows.push(row as SalesRow);
  }
  if (problems.length > 0) throw new SalesCsvError(file, problems);
  return rows;
}

/** The series a row belongs to: its product, else its category and region, else the whole shop. */
export function seriesKeyOf(row: SalesRow): string {
  if (row.product_id) return row.product_id;
  return [row.category ?? '*', row.region ?? '*'].join('/');
}

/**
 * Daily series per key: rows of the same key and day are de-duplicated (the last wins, as a
 * re-uploaded file corrects an earlier one), missing days are 0 sales, discounts become shares.
 */
export function dailySeries(rows: readonly SalesRow[], keyOf: (row: SalesRow) => string = seriesKeyOf): Map<string, DailySeries> {
  const byKey = new Map<string, Map<number, SalesRow>>();
  for (const row of rows) {
    const key = keyOf(row);
    const days = byKey.get(key) ?? new Map<number, SalesRow>();
    days.set(row.day, row);
    byKey.set(key, days);
  }
  const series = new Map<string, DailySeries>();
  for (const [key, days] of byKey) {
    const first = Math.min(...days.keys());
    const last = Math.max(...days.keys());
    const values: number[] = [];
    const discounts: number[] = [];
    for (let d = first; d <= last; d++) {
      const row = days.get(d);
      values.push(row?.sales ?? 0);
      discounts.push((row?.discount ?? 0) / 100);
    }
    series.set(key, { startDay: first, values, discounts });
  }
  return series;
}
