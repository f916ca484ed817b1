-- DropIndex
DROP INDEX "AuditEvent_seq_key";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "chain" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chain_seq_key" ON "AuditEvent"("chain", "seq");

