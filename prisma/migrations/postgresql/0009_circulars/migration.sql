-- CreateTable
CREATE TABLE "Circular" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Circular_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CircularRecipient" (
    "id" TEXT NOT NULL,
    "circularId" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "outletId" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "lastNudgedAt" TIMESTAMP(3),
    "nudges" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CircularRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Circular_ref_key" ON "Circular"("ref");

-- CreateIndex
CREATE INDEX "Circular_senderId_createdAt_idx" ON "Circular"("senderId", "createdAt");

-- CreateIndex
CREATE INDEX "CircularRecipient_acknowledgedAt_lastNudgedAt_idx" ON "CircularRecipient"("acknowledgedAt", "lastNudgedAt");

-- CreateIndex
CREATE INDEX "CircularRecipient_outletId_acknowledgedAt_idx" ON "CircularRecipient"("outletId", "acknowledgedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CircularRecipient_circularId_staffId_key" ON "CircularRecipient"("circularId", "staffId");

-- AddForeignKey
ALTER TABLE "CircularRecipient" ADD CONSTRAINT "CircularRecipient_circularId_fkey" FOREIGN KEY ("circularId") REFERENCES "Circular"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

