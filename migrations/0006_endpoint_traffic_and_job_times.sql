ALTER TABLE `deployed_models` ADD `traffic_percent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deployed_models` ADD `shared_resources` text;--> statement-breakpoint
ALTER TABLE `endpoints` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `endpoints` ADD `traffic_visibility` text DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `update_time` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `gone_at` text;--> statement-breakpoint
ALTER TABLE `traffic_hourly` ADD `private_responses` real;