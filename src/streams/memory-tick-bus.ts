import type { Tick, TickBus } from '../market/tick.js';

/**
 * The tick bus of a process without Redis: every listener in this process gets every tick, in
 * the order published, synchronously (a tick costs a function call per listener).
 */
export class MemoryTickBus implements TickBus {
  readonly kind = 'memory' as const;
  private readonly tickListeners = new Set<(tick: Tick) => void>();
  private readonly changeListeners = new Set<(id: string) => void>();

  async publish(tick: Tick): Promise<void> {
    for (const listener of this.tickListeners) listener(tick);
  }

  onTick(listener: (tick: Tick) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  async publishAlertChange(id: string): Promise<void> {
    for (const listener of this.changeListeners) listener(id);
  }

  onAlertChange(listener: (id: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.tickListeners.clear();
    this.changeListeners.clear();
  }
}
