-- CreateTable
CREATE TABLE "ErrorNotice" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "voucherRef" TEXT,
    "issuedById" TEXT NOT NULL,
    "responsibleStaffId" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "step" INTEGER NOT NULL DEFAULT 0,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "reply" TEXT,
    "repliedAt" TIMESTAMP(3),
    "repliedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "returnCount" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErrorNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ErrorNotice_ref_key" ON "ErrorNotice"("ref");

-- CreateIndex
CREATE INDEX "ErrorNotice_outletId_status_dueAt_idx" ON "ErrorNotice"("outletId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "ErrorNotice_status_flagged_dueAt_idx" ON "ErrorNotice"("status", "flagged", "dueAt");

-- AddForeignKey
ALTER TABLE "ErrorNotice" ADD CONSTRAINT "ErrorNotice_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

