-- CreateTable
CREATE TABLE "StaffDueDate" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "dueOn" TEXT NOT NULL,
    "remindedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffDueDate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StaffDueDate_remindedAt_idx" ON "StaffDueDate"("remindedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffDueDate_staffId_kind_dueOn_key" ON "StaffDueDate"("staffId", "kind", "dueOn");

-- AddForeignKey
ALTER TABLE "StaffDueDate" ADD CONSTRAINT "StaffDueDate_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

