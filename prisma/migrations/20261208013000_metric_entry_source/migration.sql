-- AlterTable
ALTER TABLE "MetricEntry" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'typed';

-- AlterTable
ALTER TABLE "MetricEntryRevision" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'typed';
