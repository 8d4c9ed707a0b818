import { MemoryAlertStore } from '../../test/support/memory-alert-store.js';
import { alertStoreContract } from './alert-store.contract.js';

// The domain tests' fake behaves like the repository: the same contract holds it.
let userSeq = 0;
alertStoreContract('in memory', async () => {
  const store = new MemoryAlertStore();
  return { store, newUser: async () => ++userSeq, told: async () => store.told.map((n) => n.key), cleanup: async () => {} };
});
