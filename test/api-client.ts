// A tiny HTTPS client for end-to-end tests, authenticated with the admin kubeconfig's client certificate.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

export interface ApiClient {
  request(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Response>;
}

export function clientFromKubeconfig(kubeconfigPath: string, opts: { anonymous?: boolean } = {}): ApiClient {
  const kc = parse(readFileSync(kubeconfigPath, 'utf8'));
  const server = new URL(kc.clusters[0].cluster.server);
  const ca = Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64');
  const user = kc.users[0].user;
  const cert = opts.anonymous ? undefined : Buffer.from(user['client-certificate-data'], 'base64');
  const key = opts.anonymous ? undefined : Buffer.from(user['client-key-data'], 'base64');
  return {
    request(method, path, body, headers = {}) {
      return new Promise((resolve, reject) => {
        const req = request({
          host: server.hostname, port: server.port, method, path, ca, cert, key,
          headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        if (body !== undefined) req.end(body);
        else req.end();
      });
    },
  };
}
