import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canReach, closedFolders, ensurePostgresCanReach, ensurePostgresUser } from './postgres-access.mjs';

const asRoot = process.getuid?.() === 0;
const hasSetfacl = spawnSync('sh', ['-c', 'command -v setfacl'], { stdio: 'ignore' }).status === 0;

test('does nothing when not started as root', () => {
  assert.deepEqual(ensurePostgresCanReach({ programs: ['/nonexistent/initdb'], folders: ['/nonexistent'] }, { isRoot: false }), []);
});

test('lets the postgres user, and no other, pass through a folder only root may enter (a checkout in the root home)', { skip: !asRoot || !hasSetfacl }, () => {
  const home = mkdtempSync(path.join(tmpdir(), 'jiaolian-home-'));
  try {
    chmodSync(home, 0o700);
    const data = path.join(home, 'checkout', '.data');
    mkdirSync(path.dirname(data), { recursive: true });
    const user = ensurePostgresUser(() => undefined);
    assert.equal(canReach(path.dirname(data), user), false);
    assert.deepEqual(closedFolders(path.dirname(data), user), [home]);
    const logs = [];

    assert.deepEqual(ensurePostgresCanReach({ programs: [], folders: [data] }, { log: (line) => logs.push(line), isRoot: true }), [home]);
    assert.equal(canReach(path.dirname(data), user), true);
    assert.match(logs.join('\n'), /could not enter .*allowed it to pass through \(ACL u:postgres:x/);
    // other users still may not enter, and the mode's other bits are untouched
    assert.equal(spawnSync('test', ['-x', home], { uid: 65534, gid: 65534 }).status, 1);
    // a second start finds nothing to change
    assert.deepEqual(ensurePostgresCanReach({ programs: [], folders: [data] }, { log: () => undefined, isRoot: true }), []);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('says exactly what to do when it cannot grant access', { skip: !asRoot }, () => {
  const home = mkdtempSync(path.join(tmpdir(), 'jiaolian-home-'));
  try {
    chmodSync(home, 0o700);
    const program = path.join(home, 'initdb');
    assert.throws(
      () => ensurePostgresCanReach({ programs: [program], folders: [] }, { log: () => undefined, isRoot: true, grant: () => false }),
      (error) => error.message.includes(`setfacl -m u:postgres:x ${home}`) && error.message.includes(`chmod o+x ${home}`)
        && error.message.includes(program),
    );
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
