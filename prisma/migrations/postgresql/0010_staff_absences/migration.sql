-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "offDays" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "StaffAbsence" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "outletId" TEXT,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "coverId" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'absence',
    "source" TEXT NOT NULL DEFAULT 'chat',
    "requestKey" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "StaffAbsence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StaffAbsence_requestKey_key" ON "StaffAbsence"("requestKey");

-- CreateIndex
CREATE INDEX "StaffAbsence_staffId_toDate_idx" ON "StaffAbsence"("staffId", "toDate");

-- CreateIndex
CREATE INDEX "StaffAbsence_coverId_toDate_idx" ON "StaffAbsence"("coverId", "toDate");

-- CreateIndex
CREATE INDEX "StaffAbsence_outletId_toDate_idx" ON "StaffAbsence"("outletId", "toDate");

-- AddForeignKey
ALTER TABLE "StaffAbsence" ADD CONSTRAINT "StaffAbsence_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffAbsence" ADD CONSTRAINT "StaffAbsence_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffAbsence" ADD CONSTRAINT "StaffAbsence_coverId_fkey" FOREIGN KEY ("coverId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

