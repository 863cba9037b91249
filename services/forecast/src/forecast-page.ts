import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let page: string | undefined;

/** The page's HTML, services/forecast/public/index.html, found from the source tree or from dist/. */
export function forecastPage(): string {
  const fromSource = join(__dirname, '..', 'public', 'index.html');
  const fromDist = join(__dirname, '..', '..', '..', '..', 'services', 'forecast', 'public', 'index.html');
  page ??= readFileSync(existsSync(fromSource) ? fromSource : fromDist, 'utf8');
  return page;
}
