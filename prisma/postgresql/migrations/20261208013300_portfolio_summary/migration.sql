-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN     "portfolioChannelId" TEXT,
ADD COLUMN     "portfolioLastWeek" TEXT,
ADD COLUMN     "portfolioTime" TEXT,
ADD COLUMN     "portfolioWeekday" INTEGER;
