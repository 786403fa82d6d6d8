// The version kubets reports: Kubernetes v1.33.0 with kubets's own semver as build metadata.
import { readFileSync } from 'node:fs';

export const KUBERNETES_VERSION = 'v1.33.0';
export const KUBERNETES_MAJOR = '1';
export const KUBERNETES_MINOR = '33';

function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kubets' && pkg.version) return pkg.version;
    } catch {
      // try the next location (src/ when run through tsx, dist/ when built)
    }
  }
  return '0.0.0';
}

export const KUBETS_VERSION = packageVersion();

/** e.g. v1.33.0+kubets.0.1.0 */
export const GIT_VERSION = `${KUBERNETES_VERSION}+kubets.${KUBETS_VERSION}`;

/** The body of GET /version, as version.Info. */
export function versionInfo() {
  return {
    major: KUBERNETES_MAJOR,
    minor: KUBERNETES_MINOR,
    gitVersion: GIT_VERSION,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
