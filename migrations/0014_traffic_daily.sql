-- traffic_daily: traffic_hourly per deployed model and UTC day (src/db/schema/rollups.ts), stored WITHOUT ROWID in
-- key order (drizzle has no option for it), the backfill of rows already there, and triggers that recompute a
-- deployment's day from its hours (at most 24, one index range) whenever one of them is inserted, changed or
-- deleted: the rollup stays equal to the GROUP BY, bounds and sums alike, whatever writes traffic_hourly. Hours
-- are RFC 3339 (migration 0004), so a day's hours are those from its date to the next.
CREATE TABLE `traffic_daily` (
	`day` text NOT NULL,
	`endpoint_name` text NOT NULL,
	`deployed_model_id` text NOT NULL,
	`hours` integer NOT NULL,
	`predictions` real NOT NULL,
	`replicas` real NOT NULL,
	`replica_hours` integer NOT NULL,
	`first_hour` text NOT NULL,
	`last_hour` text NOT NULL,
	PRIMARY KEY(`day`, `endpoint_name`, `deployed_model_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `traffic_daily` (day, endpoint_name, deployed_model_id, hours, predictions, replicas, replica_hours, first_hour, last_hour)
SELECT substr(hour, 1, 10), endpoint_name, deployed_model_id, COUNT(*), COALESCE(SUM(predictions), 0),
       COALESCE(SUM(replicas), 0), COUNT(replicas), MIN(hour), MAX(hour)
  FROM traffic_hourly GROUP BY substr(hour, 1, 10), endpoint_name, deployed_model_id;
--> statement-breakpoint
CREATE TRIGGER traffic_daily_insert AFTER INSERT ON traffic_hourly BEGIN
  DELETE FROM traffic_daily
   WHERE day = substr(NEW.hour, 1, 10) AND endpoint_name = NEW.endpoint_name AND deployed_model_id = NEW.deployed_model_id;
  INSERT INTO traffic_daily (day, endpoint_name, deployed_model_id, hours, predictions, replicas, replica_hours, first_hour, last_hour)
  SELECT substr(NEW.hour, 1, 10), endpoint_name, deployed_model_id, COUNT(*), COALESCE(SUM(predictions), 0),
         COALESCE(SUM(replicas), 0), COUNT(replicas), MIN(hour), MAX(hour)
    FROM traffic_hourly
   WHERE endpoint_name = NEW.endpoint_name AND deployed_model_id = NEW.deployed_model_id
     AND hour >= substr(NEW.hour, 1, 10) AND hour < date(substr(NEW.hour, 1, 10), '+1 day')
   GROUP BY endpoint_name, deployed_model_id;
END;
--> statement-breakpoint
CREATE TRIGGER traffic_daily_delete AFTER DELETE ON traffic_hourly BEGIN
  DELETE FROM traffic_daily
   WHERE day = substr(OLD.hour, 1, 10) AND endpoint_name = OLD.endpoint_name AND deployed_model_id = OLD.deployed_model_id;
  INSERT INTO traffic_daily (day, endpoint_name, deployed_model_id, hours, predictions, replicas, replica_hours, first_hour, last_hour)
  SELECT substr(OLD.hour, 1, 10), endpoint_name, deployed_model_id, COUNT(*), COALESCE(SUM(predictions), 0),
         COALESCE(SUM(replicas), 0), COUNT(replicas), MIN(hour), MAX(hour)
    FROM traffic_hourly
   WHERE endpoint_name = OLD.endpoint_name AND deployed_model_id = OLD.deployed_model_id
     AND hour >= substr(OLD.hour, 1, 10) AND hour < date(substr(OLD.hour, 1, 10), '+1 day')
   GROUP BY endpoint_name, deployed_model_id;
END;
--> statement-breakpoint
CREATE TRIGGER traffic_daily_update
AFTER UPDATE OF endpoint_name, deployed_model_id, hour, predictions, replicas ON traffic_hourly BEGIN
  DELETE FROM traffic_daily
   WHERE day = substr(NEW.hour, 1, 10) AND endpoint_name = NEW.endpoint_name AND deployed_model_id = NEW.deployed_model_id;
  INSERT INTO traffic_daily (day, endpoint_name, deployed_model_id, hours, predictions, replicas, replica_hours, first_hour, last_hour)
  SELECT substr(NEW.hour, 1, 10), endpoint_name, deployed_model_id, COUNT(*), COALESCE(SUM(predictions), 0),
         COALESCE(SUM(replicas), 0), COUNT(replicas), MIN(hour), MAX(hour)
    FROM traffic_hourly
   WHERE endpoint_name = NEW.endpoint_name AND deployed_model_id = NEW.deployed_model_id
     AND hour >= substr(NEW.hour, 1, 10) AND hour < date(substr(NEW.hour, 1, 10), '+1 day')
   GROUP BY endpoint_name, deployed_model_id;
END;
--> statement-breakpoint
CREATE TRIGGER traffic_daily_update_moved
AFTER UPDATE OF endpoint_name, deployed_model_id, hour ON traffic_hourly
WHEN OLD.endpoint_name IS NOT NEW.endpoint_name OR OLD.deployed_model_id IS NOT NEW.deployed_model_id
  OR substr(OLD.hour, 1, 10) IS NOT substr(NEW.hour, 1, 10) BEGIN
  DELETE FROM traffic_daily
   WHERE day = substr(OLD.hour, 1, 10) AND endpoint_name = OLD.endpoint_name AND deployed_model_id = OLD.deployed_model_id;
  INSERT INTO traffic_daily (day, endpoint_name, deployed_model_id, hours, predictions, replicas, replica_hours, first_hour, last_hour)
  SELECT substr(OLD.hour, 1, 10), endpoint_name, deployed_model_id, COUNT(*), COALESCE(SUM(predictions), 0),
         COALESCE(SUM(replicas), 0), COUNT(replicas), MIN(hour), MAX(hour)
    FROM traffic_hourly
   WHERE endpoint_name = OLD.endpoint_name AND deployed_model_id = OLD.deployed_model_id
     AND hour >= substr(OLD.hour, 1, 10) AND hour < date(substr(OLD.hour, 1, 10), '+1 day')
   GROUP BY endpoint_name, deployed_model_id;
END;
