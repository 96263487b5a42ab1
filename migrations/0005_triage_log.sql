CREATE TABLE `triage_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finding_id` integer NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`team_id` text,
	`channel_id` text,
	`action` text NOT NULL,
	`result` text NOT NULL,
	`until` text,
	`reason` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `triage_log_finding_idx` ON `triage_log` (`finding_id`);