CREATE TABLE `estimate_days` (
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`estimated` real NOT NULL,
	`unpriced` integer DEFAULT 0 NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`day`, `kind`)
);
