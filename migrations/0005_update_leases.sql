ALTER TABLE "processed_updates" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "claimed_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "processed_updates" ADD COLUMN "handled_at" timestamp with time zone;--> statement-breakpoint
-- Every update recorded before leases existed was handled (or given up on) long ago.
UPDATE "processed_updates" SET "handled_at" = "created_at", "claimed_at" = "created_at";
