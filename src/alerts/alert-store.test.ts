import { MemoryAlertStore } from '../../test/support/memory-alert-store.js';
import { alertStoreContract } from './alert-store.contract.js';

// The domain tests' fake behaves like the repository: the same contract holds it.
let userSeq = 0;
alertStoreContract('in memory', async () => ({ store: new MemoryAlertStore(), newUser: async () => ++userSeq, cleanup: async () => {} }));
