-- AlterTable
ALTER TABLE "WorkspaceSettings" ADD COLUMN     "country" TEXT,
ADD COLUMN     "preparationLeadDays" INTEGER;
