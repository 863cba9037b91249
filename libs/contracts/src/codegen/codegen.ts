import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { typescriptForSchema } from './avro-to-typescript';

export interface GeneratedFile {
  path: string;
  content: string;
}

const HEADER = '// Generated from schemas/*.avsc by `npm run codegen`. Do not edit.\n/* eslint-disable */\n';

/** Every generated file, keyed by its path relative to the repository root. */
export function generateContracts(repoRoot: string): GeneratedFile[] {
  const schemaDir = join(repoRoot, 'schemas');
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.avsc'))
    .sort();
  const generated = files.map((file) => {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
    return {
      path: join('libs/contracts/src/generated', `${basename(file, '.avsc')}.ts`),
      content: `${HEADER}\n${typescriptForSchema(schema)}\nexport const ${schema.name}AvroSchema = ${JSON.stringify(schema, null, 2)};\n`,
    };
  });
  const index = files.map((f) => `export * from './${basename(f, '.avsc')}';`).join('\n');
  generated.push({ path: 'libs/contracts/src/generated/index.ts', content: `${HEADER}\n${index}\n` });
  return generated;
}
