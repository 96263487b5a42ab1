-- Hours of traffic_hourly in one form, RFC 3339 to the second ("2026-11-20T05:00:00Z"), the form every window
-- is compared in: earlier syncs stored milliseconds ("…T05:00:00.000Z"), which sort before the window's own
-- bound and shifted every window by an hour.
UPDATE OR REPLACE traffic_hourly SET hour = substr(hour, 1, 19) || 'Z' WHERE hour LIKE '____-__-__T__:__:__.%Z';
