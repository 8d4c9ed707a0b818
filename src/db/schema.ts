// The database's tables, one file per area under schema/ (drizzle-kit reads that folder); this
// module gathers them for the repositories and the drizzle client.
import { identities, linkCodes, loginCredentials, refreshTokens, userSettings, users, webLinks } from './schema/users.js';
import { exchangeAccounts, paperBalances, paperOrders } from './schema/exchange.js';
import { commandHistory, confirmations, foreignOrders, orderEvents, orders, positions } from './schema/trading.js';
import { advisorSettings, advisorWatches, signalProposals, tradingSignals } from './schema/signals.js';
import { equityPeaks, performanceMetrics, riskSettings } from './schema/risk.js';
import { priceAlerts } from './schema/alerts.js';
import { deliveryTargets, kvState, leases, notifications, processedUpdates } from './schema/delivery.js';

export { advisorSettings, advisorWatches, commandHistory, confirmations, deliveryTargets, equityPeaks, exchangeAccounts, foreignOrders, identities, kvState, leases, linkCodes, loginCredentials, notifications, orderEvents, orders, paperBalances, paperOrders, performanceMetrics, positions, priceAlerts, processedUpdates, refreshTokens, riskSettings, signalProposals, tradingSignals, userSettings, users, webLinks };

export const schema = {
  users,
  webLinks,
  identities,
  userSettings,
  notifications,
  deliveryTargets,
  leases,
  exchangeAccounts,
  paperBalances,
  paperOrders,
  orders,
  orderEvents,
  foreignOrders,
  positions,
  tradingSignals,
  commandHistory,
  performanceMetrics,
  riskSettings,
  equityPeaks,
  confirmations,
  priceAlerts,
  processedUpdates,
  kvState,
  loginCredentials,
  refreshTokens,
  linkCodes,
};
export type Schema = typeof schema;
