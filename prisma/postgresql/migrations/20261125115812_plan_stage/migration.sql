-- Stage 2: the execution plan and the task plan. The stage-2 tables reshaped here were never written
-- before this migration (stage 1 only modelled them), so the dropped columns held no data.
/*
  Warnings:

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
  - You are about to drop the `TargetUserTrait` table. If the table is not empty, all the data it contains will be lost.
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
-- DropForeignKey
ALTER TABLE "TargetUserTrait" DROP CONSTRAINT "TargetUserTrait_campaignId_fkey";

-- AlterTable
ALTER TABLE "BudgetLine" DROP COLUMN "amount",
DROP COLUMN "conservativeEstimate",
DROP COLUMN "currency",
DROP COLUMN "estimateMetric",
ADD COLUMN     "amountMinor" BIGINT NOT NULL,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "BudgetScenario" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "planRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Goal" DROP COLUMN "ownerId",
DROP COLUMN "target",
ADD COLUMN     "basisKind" TEXT NOT NULL,
ADD COLUMN     "customMetric" TEXT,
ADD COLUMN     "dataOwnerId" TEXT,
ADD COLUMN     "pastCampaignIds" TEXT,
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "targetMinor" BIGINT,
ADD COLUMN     "targetValue" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Plan" DROP COLUMN "contentDeadline",
DROP COLUMN "contentSummary",
DROP COLUMN "prizeDistribution",
DROP COLUMN "serviceAndFeedback",
DROP COLUMN "targetUsersSummary",
ADD COLUMN     "contentDescription" TEXT,
ADD COLUMN     "contentEligibility" TEXT,
ADD COLUMN     "contentEntryDeadline" TEXT,
ADD COLUMN     "currency" TEXT NOT NULL,
ADD COLUMN     "productState" TEXT,
ADD COLUMN     "serviceFeedbackProcess" TEXT,
ADD COLUMN     "serviceResponderId" TEXT,
ADD COLUMN     "targetAgeRange" TEXT,
ADD COLUMN     "targetNeeds" TEXT,
ADD COLUMN     "targetOccupations" TEXT,
ADD COLUMN     "targetOtherTraits" TEXT,
ADD COLUMN     "targetWho" TEXT,
ADD COLUMN     "templateDecision" TEXT;

-- AlterTable
ALTER TABLE "Prize" DROP COLUMN "howAwarded",
ADD COLUMN     "howGiven" TEXT NOT NULL,
ADD COLUMN     "valueMinor" BIGINT NOT NULL;

-- AlterTable
ALTER TABLE "PromotionItem" DROP COLUMN "ownerId",
ADD COLUMN     "channelOther" TEXT,
ADD COLUMN     "promoterId" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "Task" DROP COLUMN "dependsOnId",
DROP COLUMN "workstream",
ADD COLUMN     "blockedReason" TEXT,
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "stage" TEXT NOT NULL,
ADD COLUMN     "teamId" TEXT NOT NULL,
ADD COLUMN     "templateKey" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN     "currency" TEXT;

-- DropTable
DROP TABLE "TargetUserTrait";

-- CreateTable
CREATE TABLE "PlanSectionRevision" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanSectionRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EffectEstimate" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "customMetric" TEXT,
    "expected" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "EffectEstimate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlanSectionRevision_campaignId_section_key" ON "PlanSectionRevision"("campaignId", "section");

-- CreateIndex
CREATE UNIQUE INDEX "EffectEstimate_campaignId_channel_key" ON "EffectEstimate"("campaignId", "channel");

-- CreateIndex
CREATE INDEX "BudgetScenario_campaignId_idx" ON "BudgetScenario"("campaignId");

-- CreateIndex
CREATE INDEX "Goal_campaignId_idx" ON "Goal"("campaignId");

-- CreateIndex
CREATE INDEX "Prize_campaignId_idx" ON "Prize"("campaignId");

-- CreateIndex
CREATE INDEX "PromotionItem_campaignId_idx" ON "PromotionItem"("campaignId");

-- CreateIndex
CREATE INDEX "Risk_campaignId_idx" ON "Risk"("campaignId");

-- CreateIndex
CREATE INDEX "Task_teamId_ownerId_status_idx" ON "Task"("teamId", "ownerId", "status");

-- AddForeignKey
ALTER TABLE "PlanSectionRevision" ADD CONSTRAINT "PlanSectionRevision_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EffectEstimate" ADD CONSTRAINT "EffectEstimate_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
