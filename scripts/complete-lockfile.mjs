// Some npm registry mirrors carry only the platform packages of the machine they serve
// (e.g. @msgpackr-extract/*-darwin-*, @unrs/resolver-binding-win32-*). `npm install` then
// leaves those optional packages out of package-lock.json, and `npm ci` refuses the lock
// as out of sync. This adds the missing optional entries with the os/cpu/libc their names
// state, exactly as npm records them on a full registry; npm skips them on other platforms.
//   node scripts/complete-lockfile.mjs && npm install   (after any `npm install` that changed the lock;
//   the second install lets npm write the lock in its own form, so a fresh clone's install changes nothing)
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpu = CPU.find((c) => parts.includes(c));
  const last = parts.at(-1);
  const libc = last === 'gnu' || last === 'gnueabihf' ? 'glibc' : last.startsWith('musl') ? 'musl' : undefined;
  return { ...(cpu ? { cpu: [cpu] } : {}), ...(os ? { os: [os] } : {}), ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const entry of Object.values(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a platform binary: leave it to npm
    // npm's own key order (version first, then alphabetical), so a later `npm install` has nothing to rewrite.
    const fields = { optional: true, ...platform };
    packages[key] = { version, ...Object.fromEntries(Object.keys(fields).sort().map((k) => [k, fields[k]])) };
    added++;
  }
}
if (added === 0) {
  console.log('complete-lockfile: nothing missing; the lock is left as npm wrote it');
  process.exit(0);
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
