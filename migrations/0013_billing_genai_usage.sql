ALTER TABLE `billing_daily` ADD `model_family` text;--> statement-breakpoint
ALTER TABLE `billing_daily` ADD `token_type` text;--> statement-breakpoint
ALTER TABLE `billing_daily` ADD `usage_amount` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `billing_daily` ADD `usage_unit` text;