CREATE TABLE "foreign_orders" (
	"account_id" integer NOT NULL,
	"exchange_order_id" text NOT NULL,
	"symbol" text NOT NULL,
	"decision" text DEFAULT 'reported' NOT NULL,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "foreign_orders_account_id_exchange_order_id_pk" PRIMARY KEY("account_id","exchange_order_id")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "trigger_native" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "chat_id" bigint;--> statement-breakpoint
ALTER TABLE "foreign_orders" ADD CONSTRAINT "foreign_orders_account_id_exchange_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."exchange_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_active" ON "orders" USING btree ("account_id") WHERE status in ('submitting', 'open', 'partially_filled');