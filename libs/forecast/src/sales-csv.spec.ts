import { describe, expect, it } from 'vitest';
import { SalesCsvError, dailySeries, parseSalesCsv } from './sales-csv';

const problemsOf = (text: string, maxRows?: number) => {
  try {
    parseSalesCsv('upload.csv', text, maxRows);
  } catch (err) {
    if (err instanceof SalesCsvError) return err.problems.map((p) => `${p.line}:${p.column}`);
    throw err;
  }
  return [];
};

describe('parseSalesCsv', () => {
  it("reads seed 001's columns, with optional ones empty", () => {
    const rows = parseSalesCsv('ok.csv', 'date,sales,product_id,category,region,rating,price,discount\n2025-01-01,100,P123,Electronics,North,4.5,299.99,10\n2025-01-02,120,P123,,,,,\n');
    expect(rows).toEqual([
      { day: Date.UTC(2025, 0, 1) / 86_400_000, sales: 100, product_id: 'P123', category: 'Electronics', region: 'North', rating: 4.5, price: 299.99, discount: 10 },
      { day: Date.UTC(2025, 0, 2) / 86_400_000, sales: 120, product_id: 'P123' },
    ]);
  });

  it('names the line and column of every problem, and returns nothing from a bad file', () => {
    expect(problemsOf('sales,product_id\n1,P1\n')).toEqual(['1:date']);
    expect(problemsOf('date,sales\n')).toEqual(['2:date']);
    expect(problemsOf('')).toEqual(['1:date', '1:sales']);
    expect(problemsOf('date,sales,rating,discount\n2025-02-30,1,4,0\n2025-03-01,abc,4,0\n2025-03-02,-1,4,0\n2025-03-03,1,9,0\n2025-03-04,1,4,150\n2025-03-05,1\n03/06/2025,1,4,0\n')).toEqual([
      '2:date',
      '3:sales',
      '4:sales',
      '5:rating',
      '6:discount',
      '7:rating',
      '8:date',
    ]);
    expect(problemsOf('date,sales\n2025-01-01,1\n2025-01-02,2\n2025-01-03,3\n', 2)).toEqual(['4:date']);
  });
});

describe('dailySeries', () => {
  it('groups by product (else category and region), keeps the last row of a day, and fills missing days with 0', () => {
    const rows = parseSalesCsv('s.csv', 'date,sales,product_id,discount\n2025-01-01,5,P1,0\n2025-01-03,7,P1,20\n2025-01-01,9,P1,0\n2025-01-02,1,P2,0\n');
    const series = dailySeries(rows);
    expect(series.get('P1')).toEqual({ startDay: Date.UTC(2025, 0, 1) / 86_400_000, values: [9, 0, 7], discounts: [0, 0, 0.2] });
    expect(series.get('P2')!.values).toEqual([1]);
    const bySegment = dailySeries(parseSalesCsv('s.csv', 'date,sales,category,region\n2025-01-01,5,toys,north\n'));
    expect([...bySegment.keys()]).toEqual(['toys/north']);
  });
});
