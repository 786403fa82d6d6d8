// The end-to-end tests' API client: src/client's REST client from a kubeconfig (the admin's
// client certificate, or anonymous), with raw responses: status, headers and body as sent.
import { loadKubeconfig } from '../src/client/config.js';
import { RestClient } from '../src/client/rest.js';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json(): any;
}

export interface ApiClient {
  request(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Response>;
  close(): void;
}

export function clientFromKubeconfig(kubeconfigPath: string, opts: { anonymous?: boolean } = {}): ApiClient {
  const { cert, key, token, tokenSource, ...cfg } = loadKubeconfig({ kubeconfig: kubeconfigPath });
  const rest = new RestClient({ ...cfg, ...(opts.anonymous ? {} : { cert, key, token, tokenSource }), qps: Infinity, maxRetries: 0, userAgent: '' });
  return {
    async request(method, path, body, headers = {}) {
      const r = await rest.request({ method, path, body, headers });
      const text = r.body.toString('utf8');
      return { status: r.status, headers: r.headers, body: text, json: () => JSON.parse(text) };
    },
    close: () => rest.close(),
  };
}
