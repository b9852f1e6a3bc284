-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "digestTime" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "pausedAt" DATETIME;
ALTER TABLE "Campaign" ADD COLUMN "promptTime" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "quietDigests" BOOLEAN;
ALTER TABLE "Campaign" ADD COLUMN "timeZone" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WorkspaceSettings" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "locale" TEXT,
    "timeZone" TEXT,
    "digestHour" INTEGER NOT NULL DEFAULT 9,
    "currency" TEXT,
    "country" TEXT,
    "preparationLeadDays" INTEGER,
    "workingDays" TEXT,
    "digestTime" TEXT,
    "promptTime" TEXT,
    "reminderLeadDays" INTEGER,
    "quietDigests" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_WorkspaceSettings" ("country", "createdAt", "currency", "digestHour", "locale", "preparationLeadDays", "teamId", "timeZone", "updatedAt") SELECT "country", "createdAt", "currency", "digestHour", "locale", "preparationLeadDays", "teamId", "timeZone", "updatedAt" FROM "WorkspaceSettings";
DROP TABLE "WorkspaceSettings";
ALTER TABLE "new_WorkspaceSettings" RENAME TO "WorkspaceSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
