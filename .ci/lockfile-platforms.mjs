// Adds the lock-file entries of platform-specific optional packages that this machine's npm
// registry does not serve (e.g. @rollup/rollup-darwin-arm64). npm then leaves them out of
// package-lock.json, and `npm ci` refuses the lock as "out of sync". An entry with the right
// os/cpu/libc is what npm itself writes; npm skips such packages on other platforms, so nothing
// is ever downloaded for them here. Run it after `npm install` changes the lock file:
//   node .ci/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openbsd: 'openbsd', openharmony: 'openharmony', win32: 'win32' };
const CPU = { arm: 'arm', 'arm-eabi': 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' };

/** "@rollup/rollup-linux-arm-musleabihf" → { os: linux, cpu: arm, libc: musl } */
function platformOf(name) {
  const m = name.match(/-(android|darwin|freebsd|linux|openbsd|openharmony|win32)-([a-z0-9]+?)(?:-(eabi|gnueabihf|musleabihf|gnu|musl|msvc))?$/);
  if (!m) return undefined;
  const [, os, arch, abi] = m;
  const cpu = CPU[abi === 'eabi' ? 'arm-eabi' : arch];
  if (!cpu) return undefined;
  const libc = os !== 'linux' ? undefined : abi === 'gnu' || abi === 'gnueabihf' ? 'glibc' : abi === 'musl' || abi === 'musleabihf' ? 'musl' : undefined;
  return { os: OS[os], cpu, libc };
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue;
    const p = platformOf(dep);
    if (!p) continue;
    lock.packages[key] = {
      version,
      cpu: [p.cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(p.libc ? { libc: [p.libc] } : {}),
      license: entry.license ?? 'MIT',
      optional: true,
      os: [p.os],
    };
    added.push(`${dep}@${version}`);
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} platform entries: ${added.join(', ')}` : 'lock file already complete');
