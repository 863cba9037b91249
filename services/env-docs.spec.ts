import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEnv } from '#config';
import { envSections } from './env-sections';

const root = resolve(__dirname, '..');
const names = envSections.flatMap(({ spec }) => describeEnv(spec).map(([name]) => name!));

describe('configuration docs (regenerate with `npm run config:docs`)', () => {
  it.each(['README.md', '.env.example'])('%s lists every environment variable', (file) => {
    const text = readFileSync(resolve(root, file), 'utf8');
    expect(names.filter((name) => !text.includes(name))).toEqual([]);
  });
});
