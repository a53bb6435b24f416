// `npm run bench`: one JSON line per figure. Add new benches to the list below.
import { cryptoBenches } from './crypto';
import { fileBenches } from './files';
import { growthBenches } from './growth';
import type { Bench } from './harness';
import { inboxBenches } from './inbox';
import { loadBenches } from './load';
import { submitPathBenches } from './submit-path';

const benches: Bench[] = [
  ...cryptoBenches,
  ...fileBenches,
  ...inboxBenches,
  ...growthBenches,
  ...loadBenches,
  ...submitPathBenches
];

const only = process.argv.slice(2);
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  for (const figure of await bench.run()) {
    console.log(JSON.stringify({ bench: bench.name, ...figure, node: process.version }));
  }
}
