// The one flag parser every kubets command uses, with pflag's forms and kubectl's error lines:
//   --name value   --name=value   --bool (true)   --bool=false   -h/--help
//   Error: unknown flag: --foo        Error: flag needs an argument: --data-dir
//   Error: invalid argument "x" for "--https-port" flag: <why>
// A command declares its flags once; the same table gives the --help text.

export interface FlagSpec {
  name: string;
  /** placeholder shown in --help (DIR, PORT, LIST); absent for a boolean flag */
  value?: string;
  help: string;
  /** the default, as text (shown in --help) */
  default?: string;
}

export class FlagError extends Error {}

/** Parses args against specs: every flag's text (the default when not given); throws FlagError. */
export function parseFlags(specs: readonly FlagSpec[], args: readonly string[]): Map<string, string | undefined> {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const out = new Map<string, string | undefined>(specs.map((s) => [s.name, s.default]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new FlagError(a.startsWith('-') && a.length > 1 ? `unknown shorthand flag: '${a[1]}' in ${a}` : `unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new FlagError(`unknown flag: --${name}`);
    let value: string | undefined = eq < 0 ? undefined : a.slice(eq + 1);
    if (value === undefined) {
      if (!spec.value) value = 'true';
      else if (i + 1 < args.length) value = args[++i];
      else throw new FlagError(`flag needs an argument: --${name}`);
    }
    if (!spec.value && value !== 'true' && value !== 'false') throw invalidFlag(name, value, 'must be true or false');
    out.set(name, value);
  }
  return out;
}

export function invalidFlag(name: string, value: string, why: string): FlagError {
  return new FlagError(`invalid argument "${value}" for "--${name}" flag: ${why}`);
}

export function wantsHelp(args: readonly string[]): boolean {
  return args.some((a) => a === '--help' || a === '-h');
}

/** The --help text: the usage line, what the command does, then one line per flag. */
export function helpText(usage: string, about: string, specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => `  --${s.name}${s.value ? ` ${s.value}` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  const lines = specs.map((s, i) => `${left[i].padEnd(width)}${s.help}${s.default !== undefined && s.default !== '' ? ` (default ${s.default})` : ''}`);
  return `Usage: ${usage}\n\n${about}\n\nFlags:\n${lines.join('\n')}\n  -h, --help${' '.repeat(Math.max(1, width - 12))}show this help`;
}

/**
 * A command's start: `--help` prints its usage, a flag error prints one kubectl-style line. Returns
 * the parsed flags, or the exit code to end with (0 after help, 2 after a flag error).
 */
export function parseCommandLine<T>(args: readonly string[], usage: string, parse: (args: string[]) => T): T | { exitCode: number } {
  if (wantsHelp(args)) {
    console.log(usage);
    return { exitCode: 0 };
  }
  try {
    return parse([...args]);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    process.stderr.write(`Error: ${e.message}\n`);
    return { exitCode: 2 };
  }
}
