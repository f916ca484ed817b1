-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "overShort" TEXT,
ADD COLUMN     "policeCalled" BOOLEAN;

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "causeAnalysis" TEXT,
ADD COLUMN     "preventiveMeasures" TEXT;

