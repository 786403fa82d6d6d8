// Encryption at rest (--encryption-provider-config): load the configuration, wrap the store.
import type { Scheme } from '../../api/scheme.js';
import type { Store } from '../../storage/store.js';
import { loadEncryptionConfiguration } from './config.js';
import { EncryptingStore } from './store.js';

export { EncryptionConfigError, loadEncryptionConfiguration, parseEncryptionConfiguration, type EncryptionRule } from './config.js';
export { EncryptingStore, isStaleValue } from './store.js';

/** The store wrapped with the file's providers; throws EncryptionConfigError for a bad file. */
export function encryptStore(store: Store, configFile: string, scheme: Scheme): EncryptingStore {
  return new EncryptingStore(store, loadEncryptionConfiguration(configFile), scheme);
}
