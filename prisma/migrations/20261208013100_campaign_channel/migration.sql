-- CreateTable
CREATE TABLE "CampaignChannel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "teamId" TEXT NOT NULL,
    "requestedName" TEXT,
    "isPrivate" BOOLEAN NOT NULL DEFAULT false,
    "slackChannelId" TEXT,
    "slackName" TEXT,
    "originChannelId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "channelCreatedAt" DATETIME,
    "archivedAt" DATETIME,
    CONSTRAINT "CampaignChannel_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignChannel_campaignId_key" ON "CampaignChannel"("campaignId");

-- CreateIndex
CREATE INDEX "CampaignChannel_teamId_idx" ON "CampaignChannel"("teamId");
