CREATE TABLE "delivery_targets" (
	"subject" text NOT NULL,
	"channel" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"message_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_targets_subject_channel_pk" PRIMARY KEY("subject","channel")
);
--> statement-breakpoint
CREATE TABLE "identities" (
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" integer NOT NULL,
	"blocked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "identities_provider_subject_pk" PRIMARY KEY("provider","subject")
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"subject" text,
	"payload" jsonb NOT NULL,
	"urgent" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"deliver_after" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"digest" text DEFAULT 'off' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_telegram_id_unique";--> statement-breakpoint
ALTER TABLE "identities" ADD CONSTRAINT "identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_targets_created" ON "delivery_targets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "identities_user" ON "identities" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "notifications_due" ON "notifications" USING btree ("deliver_after","id") WHERE status in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "notifications_held" ON "notifications" USING btree ("user_id") WHERE status = 'held';--> statement-breakpoint
CREATE INDEX "notifications_created" ON "notifications" USING btree ("created_at");--> statement-breakpoint
-- Before the old columns go: Telegram ids become identities; the chats of previews and of alerts set in a group become delivery targets (a private chat is the user's own, found from the identity).
INSERT INTO "identities" ("provider", "subject", "user_id", "created_at") SELECT 'telegram', "telegram_id"::text, "id", "created_at" FROM "users";--> statement-breakpoint
INSERT INTO "delivery_targets" ("subject", "channel", "chat_id", "message_id", "created_at") SELECT 'confirmation:' || "id", 'telegram', "chat_id", "message_id", "created_at" FROM "confirmations" WHERE "chat_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "delivery_targets" ("subject", "channel", "chat_id", "created_at") SELECT 'alert:' || a."id", 'telegram', a."chat_id", a."created_at" FROM "price_alerts" a JOIN "users" u ON u."id" = a."user_id" WHERE a."chat_id" <> u."telegram_id";--> statement-breakpoint
ALTER TABLE "confirmations" DROP COLUMN "chat_id";--> statement-breakpoint
ALTER TABLE "confirmations" DROP COLUMN "message_id";--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "chat_id";--> statement-breakpoint
ALTER TABLE "price_alerts" DROP COLUMN "chat_id";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "telegram_id";