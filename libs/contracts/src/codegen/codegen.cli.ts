import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateContracts } from './codegen';

const repoRoot = resolve(process.argv[2] ?? process.cwd());
for (const file of generateContracts(repoRoot)) {
  const target = join(repoRoot, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  process.stdout.write(`wrote ${file.path}\n`);
}
