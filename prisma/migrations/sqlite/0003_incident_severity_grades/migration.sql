-- Incidents are graded on the standard four levels 一般 / 较大 / 重大 / 特别重大
-- (minor / major / serious / critical). The earlier three levels map one to one onto the
-- nearest grade, so no incident changes its acknowledgement clock: normal → minor,
-- high → major, critical → critical. "serious" is new and only set from now on.
UPDATE "Incident" SET "severity" = 'minor' WHERE "severity" = 'normal';
UPDATE "Incident" SET "severity" = 'major' WHERE "severity" = 'high';
