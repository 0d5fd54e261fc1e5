// Finds the external programs the stack needs and installs them where it safely can
// (Debian/Ubuntu as root, or with password-less sudo); otherwise explains how to install them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { platform } from 'node:os';

const NATS_CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server', '/opt/homebrew/bin/nats-server'];
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

function which(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() ? result.stdout.trim() : undefined;
}

export function findNatsServer() {
  const configured = process.env.NATS_SERVER_BIN;
  if (configured) return existsSync(configured) ? configured : undefined;
  return NATS_CANDIDATES.find((candidate) => existsSync(candidate)) ?? which('nats-server');
}

export function findChromium() {
  const configured = process.env.CHROMIUM_PATH ?? process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (configured) return existsSync(configured) ? configured : undefined;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? which('chromium') ?? which('chromium-browser');
}

export function isDebianLike() {
  if (platform() !== 'linux' || !existsSync('/etc/os-release')) return false;
  const release = readFileSync('/etc/os-release', 'utf8');
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release) && Boolean(which('apt-get'));
}

/** How to install `what` (nats-server | chromium) on this kind of machine, for an error message. */
export function installHint(what) {
  const apt = what === 'chromium' ? 'chromium' : 'nats-server';
  const brew = what === 'chromium' ? 'brew install --cask chromium' : 'brew install nats-server';
  const other = what === 'chromium'
    ? 'install Chromium or Google Chrome and set CHROMIUM_PATH to its executable'
    : "download nats-server 2.9 or newer from the nats-server project's GitHub releases page, put it on PATH (or set NATS_SERVER_BIN)";
  return [
    `  Debian/Ubuntu:  sudo apt-get install -y ${apt}`,
    `  macOS:          ${brew}`,
    `  other systems:  ${other}`,
  ].join('\n');
}

/** apt-get install as root, or through sudo when it needs no password; false when neither is possible. */
export function aptInstall(packages, log = console.log) {
  if (!isDebianLike()) return false;
  const root = process.getuid?.() === 0;
  const sudo = !root && which('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) return false;
  const run = (args) => {
    const [command, rest] = root ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]];
    return spawnSync(command, rest, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  };
  log(`installing ${packages.join(', ')} with apt-get${root ? '' : ' (sudo)'} ...`);
  if (run(['install', '-y', '-q', ...packages])) return true;
  // A fresh machine may have no package lists yet.
  return run(['update', '-q']) && run(['install', '-y', '-q', ...packages]);
}

/** The nats-server executable, installed now if possible; throws with install instructions if not. */
export function ensureNatsServer(log = console.log) {
  const found = findNatsServer();
  if (found) return found;
  if (!process.env.NATS_SERVER_BIN && aptInstall(['nats-server'], log)) {
    const installed = findNatsServer();
    if (installed) return installed;
  }
  throw new PrerequisiteError(`nats-server (NATS with JetStream) is required and is not installed.\n${installHint('nats-server')}`);
}

export class PrerequisiteError extends Error {}
