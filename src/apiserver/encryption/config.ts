// The EncryptionConfiguration file (apiserver.config.k8s.io/v1) given to
// --encryption-provider-config: for each list of resources, the providers in order (the first
// one encrypts new writes; all of them can read). Checked as upstream's validation does.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { errorString, invalid, required, root, type FieldError, type Path } from '../../machinery/field-errors.js';
import {
  aescbcTransformer, aesgcmTransformer, identityTransformer, secretboxTransformer, TransformerChain, type KeyTransformer,
} from './providers.js';

export interface ProviderKey {
  name: string;
  secret: string;
}

export interface ProviderConfig {
  aesgcm?: { keys?: ProviderKey[] };
  aescbc?: { keys?: ProviderKey[] };
  secretbox?: { keys?: ProviderKey[] };
  identity?: Record<string, never>;
  kms?: unknown;
}

export interface ResourceConfig {
  resources?: string[];
  providers?: ProviderConfig[];
}

export interface EncryptionConfiguration {
  apiVersion?: string;
  kind?: string;
  resources?: ResourceConfig[];
}

/** A group/resource as the configuration names it: secrets, deployments.apps, *.apps, *. or *.* */
export interface ResourceSelector {
  group: string;
  resource: string;
}

export interface EncryptionRule {
  resources: ResourceSelector[];
  chain: TransformerChain;
}

export class EncryptionConfigError extends Error {}

const AES_KEY_SIZES = [16, 24, 32];
const SECRETBOX_KEY_SIZES = [32];
const PROVIDERS = ['aesgcm', 'aescbc', 'secretbox', 'identity', 'kms'] as const;

/** "deployments.apps" → {resource: deployments, group: apps}; "secrets" → core. */
export function parseResource(s: string): ResourceSelector {
  const dot = s.indexOf('.');
  return dot < 0 ? { group: '', resource: s } : { resource: s.slice(0, dot), group: s.slice(dot + 1) };
}

function validateKeys(keys: ProviderKey[] | undefined, p: Path, sizes: number[], errs: FieldError[]): void {
  if (!keys?.length) {
    errs.push(required(p.child('keys'), 'at least one keys is required'));
    return;
  }
  keys.forEach((k, i) => {
    const kp = p.child('keys').index(i);
    if (!k?.name) errs.push(required(kp.child('name'), 'name is a mandatory field for a key'));
    if (!k?.secret) {
      errs.push(required(kp.child('secret'), 'secret is a mandatory field for a key'));
      return;
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(k.secret) || k.secret.length % 4 !== 0) {
      errs.push(invalid(kp.child('secret'), 'REDACTED', 'secrets must be base64 encoded'));
      return;
    }
    const len = Buffer.from(k.secret, 'base64').length;
    if (!sizes.includes(len)) {
      errs.push(invalid(kp.child('secret'), 'REDACTED', `secret is not of the expected length, got ${len}, expected one of [${sizes.join(' ')}]`));
    }
  });
}

function validateResources(list: string[] | undefined, p: Path, seenAcross: Map<string, string>, errs: FieldError[]): void {
  if (!list?.length) {
    errs.push(required(p, `at least one ${p.toString()} is required`));
    return;
  }
  const here = new Set<string>();
  list.forEach((r, i) => {
    const rp = p.index(i);
    if (typeof r !== 'string' || !r) return errs.push(required(rp, 'resource is required'));
    if (r !== r.toLowerCase()) return errs.push(invalid(rp, r, 'resource name should not contain capital letters'));
    if (r === '*') return errs.push(invalid(rp, r, "use '*.' to encrypt all the resources from core API group or *.* to encrypt all resources"));
    const sel = parseResource(r);
    if (sel.group === 'extensions') return errs.push(invalid(rp, r, "'extensions' group has been removed and cannot be used for encryption"));
    if (here.has(r) || seenAcross.has(r)) return errs.push(invalid(rp, r, 'the same resource cannot be specified multiple times'));
    here.add(r);
  });
  list.forEach((r, i) => {
    const sel = parseResource(r);
    const masked = sel.resource === '*' ? sel.group !== '*' && here.has('*.*') : here.has(`*.${sel.group}`) || here.has('*.*');
    if (here.has(r) && masked) {
      errs.push(invalid(p.index(i), r, "using overlapping resources such as 'secrets' and '*.' in the same resource list is not allowed as they will be masked"));
    }
  });
  for (const r of here) seenAcross.set(r, r);
}

