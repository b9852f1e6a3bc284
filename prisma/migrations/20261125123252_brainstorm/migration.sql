-- CreateTable
CREATE TABLE "BrainstormRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "openChannelId" TEXT,
    "topic" TEXT NOT NULL,
    "startedById" TEXT NOT NULL,
    "deadline" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "locale" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IdeaBoard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "roundId" INTEGER,
    "locale" TEXT NOT NULL,
    "postedById" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "IdeaBoard_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BrainstormRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Idea" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "teamId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "timingNodeKey" TEXT,
    "timingNodeLabel" TEXT,
    "sourceChannelId" TEXT,
    "sourceMessageTs" TEXT,
    "sourcePermalink" TEXT,
    "sourceViewId" TEXT,
    "roundId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "removedById" TEXT,
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "campaignId" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Idea_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Idea_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BrainstormRound" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Nothing wrote ideas or votes before this migration. Should a row exist, its new required columns are filled.
INSERT INTO "new_Idea" ("authorId", "campaignId", "createdAt", "id", "teamId", "text", "updatedAt") SELECT "authorId", "campaignId", "createdAt", "id", "teamId", "text", "createdAt" FROM "Idea";
DROP TABLE "Idea";
ALTER TABLE "new_Idea" RENAME TO "Idea";
CREATE UNIQUE INDEX "Idea_sourceViewId_key" ON "Idea"("sourceViewId");
CREATE INDEX "Idea_teamId_status_voteCount_idx" ON "Idea"("teamId", "status", "voteCount");
CREATE INDEX "Idea_roundId_idx" ON "Idea"("roundId");
CREATE INDEX "Idea_campaignId_idx" ON "Idea"("campaignId");
CREATE TABLE "new_IdeaVote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ideaId" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastPress" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IdeaVote_ideaId_fkey" FOREIGN KEY ("ideaId") REFERENCES "Idea" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_IdeaVote" ("id", "ideaId", "userId", "lastPress", "updatedAt") SELECT "id", "ideaId", "userId", '', (SELECT "createdAt" FROM "Idea" WHERE "Idea"."id" = "IdeaVote"."ideaId") FROM "IdeaVote";
DROP TABLE "IdeaVote";
ALTER TABLE "new_IdeaVote" RENAME TO "IdeaVote";
CREATE UNIQUE INDEX "IdeaVote_ideaId_userId_key" ON "IdeaVote"("ideaId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BrainstormRound_closedAt_deadline_idx" ON "BrainstormRound"("closedAt", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "BrainstormRound_teamId_openChannelId_key" ON "BrainstormRound"("teamId", "openChannelId");

-- CreateIndex
CREATE INDEX "IdeaBoard_teamId_retiredAt_idx" ON "IdeaBoard"("teamId", "retiredAt");
