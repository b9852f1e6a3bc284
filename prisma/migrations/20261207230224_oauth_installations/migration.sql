-- CreateTable
CREATE TABLE "Installation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "installKey" TEXT NOT NULL,
    "teamId" TEXT,
    "teamName" TEXT,
    "enterpriseId" TEXT,
    "enterpriseName" TEXT,
    "enterpriseUrl" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "appId" TEXT,
    "installerUserId" TEXT,
    "botId" TEXT,
    "botUserId" TEXT,
    "botScopes" TEXT NOT NULL DEFAULT '',
    "botToken" TEXT,
    "botRefreshToken" TEXT,
    "botTokenExpiresAt" INTEGER,
    "installedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "uninstalledAt" DATETIME
);

-- CreateTable
CREATE TABLE "OAuthStateUse" (
    "stateHash" TEXT NOT NULL PRIMARY KEY,
    "usedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OrgWorkspace" (
    "teamId" TEXT NOT NULL PRIMARY KEY,
    "enterpriseId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Installation_installKey_key" ON "Installation"("installKey");

-- CreateIndex
CREATE INDEX "Installation_teamId_idx" ON "Installation"("teamId");

-- CreateIndex
CREATE INDEX "Installation_uninstalledAt_idx" ON "Installation"("uninstalledAt");

-- CreateIndex
CREATE INDEX "OAuthStateUse_usedAt_idx" ON "OAuthStateUse"("usedAt");

-- CreateIndex
CREATE INDEX "OrgWorkspace_enterpriseId_idx" ON "OrgWorkspace"("enterpriseId");