/** Checks the configuration; the messages are upstream's field errors. */
export function validateEncryptionConfiguration(cfg: EncryptionConfiguration): FieldError[] {
  const errs: FieldError[] = [];
  if (!cfg.resources?.length) {
    errs.push(required(root('resources'), 'at least one resources is required'));
    return errs;
  }
  const seenAcross = new Map<string, string>();
  cfg.resources.forEach((rc, i) => {
    const p = root('resources').index(i);
    validateResources(rc?.resources, p.child('resources'), seenAcross, errs);
    if (!rc?.providers?.length) {
      errs.push(required(p.child('providers'), `at least one ${p.child('providers').toString()} is required`));
      return;
    }
    rc.providers.forEach((pc, j) => {
      const pp = p.child('providers').index(j);
      const set = PROVIDERS.filter((k) => pc && (pc as Record<string, unknown>)[k] !== undefined);
      if (set.length === 0) return errs.push(invalid(pp, pc, 'provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity'));
      if (set.length > 1) return errs.push(invalid(pp, pc, 'more than one provider specified in a single element, should split into different list elements'));
      if (pc.aesgcm) validateKeys(pc.aesgcm.keys, pp.child('aesgcm'), AES_KEY_SIZES, errs);
      if (pc.aescbc) validateKeys(pc.aescbc.keys, pp.child('aescbc'), AES_KEY_SIZES, errs);
      if (pc.secretbox) validateKeys(pc.secretbox.keys, pp.child('secretbox'), SECRETBOX_KEY_SIZES, errs);
      if (pc.kms !== undefined) errs.push(invalid(pp.child('kms'), 'kms', 'KMS providers are not supported by kubets; use aesgcm, aescbc or secretbox'));
    });
  });
  return errs;
}

function keyTransformers(pc: ProviderConfig): KeyTransformer[] {
  const key = (k: ProviderKey): Buffer => Buffer.from(k.secret, 'base64');
  if (pc.aesgcm) return (pc.aesgcm.keys ?? []).map((k) => aesgcmTransformer(k.name, key(k)));
  if (pc.aescbc) return (pc.aescbc.keys ?? []).map((k) => aescbcTransformer(k.name, key(k)));
  if (pc.secretbox) return (pc.secretbox.keys ?? []).map((k) => secretboxTransformer(k.name, key(k)));
  return [identityTransformer()];
}

/** Parses (YAML or JSON) and validates a configuration, giving one rule per resources entry. */
export function parseEncryptionConfiguration(text: string): EncryptionRule[] {
  let cfg: EncryptionConfiguration;
  try {
    cfg = parseYaml(text) as EncryptionConfiguration;
  } catch (e) {
    throw new EncryptionConfigError(`error while parsing file: ${(e as Error).message}`);
  }
  if (!cfg || typeof cfg !== 'object') throw new EncryptionConfigError('error while parsing file: the file is empty');
  if (cfg.apiVersion !== 'apiserver.config.k8s.io/v1' || cfg.kind !== 'EncryptionConfiguration') {
    throw new EncryptionConfigError(`error while parsing file: expected apiVersion apiserver.config.k8s.io/v1 and kind EncryptionConfiguration, got ${JSON.stringify(`${cfg.apiVersion ?? ''}, Kind=${cfg.kind ?? ''}`)}`);
  }
  const errs = validateEncryptionConfiguration(cfg);
  if (errs.length) throw new EncryptionConfigError(`error while parsing file: ${errs.map(errorString).join(', ')}`);
  return (cfg.resources ?? []).map((rc) => ({
    resources: (rc.resources ?? []).map(parseResource),
    chain: new TransformerChain((rc.providers ?? []).flatMap(keyTransformers)),
  }));
}

export function loadEncryptionConfiguration(file: string): EncryptionRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new EncryptionConfigError(`error reading encryption provider configuration file ${JSON.stringify(file)}: ${(e as Error).message}`);
  }
  return parseEncryptionConfiguration(text);
}

/**
 * The chain for one group/resource: an exact entry, else *.<group>, else *.*; earlier
 * resources entries win over later ones, as upstream resolves them.
 */
export function chainFor(rules: readonly EncryptionRule[], group: string, resource: string): TransformerChain | undefined {
  const find = (g: string, r: string): TransformerChain | undefined =>
    rules.find((rule) => rule.resources.some((s) => s.group === g && s.resource === r))?.chain;
  return find(group, resource) ?? find(group, '*') ?? find('*', '*');
}
