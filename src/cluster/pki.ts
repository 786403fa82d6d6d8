// The cluster's PKI: a CA, the API server's serving certificate and client
// certificates (CN = user, O = groups), as kubeadm lays them out under <data-dir>/pki/.
// Keys are ECDSA P-256 (PKCS#8 PEM), made with node's webcrypto and @peculiar/x509.
// Files are written once and reused on restart; a serving certificate that lacks a
// wanted SAN or is about to expire is reissued from the same CA.
import { webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import './reflect-shim.js'; // must precede @peculiar/x509
import * as x509 from '@peculiar/x509';
import { writeFileAtomic } from '../machinery/atomic-file.js';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const crypto = webcrypto;
x509.cryptoProvider.set(crypto as never); // the webcrypto types of @types/node and of the DOM lib differ only in name

const KEY_ALG: webcrypto.EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN_ALG: webcrypto.EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
const DAY = 24 * 3600 * 1000;
const CA_DAYS = 3650;
const LEAF_DAYS = 365;

/** A certificate and its private key, both PEM. */
export interface CertKey {
  cert: string;
  key: string;
}

export interface ClusterPki {
  dir: string;
  ca: CertKey;
  serving: CertKey;
  admin: CertKey;
  /** the API server's client certificate towards kubelets (logs, exec, node proxy) */
  kubeletClient: CertKey;
  /** system:kube-controller-manager */
  controllerManager: CertKey;
  /** system:kube-scheduler */
  scheduler: CertKey;
  /** system:node:<nodeName> in system:nodes, when ensurePki was given a node name */
  node?: CertKey;
}

export interface PkiOptions {
  /** extra SANs for the serving certificate (IPs and DNS names, e.g. the node IPs) */
  hosts?: string[];
  /** the first IP of the service range (10.96.0.1 by default) */
  serviceIP?: string;
  /** this machine's node name: also issue its kubelet client certificate */
  nodeName?: string;
}

/** The SANs every API server certificate carries, as upstream's kubeadm sets them. */
export function servingHosts(opts: PkiOptions = {}): string[] {
  const base = [
    'localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local',
    '127.0.0.1', opts.serviceIP ?? '10.96.0.1',
  ];
  return [...new Set([...base, ...(opts.hosts ?? [])])];
}

function toPem(der: ArrayBuffer, tag: string): string {
  return x509.PemConverter.encode(der, tag) + '\n';
}

async function newKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_ALG, true, ['sign', 'verify']);
}

async function keyPem(key: CryptoKey): Promise<string> {
  return toPem(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

async function importKey(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), KEY_ALG, true, ['sign']);
}

function serial(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[0] &= 0x7f; // positive
  return Buffer.from(b).toString('hex');
}

/** Escapes a value for an RFC 4514 distinguished name string. */
function dnValue(v: string): string {
  return v.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
}

function subjectName(cn: string, groups: string[] = []): string {
  return [...groups.map((g) => `O=${dnValue(g)}`), `CN=${dnValue(cn)}`].join(', ');
}

/** Creates a self-signed CA certificate (CN kubernetes, as kubeadm names it). */
export async function createCA(cn = 'kubernetes', days = CA_DAYS): Promise<CertKey> {
  const keys = await newKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: subjectName(cn),
    notBefore: new Date(now - 5 * 60_000),
    notAfter: new Date(now + days * DAY),
    keys,
    signingAlgorithm: SIGN_ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem') + '\n', key: await keyPem(keys.privateKey) };
}

export interface LeafOptions {
  cn: string;
  groups?: string[];
  /** SANs: IPs and DNS names */
  hosts?: string[];
  usage: 'server' | 'client' | 'both';
  days?: number;
}

/** Issues a leaf certificate signed by the CA. */
export async function issueCert(ca: CertKey, opts: LeafOptions): Promise<CertKey> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await importKey(ca.key);
  const keys = await newKeys();
  const now = Date.now();
  const eku = opts.usage === 'server' ? [x509.ExtendedKeyUsage.serverAuth]
    : opts.usage === 'client' ? [x509.ExtendedKeyUsage.clientAuth]
      : [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension(eku),
    await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
  ];
  if (opts.hosts?.length) {
    extensions.push(new x509.SubjectAlternativeNameExtension(
      opts.hosts.map((h) => ({ type: isIP(h) ? 'ip' as const : 'dns' as const, value: h })),
    ));
  }
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: subjectName(opts.cn, opts.groups),
    issuer: caCert.subject,
    notBefore: new Date(now - 5 * 60_000),
    notAfter: new Date(now + (opts.days ?? LEAF_DAYS) * DAY),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: SIGN_ALG,
    extensions,
  });
  return { cert: cert.toString('pem') + '\n', key: await keyPem(keys.privateKey) };
}

