-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN "portfolioChannelId" TEXT;
ALTER TABLE "WorkspaceSettings" ADD COLUMN "portfolioLastWeek" TEXT;
ALTER TABLE "WorkspaceSettings" ADD COLUMN "portfolioTime" TEXT;
ALTER TABLE "WorkspaceSettings" ADD COLUMN "portfolioWeekday" INTEGER;
