// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): "100m", "1.5", "512Mi", "12e6".
// Values are exact: a bigint mantissa times a power of ten, never a float. Parsing rounds
// anything finer than 1n up (away from zero), and printing follows upstream's canonical form.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const FORMAT_RE_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_FORMAT_MESSAGE = `quantities must match the regular expression '${FORMAT_RE_TEXT}'`;
const NUMERIC_MESSAGE = 'unable to parse numeric part of quantity';
const SUFFIX_MESSAGE = "unable to parse quantity's suffix";

export class QuantityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuantityParseError';
  }
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXP = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const INT64_MAX = 2n ** 63n - 1n;
const NANO = -9;

const pow10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** Divides by 10^places, rounding away from zero; reports whether nothing was lost. */
function shiftDownRoundingUp(v: bigint, places: number): { value: bigint; exact: boolean } {
  if (places <= 0) return { value: v * pow10(-places), exact: true };
  if (places > abs(v).toString().length) return { value: v === 0n ? 0n : v < 0n ? -1n : 1n, exact: v === 0n };
  const d = pow10(places);
  const q = v / d;
  const exact = v % d === 0n;
  return { value: exact ? q : q + (v < 0n ? -1n : 1n), exact };
}

/** An exact quantity: mantissa × 10^exponent, in a format that decides how it prints. */
export class Quantity {
  readonly mantissa: bigint;
  readonly exponent: number;
  readonly format: QuantityFormat;
  #text: string | undefined;

  constructor(mantissa: bigint, exponent: number, format: QuantityFormat, text?: string) {
    this.mantissa = mantissa;
    this.exponent = mantissa === 0n ? 0 : exponent;
    this.format = format;
    this.#text = text;
  }

