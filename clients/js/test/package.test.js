// `npm pack` makes the package a user installs: the tarball holds the sources and the declarations and nothing
// else, and a project that installs it imports `connect` by the package's name through its `exports`.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const HERE = new URL('..', import.meta.url).pathname;
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack makes an installable package that exports connect and its types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pack-'));
  try {
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], HERE));
    const files = packed.files.map((file) => file.path).sort();
    assert.ok(files.includes('index.d.ts') && files.includes('src/index.js') && files.includes('src/client.js'), files.join());
    assert.deepEqual(files.filter((path) => !/^(src\/[\w-]+\.js|index\.d\.ts|package\.json|README\.md)$/.test(path)), []);

    const project = join(dir, 'app');
    execFileSync('mkdir', [project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], project);
    const imported = execFileSync('node', ['--input-type=module', '-e',
      "import { connect, SwitchboardError } from '@switchboard/client'; console.log(typeof connect, typeof SwitchboardError)"],
    { cwd: project, encoding: 'utf8' });
    assert.equal(imported.trim(), 'function function');
    const types = readFileSync(join(project, 'node_modules/@switchboard/client/index.d.ts'), 'utf8');
    assert.match(types, /export function connect\(options: ConnectOptions\): SwitchboardClient;/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
