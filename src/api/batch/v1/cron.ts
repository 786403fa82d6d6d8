// Cron schedules as the CronJob API and controller read them (robfig/cron v3's ParseStandard):
// five fields "minute hour day-of-month month day-of-week" with lists, ranges, steps, month and
// weekday names and "?", the descriptors @yearly/@annually/@monthly/@weekly/@daily/@midnight/
// @hourly/@every <duration>, and an optional "TZ=<zone> " or "CRON_TZ=<zone> " prefix.
// Errors carry robfig's text, which the API returns in `spec.schedule: Invalid value: …`.

export class CronParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronParseError';
  }
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1, max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A parsed field: the allowed values and whether it was written as * or ?. */
interface Field {
  values: Set<number>;
  star: boolean;
}

/** Go's strconv.Atoi error text. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 2 ** 63 - 1) {
    throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return n;
}

function mustParseInt(s: string): number {
  const n = atoi(s);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function parseIntOrName(s: string, names?: Record<string, number>): number {
  const named = names?.[s.toLowerCase()];
  return named !== undefined ? named : mustParseInt(s);
}

function getRange(expr: string, r: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (single) end = r.max; // "N/step" means "N-max/step"
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) into.values.add(v);
  if (star) into.star = true;
}

function getField(text: string, r: Bounds): Field {
  const f: Field = { values: new Set(), star: false };
  for (const expr of text.split(',').filter((e) => e !== '')) getRange(expr, r, f);
  return f;
}

const all = (r: Bounds): Field => ({ values: new Set(Array.from({ length: r.max - r.min + 1 }, (_, i) => r.min + i)), star: true });
const one = (v: number): Field => ({ values: new Set([v]), star: false });

/** A schedule that computes its next activation. */
export interface CronSchedule {
  /** The first activation strictly after `after` (whole seconds), or undefined when none within five years. */
  next(after: Date): Date | undefined;
  /** The time zone the fields are read in ('UTC' unless given). */
  readonly timeZone: string;
}

// ---- time zones -------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * time.LoadLocation's verdict on a zone name: undefined when known, else Go's error text
 * ("unknown time zone X"). Names are case-sensitive as on Linux; "Local" is known.
 */
export function timeZoneError(tz: string): string | undefined {
  if (tz === '' || tz === 'UTC' || tz === 'Local') return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
    // Intl ignores case; the zoneinfo files do not
    if (resolved.toLowerCase() === tz.toLowerCase() && resolved !== tz) return `unknown time zone ${tz}`;
    return undefined;
  } catch {
    return `unknown time zone ${tz}`;
  }
}

/** The wall-clock fields of an instant in a zone, as a UTC Date carrying those fields. */
function toWall(instant: Date, tz: string): Date {
  if (tz === 'UTC') return new Date(instant.getTime());
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
}

/** The instant whose wall clock in tz reads `wall` (the later offset wins in a gap, the earlier in an overlap). */
function fromWall(wall: Date, tz: string): Date {
  if (tz === 'UTC') return new Date(wall.getTime());
  let guess = wall.getTime();
  for (let i = 0; i < 3; i++) {
    const offset = toWall(new Date(guess), tz).getTime() - guess;
    const next = wall.getTime() - offset;
    if (next === guess) break;
    guess = next;
  }
  return new Date(guess);
}

// ---- the schedule -------------------------------------------------------------

