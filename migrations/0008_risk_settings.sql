CREATE TABLE "equity_peaks" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"peak_equity" numeric(38, 18) NOT NULL,
	"peak_at" timestamp with time zone NOT NULL,
	"reset_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "risk_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"limits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"risk_tolerance" text,
	"pending_limits" jsonb,
	"pending_tolerance" text,
	"pending_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"pause_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "performance_metrics" ADD COLUMN "low_equity_usdt" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "performance_metrics" ADD COLUMN "high_equity_usdt" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "performance_metrics" ADD COLUMN "last_equity_usdt" numeric(38, 18);--> statement-breakpoint
ALTER TABLE "performance_metrics" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "equity_peaks" ADD CONSTRAINT "equity_peaks_account_id_exchange_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."exchange_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_settings" ADD CONSTRAINT "risk_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;