-- CreateTable
CREATE TABLE "WorkspaceSettings" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "locale" TEXT,
    "timeZone" TEXT,
    "digestHour" INTEGER NOT NULL DEFAULT 9,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Campaign" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Proposal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "theme" TEXT NOT NULL,
    "basicContent" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "decision" TEXT,
    "sendBackReason" TEXT,
    CONSTRAINT "Proposal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StageTransition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "fromStage" TEXT,
    "toStage" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "reason" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StageTransition_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Idea" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "campaignId" INTEGER,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Idea_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdeaVote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    CONSTRAINT "IdeaVote_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "purpose" TEXT,
    "levers" TEXT,
    "targetUsersSummary" TEXT,
    "contentSummary" TEXT,
    "contentDeadline" TEXT,
    "prizeDistribution" TEXT,
    "serviceAndFeedback" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Plan_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TargetUserTrait" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "trait" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    CONSTRAINT "TargetUserTrait_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "unit" TEXT,
    "target" REAL NOT NULL,
    "basis" TEXT NOT NULL,
    "ownerId" TEXT,
    CONSTRAINT "Goal_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetScenario" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "chosen" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "BudgetScenario_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetLine" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scenarioId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "channel" TEXT,
    "amount" REAL NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "conservativeEstimate" REAL,
    "estimateMetric" TEXT,
    CONSTRAINT "BudgetLine_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "BudgetScenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PromotionItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "onDate" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    CONSTRAINT "PromotionItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Prize" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "howAwarded" TEXT,
    CONSTRAINT "Prize_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Task" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "workstream" TEXT NOT NULL DEFAULT 'other',
    "startDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'todo',
    "dependsOnId" INTEGER,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Task_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Risk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "likelihood" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "mitigation" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    CONSTRAINT "Risk_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MetricEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "goalId" INTEGER,
    "onDate" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MetricEntry_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MetricEntry_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Retro" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "respondentId" TEXT NOT NULL,
    "overallEffect" TEXT,
    "submittedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Retro_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RetroEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "retroId" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "worked" TEXT,
    "failed" TEXT,
    CONSTRAINT "RetroEntry_retroId_fkey" FOREIGN KEY ("retroId") REFERENCES "Retro" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "campaignId" INTEGER,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "updatesKey" TEXT,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME,
    "lastError" TEXT,
    "slackChannel" TEXT,
    "slackTs" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "OutboxMessage_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_sourceViewId_key" ON "Campaign"("sourceViewId");

-- CreateIndex
CREATE INDEX "Campaign_teamId_stage_idx" ON "Campaign"("teamId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_teamId_activeNameKey_key" ON "Campaign"("teamId", "activeNameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Proposal_campaignId_key" ON "Proposal"("campaignId");

-- CreateIndex
CREATE INDEX "StageTransition_campaignId_at_idx" ON "StageTransition"("campaignId", "at");

-- CreateIndex
CREATE INDEX "Idea_teamId_campaignId_idx" ON "Idea"("teamId", "campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "IdeaVote_ideaId_userId_key" ON "IdeaVote"("ideaId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_campaignId_key" ON "Plan"("campaignId");

-- CreateIndex
CREATE INDEX "Task_campaignId_dueDate_idx" ON "Task"("campaignId", "dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "MetricEntry_goalId_onDate_key" ON "MetricEntry"("goalId", "onDate");

-- CreateIndex
CREATE UNIQUE INDEX "Retro_campaignId_respondentId_key" ON "Retro"("campaignId", "respondentId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_teamId_dedupeKey_key" ON "OutboxMessage"("teamId", "dedupeKey");
