-- Stage 2: the execution plan and the task plan. The stage-2 tables reshaped here were never written
-- before this migration (stage 1 only modelled them), so the dropped columns held no data.
/*
  Warnings:

  - You are about to drop the `TargetUserTrait` table. If the table is not empty, all the data it contains will be lost.
  - You are about to drop the column `amount` on the `BudgetLine` table. All the data in the column will be lost.
  - You are about to drop the column `conservativeEstimate` on the `BudgetLine` table. All the data in the column will be lost.
  - You are about to drop the column `currency` on the `BudgetLine` table. All the data in the column will be lost.
  - You are about to drop the column `estimateMetric` on the `BudgetLine` table. All the data in the column will be lost.
  - You are about to drop the column `ownerId` on the `Goal` table. All the data in the column will be lost.
  - You are about to drop the column `target` on the `Goal` table. All the data in the column will be lost.
  - You are about to drop the column `contentDeadline` on the `Plan` table. All the data in the column will be lost.
  - You are about to drop the column `contentSummary` on the `Plan` table. All the data in the column will be lost.
  - You are about to drop the column `prizeDistribution` on the `Plan` table. All the data in the column will be lost.
  - You are about to drop the column `serviceAndFeedback` on the `Plan` table. All the data in the column will be lost.
  - You are about to drop the column `targetUsersSummary` on the `Plan` table. All the data in the column will be lost.
  - You are about to drop the column `howAwarded` on the `Prize` table. All the data in the column will be lost.
  - You are about to drop the column `ownerId` on the `PromotionItem` table. All the data in the column will be lost.
  - You are about to drop the column `dependsOnId` on the `Task` table. All the data in the column will be lost.
  - You are about to drop the column `workstream` on the `Task` table. All the data in the column will be lost.
  - Added the required column `amountMinor` to the `BudgetLine` table without a default value. This is not possible if the table is not empty.
  - Added the required column `basisKind` to the `Goal` table without a default value. This is not possible if the table is not empty.
  - Added the required column `currency` to the `Plan` table without a default value. This is not possible if the table is not empty.
  - Added the required column `howGiven` to the `Prize` table without a default value. This is not possible if the table is not empty.
  - Added the required column `valueMinor` to the `Prize` table without a default value. This is not possible if the table is not empty.
  - Added the required column `promoterId` to the `PromotionItem` table without a default value. This is not possible if the table is not empty.
  - Added the required column `createdAt` to the `Task` table without a default value. This is not possible if the table is not empty.
  - Added the required column `stage` to the `Task` table without a default value. This is not possible if the table is not empty.
  - Added the required column `teamId` to the `Task` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN "currency" TEXT;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "TargetUserTrait";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "PlanSectionRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PlanSectionRevision_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EffectEstimate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "customMetric" TEXT,
    "expected" REAL NOT NULL,
    CONSTRAINT "EffectEstimate_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BudgetLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scenarioId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "channel" TEXT,
    "amountMinor" BIGINT NOT NULL,
    "note" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "BudgetLine_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "BudgetScenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BudgetLine" ("category", "channel", "id", "scenarioId") SELECT "category", "channel", "id", "scenarioId" FROM "BudgetLine";
DROP TABLE "BudgetLine";
ALTER TABLE "new_BudgetLine" RENAME TO "BudgetLine";
CREATE TABLE "new_BudgetScenario" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "chosen" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "BudgetScenario_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BudgetScenario" ("campaignId", "chosen", "id", "name") SELECT "campaignId", "chosen", "id", "name" FROM "BudgetScenario";
DROP TABLE "BudgetScenario";
ALTER TABLE "new_BudgetScenario" RENAME TO "BudgetScenario";
CREATE INDEX "BudgetScenario_campaignId_idx" ON "BudgetScenario"("campaignId");
CREATE TABLE "new_Campaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "activeNameKey" TEXT,
    "stage" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "platform" TEXT,
    "platformOther" TEXT,
    "timingNode" TEXT NOT NULL,
    "timingNote" TEXT,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "sourceViewId" TEXT,
    "proposalChannelId" TEXT,
    "proposalMessageTs" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "planRevision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Campaign" ("activeNameKey", "approverId", "channelId", "createdAt", "createdById", "endDate", "id", "kind", "name", "ownerId", "platform", "platformOther", "proposalChannelId", "proposalMessageTs", "sourceViewId", "stage", "startDate", "teamId", "timingNode", "timingNote", "updatedAt", "version") SELECT "activeNameKey", "approverId", "channelId", "createdAt", "createdById", "endDate", "id", "kind", "name", "ownerId", "platform", "platformOther", "proposalChannelId", "proposalMessageTs", "sourceViewId", "stage", "startDate", "teamId", "timingNode", "timingNote", "updatedAt", "version" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE UNIQUE INDEX "Campaign_sourceViewId_key" ON "Campaign"("sourceViewId");
CREATE INDEX "Campaign_teamId_stage_idx" ON "Campaign"("teamId", "stage");
CREATE UNIQUE INDEX "Campaign_teamId_activeNameKey_key" ON "Campaign"("teamId", "activeNameKey");
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
    CONSTRAINT "Goal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Goal" ("basis", "campaignId", "id", "metric", "unit") SELECT "basis", "campaignId", "id", "metric", "unit" FROM "Goal";
DROP TABLE "Goal";
ALTER TABLE "new_Goal" RENAME TO "Goal";
CREATE INDEX "Goal_campaignId_idx" ON "Goal"("campaignId");
CREATE TABLE "new_Plan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "purpose" TEXT,
    "levers" TEXT,
    "productState" TEXT,
    "targetWho" TEXT,
    "targetNeeds" TEXT,
    "targetAgeRange" TEXT,
    "targetOccupations" TEXT,
    "targetOtherTraits" TEXT,
    "contentDescription" TEXT,
    "contentEntryDeadline" TEXT,
    "contentEligibility" TEXT,
    "serviceResponderId" TEXT,
    "serviceFeedbackProcess" TEXT,
    "templateDecision" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Plan" ("campaignId", "id", "levers", "purpose", "updatedAt") SELECT "campaignId", "id", "levers", "purpose", "updatedAt" FROM "Plan";
DROP TABLE "Plan";
ALTER TABLE "new_Plan" RENAME TO "Plan";
CREATE UNIQUE INDEX "Plan_campaignId_key" ON "Plan"("campaignId");
CREATE TABLE "new_Prize" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "valueMinor" BIGINT NOT NULL,
    "howGiven" TEXT NOT NULL,
    CONSTRAINT "Prize_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Prize" ("campaignId", "id", "name", "quantity") SELECT "campaignId", "id", "name", "quantity" FROM "Prize";
DROP TABLE "Prize";
ALTER TABLE "new_Prize" RENAME TO "Prize";
CREATE INDEX "Prize_campaignId_idx" ON "Prize"("campaignId");
CREATE TABLE "new_PromotionItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "channelOther" TEXT,
    "what" TEXT NOT NULL,
    "onDate" TEXT NOT NULL,
    "promoterId" TEXT NOT NULL,
    CONSTRAINT "PromotionItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_PromotionItem" ("campaignId", "channel", "id", "onDate", "what") SELECT "campaignId", "channel", "id", "onDate", "what" FROM "PromotionItem";
DROP TABLE "PromotionItem";
ALTER TABLE "new_PromotionItem" RENAME TO "PromotionItem";
CREATE INDEX "PromotionItem_campaignId_idx" ON "PromotionItem"("campaignId");
CREATE TABLE "new_Task" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "teamId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'todo',
    "blockedReason" TEXT,
    "templateKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Task_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("campaignId", "dueDate", "id", "ownerId", "startDate", "status", "title", "updatedAt") SELECT "campaignId", "dueDate", "id", "ownerId", "startDate", "status", "title", "updatedAt" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE INDEX "Task_campaignId_dueDate_idx" ON "Task"("campaignId", "dueDate");
CREATE INDEX "Task_teamId_ownerId_status_idx" ON "Task"("teamId", "ownerId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "PlanSectionRevision_campaignId_section_key" ON "PlanSectionRevision"("campaignId", "section");

-- CreateIndex
CREATE UNIQUE INDEX "EffectEstimate_campaignId_channel_key" ON "EffectEstimate"("campaignId", "channel");

-- CreateIndex
CREATE INDEX "Risk_campaignId_idx" ON "Risk"("campaignId");
