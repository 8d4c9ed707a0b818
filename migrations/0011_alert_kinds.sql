ALTER TABLE "price_alerts" ALTER COLUMN "price" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "kind" text DEFAULT 'level' NOT NULL;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "move_pct" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "window_ms" integer;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "cooldown_ms" integer;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "armed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "snoozed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "price_alerts" ADD COLUMN "fire_count" integer DEFAULT 0 NOT NULL;