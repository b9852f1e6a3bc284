-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN "country" TEXT;
ALTER TABLE "WorkspaceSettings" ADD COLUMN "preparationLeadDays" INTEGER;
