-- CreateTable
CREATE TABLE "CustodyMovement" (
    "id" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStaffId" TEXT,
    "toStaffId" TEXT,
    "quantity" INTEGER NOT NULL,
    "rangeFrom" TEXT,
    "rangeTo" TEXT,
    "expected" INTEGER,
    "counted" INTEGER,
    "incidentId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "byStaffId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "requestKey" TEXT,

    CONSTRAINT "CustodyMovement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustodyMovement_requestKey_key" ON "CustodyMovement"("requestKey");

-- CreateIndex
CREATE UNIQUE INDEX "CustodyMovement_outletId_itemKey_seq_key" ON "CustodyMovement"("outletId", "itemKey", "seq");

-- AddForeignKey
ALTER TABLE "CustodyMovement" ADD CONSTRAINT "CustodyMovement_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Outlet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

