import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateContracts } from './codegen';
import { typescriptForSchema } from './avro-to-typescript';

const repoRoot = resolve(__dirname, '../../../..');

describe('generated contracts', () => {
  it.each(generateContracts(repoRoot).map((f) => [f.path, f]))('%s matches schemas/ (run `npm run codegen`)', (_, file) => {
    expect(readFileSync(join(repoRoot, file.path), 'utf8')).toBe(file.content);
  });
});

describe('typescriptForSchema', () => {
  it('maps nullable unions, enums, arrays and maps', () => {
    const ts = typescriptForSchema({
      type: 'record',
      name: 'Thing',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'maybe', type: ['null', 'double'] },
        { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['a', 'b'] } },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'scores', type: { type: 'map', values: 'double' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    });
    expect(ts).toContain('maybe: null | number;');
    expect(ts).toContain("export type Kind = 'a' | 'b';");
    expect(ts).toContain('tags: Array<string>;');
    expect(ts).toContain('scores: Record<string, number>;');
    expect(ts).toContain('at: number;');
  });

  it('refuses Avro types it does not know', () => {
    expect(() => typescriptForSchema({ type: 'fixed', name: 'F', size: 4 } as never)).toThrow(/Unsupported Avro type "fixed"/);
  });
});
