-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotencyKey" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "pacingKey" TEXT NOT NULL DEFAULT '',
    "threadId" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'post',
    "updateOfKey" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "platformMessageId" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_OutboxMessage" ("attempts", "createdAt", "destination", "id", "idempotencyKey", "kind", "lastError", "lockedBy", "lockedUntil", "nextAttemptAt", "payload", "platform", "platformMessageId", "sentAt", "status", "threadId", "updateOfKey", "updatedAt") SELECT "attempts", "createdAt", "destination", "id", "idempotencyKey", "kind", "lastError", "lockedBy", "lockedUntil", "nextAttemptAt", "payload", "platform", "platformMessageId", "sentAt", "status", "threadId", "updateOfKey", "updatedAt" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_platform_destination_platformMessageId_idx" ON "OutboxMessage"("platform", "destination", "platformMessageId");
CREATE INDEX "OutboxMessage_platform_pacingKey_sentAt_idx" ON "OutboxMessage"("platform", "pacingKey", "sentAt");
CREATE INDEX "OutboxMessage_platform_destination_sentAt_idx" ON "OutboxMessage"("platform", "destination", "sentAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill: rows still to be sent are paced by their outlet channel's workspace
UPDATE "OutboxMessage" SET "pacingKey" = (
    SELECT b."workspace" FROM "ChannelBinding" b
    WHERE b."platform" = "OutboxMessage"."platform" AND b."channelId" = "OutboxMessage"."destination" AND b."workspace" <> ''
    LIMIT 1
)
WHERE "status" IN ('pending', 'sending') AND EXISTS (
    SELECT 1 FROM "ChannelBinding" b
    WHERE b."platform" = "OutboxMessage"."platform" AND b."channelId" = "OutboxMessage"."destination" AND b."workspace" <> ''
);
