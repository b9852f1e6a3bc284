-- DropForeignKey
ALTER TABLE "MetricEntry" DROP CONSTRAINT "MetricEntry_goalId_fkey";

-- AlterTable
ALTER TABLE "BudgetLine" ADD COLUMN     "actualMinor" BIGINT;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "lastDigestOn" TEXT,
ADD COLUMN     "lastDigestState" TEXT,
ADD COLUMN     "reportCompiledAt" TIMESTAMP(3),
ADD COLUMN     "retroPromptOn" TEXT,
ADD COLUMN     "retroReminderOn" TEXT;

-- AlterTable
ALTER TABLE "Goal" ADD COLUMN     "actualAsOf" TEXT,
ADD COLUMN     "actualMinor" BIGINT,
ADD COLUMN     "actualValue" DOUBLE PRECISION,
ADD COLUMN     "curve" TEXT NOT NULL DEFAULT 'linear',
ADD COLUMN     "finalMinor" BIGINT,
ADD COLUMN     "finalValue" DOUBLE PRECISION,
ADD COLUMN     "lastAlertOn" TEXT,
ADD COLUMN     "lastPromptOn" TEXT;

-- AlterTable
ALTER TABLE "MetricEntry" ADD COLUMN     "mode" TEXT NOT NULL DEFAULT 'day',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "valueMinor" BIGINT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "goalId" SET NOT NULL,
ALTER COLUMN "value" DROP NOT NULL,
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Prize" ADD COLUMN     "givenOut" INTEGER;

-- AlterTable
ALTER TABLE "Retro" ADD COLUMN     "biggestLesson" TEXT NOT NULL,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "wouldRunAgain" TEXT NOT NULL,
DROP COLUMN "overallEffect",
ADD COLUMN     "overallEffect" INTEGER NOT NULL,
ALTER COLUMN "submittedAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "doneAt" TIMESTAMP(3),
ADD COLUMN     "lastReminderOn" TEXT,
ADD COLUMN     "snoozedUntil" TEXT;

-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN     "paceMarginPercent" INTEGER;

-- CreateTable
CREATE TABLE "MetricEntryRevision" (
    "id" SERIAL NOT NULL,
    "entryId" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "valueMinor" BIGINT,
    "value" DOUBLE PRECISION,
    "note" TEXT,
    "reportedBy" TEXT NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL,
    "replacedBy" TEXT NOT NULL,

    CONSTRAINT "MetricEntryRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "timeZone" TEXT,
    "locale" TEXT,
    "deactivated" BOOLEAN NOT NULL DEFAULT false,
    "awayUntil" TEXT,
    "refreshedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("teamId","userId")
);

-- CreateIndex
CREATE INDEX "MetricEntryRevision_entryId_idx" ON "MetricEntryRevision"("entryId");

-- CreateIndex
CREATE INDEX "MetricEntry_campaignId_onDate_idx" ON "MetricEntry"("campaignId", "onDate");

-- CreateIndex
CREATE UNIQUE INDEX "RetroEntry_retroId_stage_key" ON "RetroEntry"("retroId", "stage");

-- AddForeignKey
ALTER TABLE "MetricEntry" ADD CONSTRAINT "MetricEntry_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricEntryRevision" ADD CONSTRAINT "MetricEntryRevision_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "MetricEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

