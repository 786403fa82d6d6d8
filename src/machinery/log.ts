// Structured logs: one event = a component name, a message and key/values. Written to stderr
// as one JSON line per event ({"ts","level","component","msg",…}), or as human text when stderr
// is a terminal. Every part logs through a Logger it is given; nothing else writes free strings.
import { styleText } from 'node:util';

export type LogFields = Record<string, unknown>;
export type LogLevel = 'info' | 'error';

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** the same sink for a sub-part: component "apiserver" → "apiserver/authz" */
  child(component: string): Logger;
}

export interface LoggerOptions {
  /** where lines go (default process.stderr) */
  out?: { write(line: string): unknown; isTTY?: boolean };
  /** default: text on a terminal, json otherwise */
  format?: 'json' | 'text';
  now?: () => Date;
}

function plain(v: unknown): unknown {
  if (v instanceof Error) return v.message;
  return v;
}

function textValue(v: unknown): string {
  const p = plain(v);
  const s = typeof p === 'string' ? p : JSON.stringify(p);
  return /^[^\s"=]*$/.test(s) && s !== '' ? s : JSON.stringify(s);
}

export function createLogger(component: string, opts: LoggerOptions = {}): Logger {
  const out = opts.out ?? process.stderr;
  const format = opts.format ?? (out.isTTY ? 'text' : 'json');
  const now = opts.now ?? (() => new Date());
  const write = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    const ts = now();
    if (format === 'json') {
      const event: LogFields = { ts: ts.toISOString(), level, component, msg };
      for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(k in event)) event[k] = plain(v);
      out.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const kv = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}=${textValue(v)}`).join('');
    const tag = level === 'error' ? styleText('red', 'E') : 'I';
    out.write(`${tag} ${ts.toISOString().slice(11, 23)} ${styleText('bold', component)} ${msg}${kv}\n`);
  };
  return {
    info: (msg, fields) => write('info', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (sub) => createLogger(`${component}/${sub}`, { out, format, now }),
  };
}

/** A logger that drops everything (tests, library defaults). */
export const silentLogger: Logger = { info: () => undefined, error: () => undefined, child: () => silentLogger };
