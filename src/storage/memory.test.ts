import { storeConformance } from './conformance.js';
import { MemoryStore } from './memory.js';

storeConformance('memory', { open: async () => new MemoryStore() });
