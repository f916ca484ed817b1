-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "overShort" TEXT;
ALTER TABLE "Incident" ADD COLUMN "policeCalled" BOOLEAN;

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "causeAnalysis" TEXT;
ALTER TABLE "Complaint" ADD COLUMN "preventiveMeasures" TEXT;

