/**
 * Every job, by name, in one place: the web processes add some of them (a preview's expiry),
 * the workers run them all. Each has one handler file in jobs/handlers/.
 */
export const JOBS = {
  /** Previews past their time: expired, and their buttons taken away (through the outbox). */
  expirePreviews: 'previews.expire',
  /** Paper limit orders matched, every order synced with its exchange, watched stops fired. */
  syncOrders: 'orders.sync',
  /** Live accounts against their exchanges: outside orders and balance changes reported. */
  reconcileAccounts: 'accounts.reconcile',
  /** Price alerts checked against the market. */
  checkAlerts: 'alerts.check',
  /** Held non-urgent notifications gathered into digests. */
  gatherDigests: 'notifications.digest',
  /** Every account's equity marked (the day's opening snapshot, its low, the peak); past the drawdown limit, new risk paused. */
  watchRisk: 'risk.watch',
  /** Every signal pair read on its last closed candle and stored (trading_signals); strong ones become advisor proposals. */
  refreshSignals: 'signals.refresh',
  /** The signal model retrained and re-evaluated walk-forward, in a worker thread. */
  retrainSignals: 'signals.retrain',
  /** One lab run (a backtest, a Monte Carlo, the RL agent's walk-forward) asked for in the chat or the API. */
  labRun: 'lab.run',
  /** Old processed updates, history, conversations, delivered notifications and preview targets dropped. */
  prune: 'maintenance.prune',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];
