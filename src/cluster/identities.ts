// The kubeconfig files kubeadm writes beside admin.conf, one per identity of the control
// plane: controller-manager.conf (system:kube-controller-manager), scheduler.conf
// (system:kube-scheduler) and, for this machine's node, kubelet.conf (system:node:<name>).
// Each part of the cluster talks to the API server as itself through one of them.
import { join } from 'node:path';
import { writeKubeconfig } from './kubeconfig.js';
import { CONTROLLER_MANAGER_USER, nodeUser, SCHEDULER_USER, type CertKey, type ClusterPki } from './pki.js';

export const ADMIN_CONF = 'admin.conf';
export const CONTROLLER_MANAGER_CONF = 'controller-manager.conf';
export const SCHEDULER_CONF = 'scheduler.conf';
export const KUBELET_CONF = 'kubelet.conf';

/**
 * Writes admin.conf, controller-manager.conf, scheduler.conf and (when the PKI has a node
 * certificate) kubelet.conf into dir for the API server at serverUrl; returns the paths.
 */
export function writeIdentityKubeconfigs(dir: string, pki: ClusterPki, serverUrl: string, nodeName?: string): Record<string, string> {
  const files: [string, CertKey, string][] = [
    [ADMIN_CONF, pki.admin, 'kubernetes-admin'],
    [CONTROLLER_MANAGER_CONF, pki.controllerManager, CONTROLLER_MANAGER_USER],
    [SCHEDULER_CONF, pki.scheduler, SCHEDULER_USER],
  ];
  if (pki.node && nodeName) files.push([KUBELET_CONF, pki.node, nodeUser(nodeName)]);
  const out: Record<string, string> = {};
  for (const [file, ck, user] of files) {
    const path = join(dir, file);
    writeKubeconfig(path, { server: serverUrl, caCert: pki.ca.cert, clientCert: ck.cert, clientKey: ck.key, userName: user });
    out[file] = path;
  }
  return out;
}
