CREATE TABLE `utilization_hourly` (
	`endpoint_name` text NOT NULL,
	`deployed_model_id` text NOT NULL,
	`hour` text NOT NULL,
	`accelerator_duty_cycle` real,
	`accelerator_memory_bytes` real,
	`cpu_utilization` real,
	`memory_bytes` real,
	PRIMARY KEY(`endpoint_name`, `deployed_model_id`, `hour`)
);
