-- CreateTable
CREATE TABLE "Installation" (
    "id" SERIAL NOT NULL,
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
    "installedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "uninstalledAt" TIMESTAMP(3),

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthStateUse" (
    "stateHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OAuthStateUse_pkey" PRIMARY KEY ("stateHash")
);

-- CreateTable
CREATE TABLE "OrgWorkspace" (
    "teamId" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgWorkspace_pkey" PRIMARY KEY ("teamId")
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
