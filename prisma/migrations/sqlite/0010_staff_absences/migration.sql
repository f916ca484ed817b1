-- CreateTable
CREATE TABLE "StaffAbsence" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" DATETIME,
    CONSTRAINT "StaffAbsence_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "StaffAbsence_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "StaffAbsence_coverId_fkey" FOREIGN KEY ("coverId") REFERENCES "Staff" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Staff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "offDays" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_Staff" ("active", "code", "createdAt", "id", "locale", "name", "updatedAt") SELECT "active", "code", "createdAt", "id", "locale", "name", "updatedAt" FROM "Staff";
DROP TABLE "Staff";
ALTER TABLE "new_Staff" RENAME TO "Staff";
CREATE UNIQUE INDEX "Staff_code_key" ON "Staff"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "StaffAbsence_requestKey_key" ON "StaffAbsence"("requestKey");

-- CreateIndex
CREATE INDEX "StaffAbsence_staffId_toDate_idx" ON "StaffAbsence"("staffId", "toDate");

-- CreateIndex
CREATE INDEX "StaffAbsence_coverId_toDate_idx" ON "StaffAbsence"("coverId", "toDate");

-- CreateIndex
CREATE INDEX "StaffAbsence_outletId_toDate_idx" ON "StaffAbsence"("outletId", "toDate");

