-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "pacingKey" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "OutboxMessage_platform_pacingKey_sentAt_idx" ON "OutboxMessage"("platform", "pacingKey", "sentAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_platform_destination_sentAt_idx" ON "OutboxMessage"("platform", "destination", "sentAt");


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