/** The user a client certificate names: CN is the user, each O a group (as upstream's x509 authenticator). */
export function certIdentity(certPemOrDer: string | Buffer): { user: string; groups: string[] } {
  const c = new NodeX509(certPemOrDer);
  return subjectIdentity(c.subject);
}

/** Parses node's multi-line subject text ("O=system:masters\nCN=kubernetes-admin"). */
export function subjectIdentity(subject: string): { user: string; groups: string[] } {
  let user = '';
  const groups: string[] = [];
  for (const line of subject.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const k = line.slice(0, eq);
    const v = line.slice(eq + 1);
    if (k === 'CN') user = v;
    else if (k === 'O') groups.push(v);
  }
  return { user, groups };
}

function load(dir: string, name: string): CertKey | undefined {
  const crt = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  if (!existsSync(crt) || !existsSync(key)) return undefined;
  return { cert: readFileSync(crt, 'utf8'), key: readFileSync(key, 'utf8') };
}

function save(dir: string, name: string, ck: CertKey): void {
  writeFileAtomic(join(dir, `${name}.key`), ck.key, 0o600);
  writeFileAtomic(join(dir, `${name}.crt`), ck.cert, 0o644);
}

/** True when the certificate is signed by ca, carries every host and is valid for at least another day. */
function stillGood(ck: CertKey, ca: CertKey, hosts: string[]): boolean {
  try {
    const c = new NodeX509(ck.cert);
    if (!c.verify(new NodeX509(ca.cert).publicKey)) return false;
    if (Date.parse(c.validTo) - Date.now() < DAY) return false;
    const sans = (c.subjectAltName ?? '').split(', ');
    return hosts.every((h) => sans.includes(isIP(h) ? `IP Address:${h}` : `DNS:${h}`));
  } catch {
    return false;
  }
}

/** A client certificate in dir/name.crt/.key, reissued when missing, not from ca, expiring or naming someone else. */
async function ensureClientCert(dir: string, name: string, ca: CertKey, fresh: boolean, cn: string, groups: string[]): Promise<CertKey> {
  const have = fresh ? undefined : load(dir, name);
  if (have && stillGood(have, ca, [])) {
    const id = certIdentity(have.cert);
    if (id.user === cn && id.groups.join(',') === groups.join(',')) return have;
  }
  const ck = await issueCert(ca, { cn, groups, usage: 'client' });
  save(dir, name, ck);
  return ck;
}

/** kubeadm's identities for the control plane's own clients. */
export const CONTROLLER_MANAGER_USER = 'system:kube-controller-manager';
export const SCHEDULER_USER = 'system:kube-scheduler';
export const NODES_GROUP = 'system:nodes';
export const nodeUser = (nodeName: string): string => `system:node:${nodeName}`;

/**
 * Ensures <dataDir>/pki holds the CA (ca.crt/ca.key), the serving certificate
 * (apiserver.crt/.key), the admin client certificate (admin.crt/.key), the API server's
 * client certificate for kubelets (apiserver-kubelet-client.crt/.key), the controller
 * manager's and the scheduler's client certificates (controller-manager-client,
 * scheduler-client) and, given a node name, that node's kubelet client certificate
 * (kubelet-client: system:node:<name> in system:nodes), creating what is missing.
 * An existing CA is never replaced.
 */
export async function ensurePki(dataDir: string, opts: PkiOptions = {}): Promise<ClusterPki> {
  const dir = join(dataDir, 'pki');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let ca = load(dir, 'ca');
  let fresh = false;
  if (!ca) {
    ca = await createCA();
    save(dir, 'ca', ca);
    fresh = true;
  }
  const hosts = servingHosts(opts);
  let serving = fresh ? undefined : load(dir, 'apiserver');
  if (!serving || !stillGood(serving, ca, hosts)) {
    serving = await issueCert(ca, { cn: 'kube-apiserver', hosts, usage: 'server' });
    save(dir, 'apiserver', serving);
  }
  const admin = await ensureClientCert(dir, 'admin', ca, fresh, 'kubernetes-admin', ['system:masters']);
  const kubeletClient = await ensureClientCert(dir, 'apiserver-kubelet-client', ca, fresh, 'kube-apiserver-kubelet-client', ['system:masters']);
  const controllerManager = await ensureClientCert(dir, 'controller-manager-client', ca, fresh, CONTROLLER_MANAGER_USER, []);
  const scheduler = await ensureClientCert(dir, 'scheduler-client', ca, fresh, SCHEDULER_USER, []);
  const pki: ClusterPki = { dir, ca, serving, admin, kubeletClient, controllerManager, scheduler };
  if (opts.nodeName) pki.node = await ensureClientCert(dir, 'kubelet-client', ca, fresh, nodeUser(opts.nodeName), [NODES_GROUP]);
  return pki;
}
