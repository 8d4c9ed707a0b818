import { numeric, timestamp } from 'drizzle-orm/pg-core';

/** Money columns: wide enough for 1e20 and 18 decimals (ETH's wei), returned as strings. */
export const money = (name: string) => numeric(name, { precision: 38, scale: 18 });
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
