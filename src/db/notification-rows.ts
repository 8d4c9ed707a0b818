import { sql } from 'drizzle-orm';
import type { NewNotification } from '../notifications/notification.js';
import { rowsOf, type Db } from './client.js';

/**
 * Writes notifications into the outbox inside the caller's transaction (the change they tell
 * about is written in the same one). A key already there is skipped: the same event is stored
 * once, whoever reports it. A non-urgent one is held for a user who reads a digest.
 */
export async function insertNotifications(tx: Db, rows: readonly NewNotification[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const values = sql.join(
    rows.map(
      (n) =>
        sql`(${n.key}::text, ${n.userId}::integer, ${n.kind}::text, ${n.subject}::text, ${JSON.stringify(n.payload)}::jsonb, ${n.urgent}::boolean, ${new Date(n.deliverAfter ?? now.getTime()).toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const result = await tx.execute(sql`
    insert into notifications (key, user_id, kind, subject, payload, urgent, status, deliver_after)
    select v.key, v.user_id, v.kind, v.subject, v.payload, v.urgent,
           case when not v.urgent and exists (select 1 from user_settings s where s.user_id = v.user_id and s.digest <> 'off') then 'held' else 'pending' end,
           v.deliver_after
    from (values ${values}) as v(key, user_id, kind, subject, payload, urgent, deliver_after)
    on conflict (key) do nothing
    returning id`);
  return rowsOf(result).length;
}
