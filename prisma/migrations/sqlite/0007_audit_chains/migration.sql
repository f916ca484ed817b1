-- The audit trail becomes several chains (issue 14): (chain, seq) is unique instead of seq.
-- Written by hand instead of Prisma's table redefinition: SQLite can drop an index and add a
-- column with a default in place, which matters for an audit table of millions of rows.
-- The result is the schema Prisma expects (tests/foundation/schemas.test.ts compares it).

-- DropIndex
DROP INDEX "AuditEvent_seq_key";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "chain" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_chain_seq_key" ON "AuditEvent"("chain", "seq");
