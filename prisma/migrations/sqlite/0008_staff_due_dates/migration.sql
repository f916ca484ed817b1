-- CreateTable
CREATE TABLE "StaffDueDate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "remindedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffDueDate_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StaffDueDate_remindedAt_idx" ON "StaffDueDate"("remindedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffDueDate_staffId_kind_dueOn_key" ON "StaffDueDate"("staffId", "kind", "dueOn");

