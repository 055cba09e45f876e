// Bundles the portal's libraries into ES modules under gateway/Gateway/wwwroot/lib, with Leaflet's
// stylesheet and images. Run by the gateway's build (Gateway.csproj) after `npm ci`.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'Gateway', 'wwwroot', 'lib');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: ['charts', 'map', 'xlsx'].map(name => join(here, 'src', `${name}.js`)),
  outdir: out,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'linked',
  logLevel: 'warning',
});
cpSync(join(here, 'node_modules', 'leaflet', 'dist', 'leaflet.css'), join(out, 'leaflet.css'));
cpSync(join(here, 'node_modules', 'leaflet', 'dist', 'images'), join(out, 'images'), { recursive: true });
writeFileSync(join(out, '.built'), new Date().toISOString() + '\n');
