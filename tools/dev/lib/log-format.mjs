// Turns the JSON log lines the apps write (pino) into short readable lines for a terminal,
// prefixed with the process name in its own colour. Non-JSON lines pass through unchanged.

const COLOURS = [36, 35, 33, 32, 34, 96, 95, 93, 92, 94];
const LEVELS = { 10: ['TRACE', 90], 20: ['DEBUG', 90], 30: ['INFO ', 32], 40: ['WARN ', 33], 50: ['ERROR', 31], 60: ['FATAL', 41] };
const HIDDEN_KEYS = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'v', 'context']);

export function useColour(stream = process.stdout) {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function paint(text, code, colour) {
  return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function colourFor(index) {
  return COLOURS[index % COLOURS.length];
}

/** `name | ` padded to `width`, in the process's colour. */
export function prefix(name, width, code, colour) {
  return paint(`${name.padEnd(width)} |`, code, colour);
}

/** One log line, made readable: `12:00:01 INFO  message key=value ...`. */
export function formatLogLine(line, colour = false) {
  const trimmed = line.trimEnd();
  if (!trimmed.startsWith('{')) return trimmed;
  let entry;
  try {
    entry = JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
  if (!entry || typeof entry !== 'object') return trimmed;
  const [label, code] = LEVELS[entry.level] ?? [String(entry.level ?? '').toUpperCase().padEnd(5), 0];
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '';
  const extras = [];
  for (const [key, value] of Object.entries(entry)) {
    if (HIDDEN_KEYS.has(key) || value === undefined || value === null) continue;
    if (key === 'err' && value && typeof value === 'object') {
      extras.push(`err=${value.message ?? JSON.stringify(value)}${value.stack ? `\n${value.stack}` : ''}`);
      continue;
    }
    extras.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  const context = entry.context ? `[${entry.context}] ` : '';
  const message = `${context}${entry.msg ?? ''}${extras.length ? ` ${paint(extras.join(' '), 90, colour)}` : ''}`;
  return `${paint(time, 90, colour)} ${paint(label, code, colour)} ${message}`.trim();
}
