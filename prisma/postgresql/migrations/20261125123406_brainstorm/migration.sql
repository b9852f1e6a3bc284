-- DropForeignKey
ALTER TABLE "Idea" DROP CONSTRAINT "Idea_campaignId_fkey";

-- DropIndex
DROP INDEX "Idea_teamId_campaignId_idx";

-- AlterTable
ALTER TABLE "Idea" ADD COLUMN     "removedById" TEXT,
ADD COLUMN     "roundId" INTEGER,
ADD COLUMN     "sourceChannelId" TEXT,
ADD COLUMN     "sourceMessageTs" TEXT,
ADD COLUMN     "sourcePermalink" TEXT,
ADD COLUMN     "sourceViewId" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'open',
ADD COLUMN     "timingNodeKey" TEXT,
ADD COLUMN     "timingNodeLabel" TEXT,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "voteCount" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "createdAt" DROP DEFAULT;

-- AlterTable
ALTER TABLE "IdeaVote" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "lastPress" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Nothing wrote ideas or votes before this migration. Should a row exist, the new required
-- columns are filled above, and the defaults go (the store sets these columns itself).
ALTER TABLE "Idea" ALTER COLUMN "updatedAt" DROP DEFAULT;
ALTER TABLE "IdeaVote" ALTER COLUMN "lastPress" DROP DEFAULT,
ALTER COLUMN "updatedAt" DROP DEFAULT;

-- CreateTable
CREATE TABLE "BrainstormRound" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "openChannelId" TEXT,
    "topic" TEXT NOT NULL,
    "startedById" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "locale" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BrainstormRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdeaBoard" (
    "id" SERIAL NOT NULL,
    "teamId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "roundId" INTEGER,
    "locale" TEXT NOT NULL,
    "postedById" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdeaBoard_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BrainstormRound_closedAt_deadline_idx" ON "BrainstormRound"("closedAt", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "BrainstormRound_teamId_openChannelId_key" ON "BrainstormRound"("teamId", "openChannelId");

-- CreateIndex
CREATE INDEX "IdeaBoard_teamId_retiredAt_idx" ON "IdeaBoard"("teamId", "retiredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Idea_sourceViewId_key" ON "Idea"("sourceViewId");

-- CreateIndex
CREATE INDEX "Idea_teamId_status_voteCount_idx" ON "Idea"("teamId", "status", "voteCount");

-- CreateIndex
CREATE INDEX "Idea_roundId_idx" ON "Idea"("roundId");

-- CreateIndex
CREATE INDEX "Idea_campaignId_idx" ON "Idea"("campaignId");

-- AddForeignKey
ALTER TABLE "Idea" ADD CONSTRAINT "Idea_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Idea" ADD CONSTRAINT "Idea_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BrainstormRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdeaBoard" ADD CONSTRAINT "IdeaBoard_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BrainstormRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

