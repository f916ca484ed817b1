-- CreateTable
CREATE TABLE "DigestRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_kind_scope_period_key" ON "DigestRun"("kind", "scope", "period");

