-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "digestTime" TEXT,
ADD COLUMN     "pausedAt" TIMESTAMP(3),
ADD COLUMN     "promptTime" TEXT,
ADD COLUMN     "quietDigests" BOOLEAN,
ADD COLUMN     "timeZone" TEXT;

-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN     "digestTime" TEXT,
ADD COLUMN     "promptTime" TEXT,
ADD COLUMN     "quietDigests" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reminderLeadDays" INTEGER,
ADD COLUMN     "workingDays" TEXT;
