CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule` text NOT NULL,
	`resource` text NOT NULL,
	`project` text NOT NULL,
	`region` text NOT NULL,
	`status` text NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`reason` text NOT NULL,
	`evidence` text DEFAULT '{}' NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`impact_per_day` real,
	`suggested_action` text,
	`suggested_value` integer,
	`first_seen` text NOT NULL,
	`last_evaluated` text NOT NULL,
	`alerted_at` text,
	`alerted_severity` text,
	`snoozed_until` text,
	`allowed_reason` text,
	`acted_by` text,
	`acted_at` text,
	`claimed_by` text,
	`claimed_at` text,
	`resolved_at` text,
	`slack_channel` text,
	`slack_ts` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `findings_rule_resource_uq` ON `findings` (`rule`,`resource`);--> statement-breakpoint
CREATE INDEX `findings_status_idx` ON `findings` (`status`);--> statement-breakpoint
CREATE TABLE `remediation_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`finding_id` integer,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`action` text NOT NULL,
	`resource` text NOT NULL,
	`mode` text NOT NULL,
	`result` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `billing_daily` (
	`day` text NOT NULL,
	`project` text NOT NULL,
	`service` text NOT NULL,
	`sku_id` text NOT NULL,
	`sku_description` text NOT NULL,
	`location` text NOT NULL,
	`label_key` text NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`kind` text NOT NULL,
	`cost` real NOT NULL,
	`credits` real DEFAULT 0 NOT NULL,
	`currency` text NOT NULL,
	`ingested_at` text NOT NULL,
	PRIMARY KEY(`day`, `project`, `service`, `sku_id`, `location`, `label_key`)
);
--> statement-breakpoint
CREATE INDEX `billing_day_idx` ON `billing_daily` (`day`);--> statement-breakpoint
CREATE TABLE `kv` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications_sent` (
	`key` text PRIMARY KEY NOT NULL,
	`sent_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `schedule_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`scheduled_for` text,
	`started_at` text NOT NULL,
	`ended_at` text,
	`outcome` text NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `schedule_runs_job_idx` ON `schedule_runs` (`job`,`started_at`);--> statement-breakpoint
CREATE TABLE `slack_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `slack_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`channel` text NOT NULL,
	`ts` text NOT NULL,
	`thread_ts` text,
	`posted_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_messages_ref_idx` ON `slack_messages` (`kind`,`ref`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`pass_id` text NOT NULL,
	`scope` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`ok` integer NOT NULL,
	`error` text,
	`resources_seen` integer DEFAULT 0 NOT NULL,
	`rows_written` integer DEFAULT 0 NOT NULL,
	`bytes_scanned` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_runs_pass_idx` ON `sync_runs` (`pass_id`);--> statement-breakpoint
CREATE INDEX `sync_runs_started_idx` ON `sync_runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `catalog_prices` (
	`sku_id` text NOT NULL,
	`effective_time` text NOT NULL,
	`description` text NOT NULL,
	`service` text NOT NULL,
	`regions` text DEFAULT '[]' NOT NULL,
	`resource_family` text NOT NULL,
	`resource_group` text NOT NULL,
	`usage_type` text NOT NULL,
	`usage_unit` text NOT NULL,
	`unit_price` real NOT NULL,
	`currency` text NOT NULL,
	`fetched_at` text NOT NULL,
	PRIMARY KEY(`sku_id`, `effective_time`)
);
--> statement-breakpoint
CREATE INDEX `catalog_desc_idx` ON `catalog_prices` (`description`);--> statement-breakpoint
CREATE TABLE `deployed_model_snapshots` (
	`endpoint_name` text NOT NULL,
	`deployed_model_id` text NOT NULL,
	`observed_at` text NOT NULL,
	`min_replicas` integer NOT NULL,
	`max_replicas` integer NOT NULL,
	`deployed` integer NOT NULL,
	PRIMARY KEY(`endpoint_name`, `deployed_model_id`, `observed_at`)
);
--> statement-breakpoint
CREATE TABLE `deployed_models` (
	`endpoint_name` text NOT NULL,
	`deployed_model_id` text NOT NULL,
	`model` text NOT NULL,
	`display_name` text NOT NULL,
	`dedicated` integer NOT NULL,
	`machine_type` text,
	`accelerator_type` text,
	`accelerator_count` integer DEFAULT 0 NOT NULL,
	`min_replicas` integer NOT NULL,
	`max_replicas` integer NOT NULL,
	`spot` integer DEFAULT false NOT NULL,
	`create_time` text,
	`first_seen` text NOT NULL,
	`last_seen` text NOT NULL,
	`undeployed_at` text,
	`hourly_price` real,
	`unpriced_reason` text,
	`price_source` text,
	PRIMARY KEY(`endpoint_name`, `deployed_model_id`)
);
--> statement-breakpoint
CREATE TABLE `endpoints` (
	`name` text PRIMARY KEY NOT NULL,
	`project` text NOT NULL,
	`region` text NOT NULL,
	`display_name` text NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`create_time` text,
	`first_seen` text NOT NULL,
	`last_seen` text NOT NULL,
	`gone_at` text
);
--> statement-breakpoint
CREATE TABLE `job_snapshots` (
	`job_name` text NOT NULL,
	`observed_at` text NOT NULL,
	`state` text NOT NULL,
	`replica_count` integer NOT NULL,
	PRIMARY KEY(`job_name`, `observed_at`)
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`project` text NOT NULL,
	`region` text NOT NULL,
	`kind` text NOT NULL,
	`display_name` text NOT NULL,
	`state` text NOT NULL,
	`labels` text DEFAULT '{}' NOT NULL,
	`machine_type` text,
	`accelerator_type` text,
	`accelerator_count` integer DEFAULT 0 NOT NULL,
	`replica_count` integer DEFAULT 1 NOT NULL,
	`spot` integer DEFAULT false NOT NULL,
	`create_time` text,
	`start_time` text,
	`end_time` text,
	`timeout_seconds` integer,
	`first_seen` text NOT NULL,
	`last_seen` text NOT NULL,
	`hourly_price` real,
	`unpriced_reason` text,
	`price_source` text
);
--> statement-breakpoint
CREATE INDEX `jobs_state_idx` ON `jobs` (`state`);--> statement-breakpoint
CREATE INDEX `jobs_project_region_idx` ON `jobs` (`project`,`region`);--> statement-breakpoint
CREATE TABLE `telemetry_coverage` (
	`project` text NOT NULL,
	`metric` text NOT NULL,
	`covered_from` text,
	`covered_to` text,
	`last_attempt_at` text NOT NULL,
	`last_error` text,
	PRIMARY KEY(`project`, `metric`)
);
--> statement-breakpoint
CREATE TABLE `traffic_hourly` (
	`endpoint_name` text NOT NULL,
	`deployed_model_id` text NOT NULL,
	`hour` text NOT NULL,
	`predictions` real,
	`replicas` real,
	PRIMARY KEY(`endpoint_name`, `deployed_model_id`, `hour`)
);
