-- CreateTable
CREATE TABLE "Handover" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStaffId" TEXT NOT NULL,
    "toStaffId" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "fromConfirmedAt" DATETIME NOT NULL,
    "toConfirmedAt" DATETIME,
    "disputedAt" DATETIME,
    "returnedAt" DATETIME,
    "cancelledAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Handover_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Handover_ref_key" ON "Handover"("ref");

-- CreateIndex
CREATE INDEX "Handover_outletId_status_createdAt_idx" ON "Handover"("outletId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Handover_toStaffId_status_idx" ON "Handover"("toStaffId", "status");

