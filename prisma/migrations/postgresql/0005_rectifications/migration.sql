-- CreateTable
CREATE TABLE "Rectification" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "sourceResultId" TEXT NOT NULL,
    "taskKey" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "closedAt" TIMESTAMP(3),
    "closedById" TEXT,
    "closingNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Rectification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Rectification_ref_key" ON "Rectification"("ref");

-- CreateIndex
CREATE UNIQUE INDEX "Rectification_sourceResultId_key" ON "Rectification"("sourceResultId");

-- CreateIndex
CREATE INDEX "Rectification_outletId_status_dueAt_idx" ON "Rectification"("outletId", "status", "dueAt");

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rectification" ADD CONSTRAINT "Rectification_sourceResultId_fkey" FOREIGN KEY ("sourceResultId") REFERENCES "ChecklistItemResult"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

