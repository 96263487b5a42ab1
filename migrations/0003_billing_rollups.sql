-- Triggers keeping the billing rollups (0002) equal to GROUP BYs over billing_daily, and the backfill of rows
-- already there. An insert adds a row's amounts to its groups, a delete subtracts them (and removes a group whose
-- row count reaches 0), an update does both. Label pairs come from json_each over the labels object; values that
-- are not scalars (never written by the sync) are left out.
INSERT INTO `billing_rollup_daily` (day, project, location, kind, sku_description, cost, credits, net, rows)
SELECT day, project, location, kind, sku_description, SUM(cost), SUM(credits), SUM(cost + credits), COUNT(*) FROM billing_daily GROUP BY day, project, location, kind, sku_description;
--> statement-breakpoint
INSERT INTO `billing_sku_daily` (day, location, kind, sku_description, cost, credits, net, rows)
SELECT day, location, kind, sku_description, SUM(cost), SUM(credits), SUM(cost + credits), COUNT(*) FROM billing_daily GROUP BY day, location, kind, sku_description;
--> statement-breakpoint
INSERT INTO `billing_project_daily` (day, project, cost, credits, net, rows)
SELECT day, project, SUM(cost), SUM(credits), SUM(cost + credits), COUNT(*) FROM billing_daily GROUP BY day, project;
--> statement-breakpoint
INSERT INTO `billing_label_daily` (label_key, day, label_value, location, kind, sku_description, cost, credits, net, rows)
SELECT j.key, b.day, j.value, b.location, b.kind, b.sku_description, SUM(b.cost), SUM(b.credits), SUM(b.cost + b.credits), COUNT(*)
  FROM billing_daily b, json_each(b.labels) j WHERE j.atom IS NOT NULL
 GROUP BY j.key, b.day, j.value, b.location, b.kind, b.sku_description;
--> statement-breakpoint
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