function specSchedule(minute: Field, hour: Field, dom: Field, month: Field, dow: Field, tz: string): CronSchedule {
  const dayMatches = (t: Date): boolean => {
    const domMatch = dom.values.has(t.getUTCDate());
    const dowMatch = dow.values.has(t.getUTCDay());
    return dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  };
  return {
    timeZone: tz,
    next(after: Date): Date | undefined {
      // work on the wall clock of the zone, one field at a time from the month down
      let t = toWall(after, tz);
      t = new Date(Math.floor(t.getTime() / 1000) * 1000 + 1000);
      const yearLimit = t.getUTCFullYear() + 5;
      const set = (y: number, mo: number, d: number, h: number, mi: number) => new Date(Date.UTC(y, mo, d, h, mi, 0));
      let added = false;
      wrap: for (;;) {
        if (t.getUTCFullYear() > yearLimit) return undefined;
        while (!month.values.has(t.getUTCMonth() + 1)) {
          if (!added) { added = true; t = set(t.getUTCFullYear(), t.getUTCMonth(), 1, 0, 0); }
          t = set(t.getUTCFullYear(), t.getUTCMonth() + 1, 1, 0, 0);
          if (t.getUTCMonth() === 0) continue wrap;
        }
        while (!dayMatches(t)) {
          if (!added) { added = true; t = set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), 0, 0); }
          t = set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1, 0, 0);
          if (t.getUTCDate() === 1) continue wrap;
        }
        while (!hour.values.has(t.getUTCHours())) {
          if (!added) { added = true; t = set(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), 0); }
          t = new Date(t.getTime() + 3_600_000);
          if (t.getUTCHours() === 0) continue wrap;
        }
        while (!minute.values.has(t.getUTCMinutes())) {
          if (!added) { added = true; t = new Date(Math.floor(t.getTime() / 60_000) * 60_000); }
          t = new Date(t.getTime() + 60_000);
          if (t.getUTCMinutes() === 0) continue wrap;
        }
        // the standard parser allows only second 0
        if (t.getUTCSeconds() !== 0) {
          t = new Date(Math.floor(t.getTime() / 60_000) * 60_000 + 60_000);
          added = true;
          continue wrap;
        }
        return fromWall(t, tz);
      }
    },
  };
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

/** time.ParseDuration, in milliseconds; throws with Go's message. */
export function parseGoDuration(s: string): number {
  const quoted = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const num = /^(\d*)(\.\d*)?/.exec(rest);
    if (!num || (num[1] === '' && (num[2] ?? '').length <= 1)) throw new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${quoted}`);
    const ms = DURATION_UNITS[unit];
    if (ms === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    rest = rest.slice(unit.length);
    total += Number(num[0]) * ms;
  }
  return sign * total;
}

function everySchedule(delayMs: number, tz: string): CronSchedule {
  const delay = Math.max(1000, Math.floor(delayMs / 1000) * 1000);
  return {
    timeZone: tz,
    next: (after) => new Date(Math.floor(after.getTime() / 1000) * 1000 + delay),
  };
}

function parseDescriptor(d: string, tz: string): CronSchedule {
  switch (d) {
    case '@yearly':
    case '@annually':
      return specSchedule(one(0), one(0), one(1), one(1), all(DOW), tz);
    case '@monthly':
      return specSchedule(one(0), one(0), one(1), all(MONTHS), all(DOW), tz);
    case '@weekly':
      return specSchedule(one(0), one(0), all(DOM), all(MONTHS), one(0), tz);
    case '@daily':
    case '@midnight':
      return specSchedule(one(0), one(0), all(DOM), all(MONTHS), all(DOW), tz);
    case '@hourly':
      return specSchedule(one(0), all(HOURS), all(DOM), all(MONTHS), all(DOW), tz);
  }
  const every = '@every ';
  if (d.startsWith(every)) {
    let ms: number;
    try {
      ms = parseGoDuration(d.slice(every.length));
    } catch (e) {
      throw new CronParseError(`failed to parse duration ${d}: ${(e as Error).message}`);
    }
    return everySchedule(ms, tz);
  }
  throw new CronParseError(`unrecognized descriptor: ${d}`);
}

/**
 * cron.ParseStandard. `defaultTimeZone` is the zone used when the spec has no TZ= prefix
 * (the CronJob's spec.timeZone, else UTC). Throws CronParseError with robfig's message.
 */
export function parseCronSchedule(spec: string, defaultTimeZone = 'UTC'): CronSchedule {
  if (spec.length === 0) throw new CronParseError('empty spec string');
  let tz = defaultTimeZone;
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const i = rest.indexOf(' ');
    const eq = rest.indexOf('=');
    const zone = i < 0 ? rest.slice(eq + 1) : rest.slice(eq + 1, i);
    const err = timeZoneError(zone);
    if (err) throw new CronParseError(`provided bad location ${zone}: ${err}`);
    tz = zone === '' || zone === 'Local' ? 'UTC' : zone;
    rest = i < 0 ? '' : rest.slice(i).trim();
  }
  if (rest.startsWith('@')) return parseDescriptor(rest, tz);
  const fields = rest.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return specSchedule(
    getField(fields[0], MINUTES), getField(fields[1], HOURS), getField(fields[2], DOM),
    getField(fields[3], MONTHS), getField(fields[4], DOW), tz,
  );
}