  isZero(): boolean {
    return this.mantissa === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.mantissa === 0n ? 0 : this.mantissa < 0n ? -1 : 1;
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const sa = this.sign();
    const sb = other.sign();
    if (sa !== sb || sa === 0) return sa < sb ? -1 : sa > sb ? 1 : 0;
    // Same sign: different orders of magnitude decide without expanding huge exponents.
    const oa = abs(this.mantissa).toString().length + this.exponent;
    const ob = abs(other.mantissa).toString().length + other.exponent;
    if (oa !== ob) return (oa > ob ? sa : -sa) as -1 | 1;
    const e = Math.min(this.exponent, other.exponent);
    const a = this.mantissa * pow10(this.exponent - e);
    const b = other.mantissa * pow10(other.exponent - e);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  equals(other: Quantity): boolean {
    return this.cmp(other) === 0;
  }

  /** The sum; keeps this format unless this is zero (then the other's), as upstream's Add. */
  add(other: Quantity): Quantity {
    const e = Math.min(this.exponent, other.exponent);
    const m = this.mantissa * pow10(this.exponent - e) + other.mantissa * pow10(other.exponent - e);
    return new Quantity(m, e, this.isZero() ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return this.add(other.neg()).withFormat(this.isZero() ? other.format : this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.mantissa, this.exponent, this.format);
  }

  /** Multiplies by an integer. */
  mul(n: number | bigint): Quantity {
    return new Quantity(this.mantissa * BigInt(n), this.exponent, this.format);
  }

  withFormat(format: QuantityFormat): Quantity {
    return format === this.format ? this : new Quantity(this.mantissa, this.exponent, format);
  }

  /** ceil(q / 10^scale) with the remainder rounded away from zero, as ScaledValue(scale). */
  scaledValueBig(scale: number): bigint {
    return shiftDownRoundingUp(this.mantissa, scale - this.exponent).value;
  }

  /** Value(): the integer value, fractions rounded up (away from zero). */
  value(): number {
    return this.scaledValue(0);
  }

  /** MilliValue(): the value in thousandths, rounded up (away from zero). */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  /** ScaledValue(scale) as a number; beyond float range it is ±Infinity. */
  scaledValue(scale: number): number {
    if (this.exponent - scale > 400) return this.sign() * Infinity;
    return Number(this.scaledValueBig(scale));
  }

  /** An approximate float (AsApproximateFloat64). */
  asNumber(): number {
    return Number(`${this.mantissa}e${this.exponent}`);
  }

  /** RoundUp(scale): the quantity rounded up to a multiple of 10^scale, and whether that was exact. */
  roundUp(scale: number): { quantity: Quantity; exact: boolean } {
    if (this.exponent >= scale) return { quantity: this, exact: true };
    const r = shiftDownRoundingUp(this.mantissa, scale - this.exponent);
    return { quantity: new Quantity(r.value, scale, this.format), exact: r.exact };
  }

  /** The canonical text (or the parsed text when upstream keeps it); JSON uses the same. */
  toString(): string {
    this.#text ??= canonicalize(this.mantissa, this.exponent, this.format);
    return this.#text;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** CanonicalizeBytes: number plus suffix in the quantity's format. */
function canonicalize(mantissa: bigint, exponent: number, format: QuantityFormat): string {
  if (mantissa === 0n) return '0';
  let fmt = format;
  if (fmt === 'BinarySI') {
    const e = Math.min(exponent, 0);
    const small = abs(mantissa) * pow10(exponent - e) < 1024n * pow10(-e);
    const integral = exponent >= 0 || mantissa % pow10(-exponent) === 0n;
    if (small || !integral) fmt = 'DecimalSI';
  }
  if (fmt === 'BinarySI') {
    let v = exponent >= 0 ? mantissa * pow10(exponent) : mantissa / pow10(-exponent);
    let power = 0;
    while (v % 1024n === 0n) {
      v /= 1024n;
      power++;
    }
    // Beyond Ei upstream has no suffix and prints the bare number.
    return `${v}${BINARY_BY_POWER[power] ?? ''}`;
  }
  let m = mantissa;
  let e = exponent;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  if (fmt === 'DecimalExponent') return e === 0 ? `${m}` : `${m}e${e}`;
  // Exponents past E (or below n) have no DecimalSI suffix; upstream then prints the bare number.
  return `${m}${DECIMAL_BY_EXP.get(e) ?? ''}`;
}

interface Parts {
  negative: boolean;
  num: string;
  denom: string;
  suffix: string;
}

const SUFFIX_CHARS = 'eEinumkKMGTP';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits "-1.5Gi" into sign, integer digits (leading zeros dropped), fraction digits and suffix. */
function split(str: string): Parts {
  let i = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    i++;
  }
  while (str[i] === '0') i++;
  const numStart = i;
  while (isDigit(str[i])) i++;
  const num = str.slice(numStart, i) || '0';
  let denom = '';
  if (str[i] === '.') {
    const start = ++i;
    while (isDigit(str[i])) i++;
    denom = str.slice(start, i);
  }
  const suffixStart = i;
  while (i < str.length && SUFFIX_CHARS.includes(str[i])) i++;
  if (str[i] === '-' || str[i] === '+') i++;
  while (isDigit(str[i])) i++;
  if (i < str.length) throw new QuantityParseError(QUANTITY_FORMAT_MESSAGE);
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(s: string): { base: 2 | 10; exp: number; format: QuantityFormat } {
  if (Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIXES, s)) return { base: 10, exp: DECIMAL_SUFFIXES[s], format: 'DecimalSI' };
  if (Object.prototype.hasOwnProperty.call(BINARY_SUFFIXES, s)) return { base: 2, exp: BINARY_SUFFIXES[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?[0-9]+$/.test(s.slice(1))) {
    const exp = Number(s.slice(1));
    if (Number.isSafeInteger(exp) && Math.abs(exp) <= 2 ** 31) return { base: 10, exp, format: 'DecimalExponent' };
  }
  throw new QuantityParseError(SUFFIX_MESSAGE);
}

/**
 * ParseQuantity: "100m", "1.5Gi", "12e6", "-3", also a JSON number. Throws QuantityParseError
 * with upstream's message. Upstream keeps the input text as the printed form when it is already
 * in a canonical shape (e.g. "100m", "1Ki", "129e6"); so does this.
 */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input;
  if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_MESSAGE);
  if (str === '0') return new Quantity(0n, 0, 'DecimalSI', '0');
  const { negative, num, denom, suffix } = split(str);
  const { base, exp, format: parsedFormat } = interpretSuffix(suffix);
  const digits = num + denom;

  // Upstream's int64 fast path decides whether the input text is kept as the printed form.
  let fast = false;
  let keepText = false;
  if (base === 10) {
    fast = 18 - digits.length >= 0 && exp - denom.length >= NANO;
    keepText = fast && (exp - denom.length) % 3 === 0 && !digits.endsWith('000') && digits[0] !== '0';
  } else if (denom === '') {
    fast = 14 - num.length - (exp * 3) / 10 >= 0 && BigInt(num) << BigInt(exp) <= INT64_MAX;
    keepText = fast && (BigInt(num) & 7n) !== 0n;
  }
  if (!fast && !/[0-9]/.test(str.slice(0, str.length - suffix.length))) {
    throw new QuantityParseError(NUMERIC_MESSAGE);
  }

  let m = BigInt(digits);
  let e = -denom.length;
  if (base === 10) e += exp;
  else m <<= BigInt(exp);
  if (e < NANO) {
    m = shiftDownRoundingUp(m, NANO - e).value;
    e = NANO;
  }
  let format = parsedFormat;
  if (format === 'BinarySI') {
    // Binary amounts saturate at the largest int64; amounts below one print as decimals.
    const unit = e >= 0 ? 1n : pow10(-e);
    const whole = e >= 0 ? m * pow10(e) : m;
    if (whole > INT64_MAX * unit) {
      m = INT64_MAX;
      e = 0;
    } else if (m > 0n && whole < unit) {
      format = 'DecimalSI';
    }
  }
  return new Quantity(negative ? -m : m, e, format, keepText ? str : undefined);
}

/** Parse and print: the canonical form of a quantity string (throws QuantityParseError). */
export function canonicalQuantity(s: string | number): string {
  return parseQuantity(s).toString();
}

/** True when the text parses as a quantity. */
export function isQuantity(s: string | number): boolean {
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
}

export type QuantityLike = Quantity | string | number;

const toQ = (q: QuantityLike): Quantity => (q instanceof Quantity ? q : parseQuantity(q));

/** Compares two quantities (or their texts): -1, 0 or 1. */
export function compare(a: QuantityLike, b: QuantityLike): -1 | 0 | 1 {
  return toQ(a).cmp(toQ(b));
}

export function add(a: QuantityLike, b: QuantityLike): Quantity {
  return toQ(a).add(toQ(b));
}

export function sub(a: QuantityLike, b: QuantityLike): Quantity {
  return toQ(a).sub(toQ(b));
}

/** NewQuantity(value, format) */
export function newQuantity(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return new Quantity(BigInt(value), 0, format);
}

/** NewMilliQuantity(milli, format) */
export function newMilliQuantity(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return new Quantity(BigInt(milli), -3, format);
}

/** NewScaledQuantity(value, scale): value × 10^scale, DecimalSI. */
export function newScaledQuantity(value: number | bigint, scale: number): Quantity {
  return new Quantity(BigInt(value), scale, 'DecimalSI');
}

/** The zero quantity in a format. */
export const zeroQuantity = (format: QuantityFormat = 'DecimalSI'): Quantity => new Quantity(0n, 0, format);
