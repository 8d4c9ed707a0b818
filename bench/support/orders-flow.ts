// One flow of the orders bench, as a user lives it: send "buy 0.001 btc", read the preview, press
// ✅ (or ✖, or twice, or Telegram delivers it twice), with the exchange faults and the app kill the
// plan says; record what the audit and the latency figure need.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchApp } from './orders-app.js';
import type { FlowPlan, Kill } from './orders-chaos.js';
import type { BenchExchange } from './orders-exchange.js';
import type { BenchTelegram, SentMessage } from './orders-telegram.js';

export interface FlowRecord {
  plan: FlowPlan;
  user: number;
  preview?: SentMessage;
  confirmationId?: string;
  /** An update carrying ✅ was answered 200 by the webhook. */
  confirmDelivered: boolean;
  /** update_id of every ✅ update sent (the audit checks which the app marked as processed). */
  confirmUpdateIds: number[];
  /** performance.now() as the first ✅ was posted. */
  pressedAt?: number;
  /** When the app answered that press (after winning the claim, before calling the exchange). */
  answeredAt?: number;
  /** The kill that actually happened in this flow (another restart may have been running). */
  killed?: Kill | 'end-of-flow';
  /** No restart between the preview and the order request: the latency sample is clean. */
  clean: boolean;
}

export interface FlowWorld {
  app: BenchApp;
  telegram: BenchTelegram;
  exchange: BenchExchange;
  nextUpdateId(): number;
}

const CONFIRM = 't:ok:';
const CANCEL = 't:no:';

export async function runFlow(world: FlowWorld, plan: FlowPlan, user: number): Promise<FlowRecord> {
  const { app, telegram, exchange } = world;
  const record: FlowRecord = { plan, user, confirmDelivered: false, confirmUpdateIds: [], clean: false };
  const kill = (at: Kill) => {
    if (plan.kill === at && !record.killed && app.restart()) record.killed = at;
  };

  const seen = telegram.messagesTo(user).length;
  const text = messageUpdate(world.nextUpdateId(), user, plan.text);
  const sendingText = app.deliver(text);
  if (plan.kill === 'after-text') setTimeout(() => kill('after-text'), plan.killAfterMs);
  await sendingText;
  const preview = await telegram.waitFor(() => telegram.messagesTo(user).slice(seen).find((m) => m.buttons.some((b) => b.startsWith(CONFIRM))), 30_000);
  if (!preview) return record; // refused, or the message was lost in a restart: nothing to confirm
  record.preview = preview;
  const id = preview.buttons.find((b) => b.startsWith(CONFIRM))!.slice(CONFIRM.length);
  record.confirmationId = id;
  exchange.plan(id, {
    ...(plan.send ? { send: plan.send } : {}),
    ...(plan.lookup ? { lookup: plan.lookup } : {}),
    onArrival: () => {
      kill('at-order');
      // Held by the exchange (plan.send is a delay): the app dies while it waits.
      if (plan.kill === 'order-held') setTimeout(() => kill('order-held'), 200 + plan.killAfterMs * 10);
    },
  });

  await sleep(plan.thinkMs);
  const epoch = app.epoch;
  const press = (data: string) => callbackUpdate(world.nextUpdateId(), user, preview, data);
  const ok = press(CONFIRM + id);
  const updates: Array<{ update: { update_id: number }; confirm: boolean; afterMs?: number }> = [];
  switch (plan.press) {
    case 'single':
      updates.push({ update: ok, confirm: true });
      break;
    case 'double':
      updates.push({ update: ok, confirm: true }, { update: press(CONFIRM + id), confirm: true });
      break;
    case 'redeliver':
      updates.push({ update: ok, confirm: true }, { update: ok, confirm: true, afterMs: plan.redeliverAfterMs });
      break;
    case 'double+redeliver':
      updates.push({ update: ok, confirm: true }, { update: press(CONFIRM + id), confirm: true }, { update: ok, confirm: true, afterMs: plan.redeliverAfterMs });
      break;
    case 'confirm+cancel':
      updates.push({ update: ok, confirm: true }, { update: press(CANCEL + id), confirm: false });
      break;
    case 'cancel':
      updates.push({ update: press(CANCEL + id), confirm: false });
      break;
    case 'never':
      break;
  }
  record.confirmUpdateIds = [...new Set(updates.filter((u) => u.confirm).map((u) => u.update.update_id))];
  if (updates.some((u) => u.confirm)) record.pressedAt = performance.now();
  if (plan.kill === 'at-press') setTimeout(() => kill('at-press'), plan.killAfterMs);
  const deliveries = await Promise.all(
    updates.map(async (u) => {
      if (u.afterMs) await sleep(u.afterMs);
      return { confirm: u.confirm, delivery: await app.deliver(u.update) };
    }),
  );
  record.confirmDelivered = deliveries.some((d) => d.confirm && d.delivery.ok);

  // The user waits for the preview to show how it ended (or gives up and moves on).
  if (updates.length > 0) await telegram.waitFor(() => (settledText(telegram.shownText(user, preview.messageId)) ? true : undefined), 20_000);
  const arrival = exchange.arrival(id);
  record.answeredAt = telegram.answeredAt.get(ok.callback_query.id);
  record.clean = record.pressedAt !== undefined && arrival !== undefined && app.epoch === epoch && deliveries.every((d) => d.delivery.attempts === 1);
  // A kill planned at the order, in a flow that sent none (✖ won): the app is killed now instead.
  if (plan.kill && !record.killed && app.restart()) record.killed = 'end-of-flow';
  return record;
}

/** A final answer on a preview: executed, not executed, cancelled or expired (not "checking"). */
export function settledText(text: string | undefined): boolean {
  return text !== undefined && /^(✅|❌|✖|⌛)/u.test(text);
}

function messageUpdate(updateId: number, user: number, text: string): object {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: user, type: 'private', first_name: `U${user}` }, from: { id: user, is_bot: false, first_name: `U${user}` }, text },
  };
}

function callbackUpdate(updateId: number, user: number, preview: SentMessage, data: string): { update_id: number; callback_query: { id: string } } {
  const update = {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: user, is_bot: false, first_name: `U${user}` },
      chat_instance: String(user),
      data,
      message: { message_id: preview.messageId, date: Math.floor(Date.now() / 1000), chat: { id: user, type: 'private', first_name: `U${user}` }, text: preview.text },
    },
  };
  return update;
}
