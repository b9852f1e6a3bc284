-- AlterTable
ALTER TABLE "BudgetLine" ADD COLUMN "actualMinor" BIGINT;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "lastDigestOn" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "lastDigestState" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "reportCompiledAt" DATETIME;
ALTER TABLE "Campaign" ADD COLUMN "retroPromptOn" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "retroReminderOn" TEXT;

-- AlterTable
ALTER TABLE "Prize" ADD COLUMN "givenOut" INTEGER;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN "doneAt" DATETIME;
ALTER TABLE "Task" ADD COLUMN "lastReminderOn" TEXT;
ALTER TABLE "Task" ADD COLUMN "snoozedUntil" TEXT;

-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN "paceMarginPercent" INTEGER;

-- CreateTable
CREATE TABLE "MetricEntryRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entryId" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "valueMinor" BIGINT,
    "value" REAL,
    "note" TEXT,
    "reportedBy" TEXT NOT NULL,
    "replacedAt" DATETIME NOT NULL,
    "replacedBy" TEXT NOT NULL,
    CONSTRAINT "MetricEntryRevision_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "MetricEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "teamId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "timeZone" TEXT,
    "locale" TEXT,
    "deactivated" BOOLEAN NOT NULL DEFAULT false,
    "awayUntil" TEXT,
    "refreshedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("teamId", "userId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Goal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "customMetric" TEXT,
    "unit" TEXT,
    "targetMinor" BIGINT,
    "targetValue" REAL,
    "basisKind" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "pastCampaignIds" TEXT,
    "dataOwnerId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "curve" TEXT NOT NULL DEFAULT 'linear',
    "actualMinor" BIGINT,
    "actualValue" REAL,
    "actualAsOf" TEXT,
    "finalMinor" BIGINT,
    "finalValue" REAL,
    "lastPromptOn" TEXT,
    "lastAlertOn" TEXT,
    CONSTRAINT "Goal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Goal" ("basis", "basisKind", "campaignId", "customMetric", "dataOwnerId", "id", "metric", "pastCampaignIds", "position", "targetMinor", "targetValue", "unit") SELECT "basis", "basisKind", "campaignId", "customMetric", "dataOwnerId", "id", "metric", "pastCampaignIds", "position", "targetMinor", "targetValue", "unit" FROM "Goal";
DROP TABLE "Goal";
ALTER TABLE "new_Goal" RENAME TO "Goal";
CREATE INDEX "Goal_campaignId_idx" ON "Goal"("campaignId");
CREATE TABLE "new_MetricEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "goalId" INTEGER NOT NULL,
    "onDate" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'day',
    "valueMinor" BIGINT,
    "value" REAL,
    "reportedBy" TEXT NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MetricEntry_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MetricEntry_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MetricEntry" ("campaignId", "createdAt", "goalId", "id", "note", "onDate", "reportedBy", "value") SELECT "campaignId", "createdAt", "goalId", "id", "note", "onDate", "reportedBy", "value" FROM "MetricEntry";
DROP TABLE "MetricEntry";
ALTER TABLE "new_MetricEntry" RENAME TO "MetricEntry";
CREATE INDEX "MetricEntry_campaignId_onDate_idx" ON "MetricEntry"("campaignId", "onDate");
CREATE UNIQUE INDEX "MetricEntry_goalId_onDate_key" ON "MetricEntry"("goalId", "onDate");
CREATE TABLE "new_Retro" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "respondentId" TEXT NOT NULL,
    "overallEffect" INTEGER NOT NULL,
    "biggestLesson" TEXT NOT NULL,
    "wouldRunAgain" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Retro_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Retro" ("campaignId", "id", "overallEffect", "respondentId", "submittedAt") SELECT "campaignId", "id", "overallEffect", "respondentId", "submittedAt" FROM "Retro";
DROP TABLE "Retro";
ALTER TABLE "new_Retro" RENAME TO "Retro";
CREATE UNIQUE INDEX "Retro_campaignId_respondentId_key" ON "Retro"("campaignId", "respondentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MetricEntryRevision_entryId_idx" ON "MetricEntryRevision"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "RetroEntry_retroId_stage_key" ON "RetroEntry"("retroId", "stage");

