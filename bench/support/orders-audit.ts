// The orders bench's verdict, from ground truth: the fake exchange's orders (by client order id),
// Parley's journal and confirmations (its database, read after the app stopped), and what each user
// was last shown on their preview message.
import { inArray } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { confirmations, orders, processedUpdates } from '../../src/db/schema.js';
import type { FakeOrder } from '../../test/fakes/fake-binance/index.js';
import type { FlowRecord } from './orders-flow.js';
import type { BenchTelegram } from './orders-telegram.js';

export interface Finding {
  confirmationId: string;
  flow: number;
  what: string;
}

export interface Audit {
  /** Findings, several per confirmation at times; D and L count confirmations (see distinct). */
  duplicates: Finding[];
  lost: Finding[];
  /** Not counted as lost, worth knowing: fills or states that disagree, stale messages, dropped presses. */
  notes: Record<string, Finding[]>;
  /** How confirmations ended, per the journal. */
  journal: Record<string, number>;
  /** What users were last shown on their previews. */
  told: Record<string, number>;
  exchangeOrders: number;
}

/** Journal states that mean "the exchange has this order". */
const PLACED = new Set(['open', 'partially_filled', 'filled', 'cancelled', 'expired']);
/** Binance's word for each journal state. */
const BINANCE_STATUS: Record<string, string[]> = { open: ['NEW'], partially_filled: ['PARTIALLY_FILLED'], filled: ['FILLED'], cancelled: ['CANCELED'], expired: ['EXPIRED'] };

export async function audit(flows: FlowRecord[], exchangeOrders: readonly FakeOrder[], database: Database, telegram: BenchTelegram): Promise<Audit> {
  const ids = flows.flatMap((f) => (f.confirmationId ? [f.confirmationId] : []));
  const confirmationRows = ids.length ? await database.db.select().from(confirmations).where(inArray(confirmations.id, ids)) : [];
  const orderRows = await database.db.select().from(orders);
  const pressIds = flows.flatMap((f) => f.confirmUpdateIds);
  const processed = new Set(pressIds.length ? (await database.db.select().from(processedUpdates).where(inArray(processedUpdates.updateId, pressIds))).map((r) => r.updateId) : []);
  const confirmationOf = new Map(confirmationRows.map((r) => [r.id, r]));
  const journalOf = new Map(orderRows.map((r) => [r.clientOrderId, r]));
  const onExchange = new Map<string, FakeOrder[]>();
  for (const o of exchangeOrders) onExchange.set(o.clientOrderId, [...(onExchange.get(o.clientOrderId) ?? []), o]);

  const result: Audit = { duplicates: [], lost: [], notes: {}, journal: {}, told: {}, exchangeOrders: exchangeOrders.length };
  const note = (kind: string, finding: Finding) => (result.notes[kind] ??= []).push(finding);
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);

  // The same exchange order journaled twice (under two client ids).
  const byExchangeId = new Map<string, string[]>();
  for (const row of orderRows) if (row.exchangeOrderId) byExchangeId.set(row.exchangeOrderId, [...(byExchangeId.get(row.exchangeOrderId) ?? []), row.clientOrderId]);
  for (const [exchangeId, clientIds] of byExchangeId) {
    if (clientIds.length > 1) result.duplicates.push({ confirmationId: clientIds.join(','), flow: -1, what: `exchange order ${exchangeId} journaled ${clientIds.length} times` });
  }
  // Orders on the exchange that no flow of this run asked for.
  const known = new Set(ids);
  for (const [clientId, list] of onExchange) if (!known.has(clientId)) note('exchange orders no flow confirmed', { confirmationId: clientId, flow: -1, what: `${list.length} order(s)` });

  for (const flow of flows) {
    const id = flow.confirmationId;
    if (!id) continue;
    const at = { confirmationId: id, flow: flow.plan.index };
    const placed = onExchange.get(id) ?? [];
    const journal = journalOf.get(id);
    const confirmation = confirmationOf.get(id);
    const status = confirmation?.status ?? 'missing';
    count(result.journal, journal ? `${status}/${journal.status}` : status);
    const shown = telegram.shownText(flow.user, flow.preview!.messageId);
    const told = toldOf(shown);
    count(result.told, told);

    if (placed.length > 1) result.duplicates.push({ ...at, what: `${placed.length} orders on the exchange with this client id (${placed.map((o) => o.orderId).join(', ')})` });
    if (placed.length > 0 && (!journal || !PLACED.has(journal.status))) result.lost.push({ ...at, what: `on the exchange (${placed[0]!.status}); journal says ${journal?.status ?? 'nothing'}, confirmation ${status}` });
    if (journal && PLACED.has(journal.status) && placed.length === 0) result.lost.push({ ...at, what: `journal says ${journal.status}; the exchange has no such order` });
    if (status === 'executing') result.lost.push({ ...at, what: `confirmation still executing (order ${journal?.status ?? 'missing'})` });
    else if (journal?.status === 'submitting') result.lost.push({ ...at, what: `order still submitting (confirmation ${status})` });
    // What the user was told must agree with the exchange.
    if (placed.length > 0 && (told === 'not executed' || told === 'cancelled' || told === 'expired')) result.lost.push({ ...at, what: `user told "${told}" but the exchange has the order (${placed[0]!.status})` });
    if (placed.length === 0 && told === 'executed') result.lost.push({ ...at, what: 'user told it was executed; the exchange has no such order' });

    if (told === 'checking') note('previews left on "checking with the exchange"', { ...at, what: `confirmation ${status}, order ${journal?.status ?? 'missing'}` });
    if (flow.confirmDelivered && (status === 'expired' || status === 'pending') && flow.plan.press !== 'confirm+cancel') {
      const marked = flow.confirmUpdateIds.filter((id) => processed.has(id));
      note('✅ answered 200 but never acted on (the press was lost)', {
        ...at,
        what: `confirmation ${status}; ✅ update(s) ${marked.join(', ') || 'none'} marked processed${flow.killed ? `; app killed ${flow.killed}` : ''}`,
      });
    }
    const exchangeOrder = placed[0];
    if (exchangeOrder && journal && PLACED.has(journal.status)) {
      const sameStatus = BINANCE_STATUS[journal.status]?.includes(exchangeOrder.status) ?? false;
      const sameFill = Number(journal.filled) === exchangeOrder.executedQty.toNumber();
      const sameId = journal.exchangeOrderId === String(exchangeOrder.orderId);
      if (!sameStatus || !sameFill || !sameId) {
        note('journal and exchange disagree on state or fill', { ...at, what: `journal ${journal.status} filled ${journal.filled} id ${journal.exchangeOrderId}; exchange ${exchangeOrder.status} filled ${exchangeOrder.executedQty.toFixed()} id ${exchangeOrder.orderId}` });
      }
    }
  }
  return result;
}

function toldOf(text: string | undefined): string {
  if (text === undefined) return 'nothing';
  if (text.startsWith('✅')) return 'executed';
  if (text.startsWith('❌')) return 'not executed';
  if (text.startsWith('✖')) return 'cancelled';
  if (text.startsWith('⌛')) return 'expired';
  if (text.startsWith('⏳')) return 'checking';
  return 'preview';
}

/** How many confirmations (not findings) are affected. */
export const distinct = (findings: Finding[]): number => new Set(findings.map((f) => f.confirmationId)).size;
