CREATE TABLE `billing_label_daily` (
	`label_key` text NOT NULL,
	`day` text NOT NULL,
	`label_value` text NOT NULL,
	`location` text NOT NULL,
	`kind` text NOT NULL,
	`sku_description` text NOT NULL,
	`cost` real NOT NULL,
	`credits` real NOT NULL,
	`net` real NOT NULL,
	`rows` integer NOT NULL,
	PRIMARY KEY(`label_key`, `day`, `label_value`, `location`, `kind`, `sku_description`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `billing_label_value_idx` ON `billing_label_daily` (`label_key`,`label_value`,`day`);--> statement-breakpoint
CREATE TABLE `billing_project_daily` (
	`day` text NOT NULL,
	`project` text NOT NULL,
	`cost` real NOT NULL,
	`credits` real NOT NULL,
	`net` real NOT NULL,
	`rows` integer NOT NULL,
	PRIMARY KEY(`day`, `project`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `billing_rollup_daily` (
	`day` text NOT NULL,
	`project` text NOT NULL,
	`location` text NOT NULL,
	`kind` text NOT NULL,
	`sku_description` text NOT NULL,
	`cost` real NOT NULL,
	`credits` real NOT NULL,
	`net` real NOT NULL,
	`rows` integer NOT NULL,
	PRIMARY KEY(`day`, `project`, `location`, `kind`, `sku_description`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `billing_rollup_project_idx` ON `billing_rollup_daily` (`project`,`day`);--> statement-breakpoint
CREATE TABLE `billing_sku_daily` (
	`day` text NOT NULL,
	`location` text NOT NULL,
	`kind` text NOT NULL,
	`sku_description` text NOT NULL,
	`cost` real NOT NULL,
	`credits` real NOT NULL,
	`net` real NOT NULL,
	`rows` integer NOT NULL,
	PRIMARY KEY(`day`, `location`, `kind`, `sku_description`)
) WITHOUT ROWID;
