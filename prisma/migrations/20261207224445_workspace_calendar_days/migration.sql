-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN "calendarDays" TEXT;
