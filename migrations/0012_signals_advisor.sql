CREATE TABLE "advisor_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"quiet_from" integer,
	"quiet_to" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisor_watches" (
	"user_id" integer NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text DEFAULT '1h' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "advisor_watches_user_id_symbol_pk" PRIMARY KEY("user_id","symbol")
);
--> statement-breakpoint
CREATE TABLE "signal_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"side" text NOT NULL,
	"request" jsonb NOT NULL,
	"details" jsonb NOT NULL,
	"candle_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "trading_signals" ADD COLUMN "score" real;--> statement-breakpoint
ALTER TABLE "trading_signals" ADD COLUMN "confidence" real;--> statement-breakpoint
ALTER TABLE "trading_signals" ADD COLUMN "indicators" jsonb;--> statement-breakpoint
ALTER TABLE "trading_signals" ADD COLUMN "candle_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trading_signals" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "advisor_settings" ADD CONSTRAINT "advisor_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advisor_watches" ADD CONSTRAINT "advisor_watches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signal_proposals" ADD CONSTRAINT "signal_proposals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advisor_watches_symbol" ON "advisor_watches" USING btree ("symbol");--> statement-breakpoint
CREATE UNIQUE INDEX "signal_proposals_once" ON "signal_proposals" USING btree ("user_id","symbol","candle_at");--> statement-breakpoint
CREATE INDEX "signal_proposals_user_created" ON "signal_proposals" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "trading_signals_candle" ON "trading_signals" USING btree ("symbol","timeframe","source","candle_at");