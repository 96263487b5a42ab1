-- The kind joins billing_daily's key. SQLite changes a key by rebuilding the table, which drops the triggers that
-- keep the rollups exact (0003): they are created again here, unchanged. The rollups already group by kind, and
-- the copy does not touch them, so they stay equal to the rebuilt table.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_billing_daily` (
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
	PRIMARY KEY(`day`, `project`, `service`, `sku_id`, `location`, `label_key`, `kind`)
);
--> statement-breakpoint
INSERT INTO `__new_billing_daily`("day", "project", "service", "sku_id", "sku_description", "location", "label_key", "labels", "kind", "cost", "credits", "currency", "ingested_at") SELECT "day", "project", "service", "sku_id", "sku_description", "location", "label_key", "labels", "kind", "cost", "credits", "currency", "ingested_at" FROM `billing_daily`;--> statement-breakpoint
DROP TABLE `billing_daily`;--> statement-breakpoint
ALTER TABLE `__new_billing_daily` RENAME TO `billing_daily`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `billing_day_idx` ON `billing_daily` (`day`);--> statement-breakpoint
CREATE TRIGGER billing_rollups_insert AFTER INSERT ON billing_daily BEGIN
  INSERT INTO billing_rollup_daily (day, project, location, kind, sku_description, cost, credits, net, rows)
  VALUES (NEW.day, NEW.project, NEW.location, NEW.kind, NEW.sku_description, NEW.cost, NEW.credits, (NEW.cost + NEW.credits), 1)
  ON CONFLICT (day, project, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_sku_daily (day, location, kind, sku_description, cost, credits, net, rows)
  VALUES (NEW.day, NEW.location, NEW.kind, NEW.sku_description, NEW.cost, NEW.credits, (NEW.cost + NEW.credits), 1)
  ON CONFLICT (day, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_project_daily (day, project, cost, credits, net, rows)
  VALUES (NEW.day, NEW.project, NEW.cost, NEW.credits, (NEW.cost + NEW.credits), 1)
  ON CONFLICT (day, project) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_label_daily (label_key, day, label_value, location, kind, sku_description, cost, credits, net, rows)
  SELECT j.key, NEW.day, j.value, NEW.location, NEW.kind, NEW.sku_description, NEW.cost, NEW.credits,
         (NEW.cost + NEW.credits), 1
    FROM json_each(NEW.labels) j WHERE j.atom IS NOT NULL
  ON CONFLICT (label_key, day, label_value, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
END;
--> statement-breakpoint
CREATE TRIGGER billing_rollups_delete AFTER DELETE ON billing_daily BEGIN
  INSERT INTO billing_rollup_daily (day, project, location, kind, sku_description, cost, credits, net, rows)
  VALUES (OLD.day, OLD.project, OLD.location, OLD.kind, OLD.sku_description, -OLD.cost, -OLD.credits, -(OLD.cost + OLD.credits), -1)
  ON CONFLICT (day, project, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_sku_daily (day, location, kind, sku_description, cost, credits, net, rows)
  VALUES (OLD.day, OLD.location, OLD.kind, OLD.sku_description, -OLD.cost, -OLD.credits, -(OLD.cost + OLD.credits), -1)
  ON CONFLICT (day, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_project_daily (day, project, cost, credits, net, rows)
  VALUES (OLD.day, OLD.project, -OLD.cost, -OLD.credits, -(OLD.cost + OLD.credits), -1)
  ON CONFLICT (day, project) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_label_daily (label_key, day, label_value, location, kind, sku_description, cost, credits, net, rows)
  SELECT j.key, OLD.day, j.value, OLD.location, OLD.kind, OLD.sku_description, -OLD.cost, -OLD.credits,
         -(OLD.cost + OLD.credits), -1
    FROM json_each(OLD.labels) j WHERE j.atom IS NOT NULL
  ON CONFLICT (label_key, day, label_value, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  DELETE FROM billing_rollup_daily WHERE day = OLD.day AND project = OLD.project AND location = OLD.location AND kind = OLD.kind AND sku_description = OLD.sku_description AND rows = 0;
  DELETE FROM billing_sku_daily WHERE day = OLD.day AND location = OLD.location AND kind = OLD.kind AND sku_description = OLD.sku_description AND rows = 0;
  DELETE FROM billing_project_daily WHERE day = OLD.day AND project = OLD.project AND rows = 0;
  DELETE FROM billing_label_daily
   WHERE label_key IN (SELECT key FROM json_each(OLD.labels)) AND day = OLD.day
     AND label_value IN (SELECT value FROM json_each(OLD.labels)) AND location = OLD.location
     AND kind = OLD.kind AND sku_description = OLD.sku_description AND rows = 0;
END;
--> statement-breakpoint
CREATE TRIGGER billing_rollups_update
AFTER UPDATE OF day, project, location, kind, sku_description, labels, cost, credits ON billing_daily BEGIN
  INSERT INTO billing_rollup_daily (day, project, location, kind, sku_description, cost, credits, net, rows)
  VALUES (OLD.day, OLD.project, OLD.location, OLD.kind, OLD.sku_description, -OLD.cost, -OLD.credits, -(OLD.cost + OLD.credits), -1)
  ON CONFLICT (day, project, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_sku_daily (day, location, kind, sku_description, cost, credits, net, rows)
  VALUES (OLD.day, OLD.location, OLD.kind, OLD.sku_description, -OLD.cost, -OLD.credits, -(OLD.cost + OLD.credits), -1)
  ON CONFLICT (day, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_project_daily (day, project, cost, credits, net, rows)
  VALUES (OLD.day, OLD.project, -OLD.cost, -OLD.credits, -(OLD.cost + OLD.credits), -1)
  ON CONFLICT (day, project) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_label_daily (label_key, day, label_value, location, kind, sku_description, cost, credits, net, rows)
  SELECT j.key, OLD.day, j.value, OLD.location, OLD.kind, OLD.sku_description, -OLD.cost, -OLD.credits,
         -(OLD.cost + OLD.credits), -1
    FROM json_each(OLD.labels) j WHERE j.atom IS NOT NULL
  ON CONFLICT (label_key, day, label_value, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  DELETE FROM billing_rollup_daily WHERE day = OLD.day AND project = OLD.project AND location = OLD.location AND kind = OLD.kind AND sku_description = OLD.sku_description AND rows = 0;
  DELETE FROM billing_sku_daily WHERE day = OLD.day AND location = OLD.location AND kind = OLD.kind AND sku_description = OLD.sku_description AND rows = 0;
  DELETE FROM billing_project_daily WHERE day = OLD.day AND project = OLD.project AND rows = 0;
  DELETE FROM billing_label_daily
   WHERE label_key IN (SELECT key FROM json_each(OLD.labels)) AND day = OLD.day
     AND label_value IN (SELECT value FROM json_each(OLD.labels)) AND location = OLD.location
     AND kind = OLD.kind AND sku_description = OLD.sku_description AND rows = 0;
  INSERT INTO billing_rollup_daily (day, project, location, kind, sku_description, cost, credits, net, rows)
  VALUES (NEW.day, NEW.project, NEW.location, NEW.kind, NEW.sku_description, NEW.cost, NEW.credits, (NEW.cost + NEW.credits), 1)
  ON CONFLICT (day, project, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_sku_daily (day, location, kind, sku_description, cost, credits, net, rows)
  VALUES (NEW.day, NEW.location, NEW.kind, NEW.sku_description, NEW.cost, NEW.credits, (NEW.cost + NEW.credits), 1)
  ON CONFLICT (day, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_project_daily (day, project, cost, credits, net, rows)
  VALUES (NEW.day, NEW.project, NEW.cost, NEW.credits, (NEW.cost + NEW.credits), 1)
  ON CONFLICT (day, project) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
  INSERT INTO billing_label_daily (label_key, day, label_value, location, kind, sku_description, cost, credits, net, rows)
  SELECT j.key, NEW.day, j.value, NEW.location, NEW.kind, NEW.sku_description, NEW.cost, NEW.credits,
         (NEW.cost + NEW.credits), 1
    FROM json_each(NEW.labels) j WHERE j.atom IS NOT NULL
  ON CONFLICT (label_key, day, label_value, location, kind, sku_description) DO UPDATE SET cost = cost + excluded.cost, credits = credits + excluded.credits,
    net = net + excluded.net, rows = rows + excluded.rows;
END;
