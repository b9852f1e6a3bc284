-- CreateTable
CREATE TABLE "CampaignChannel" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "teamId" TEXT NOT NULL,
    "requestedName" TEXT,
    "isPrivate" BOOLEAN NOT NULL DEFAULT false,
    "slackChannelId" TEXT,
    "slackName" TEXT,
    "originChannelId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "channelCreatedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "CampaignChannel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignChannel_campaignId_key" ON "CampaignChannel"("campaignId");

-- CreateIndex
CREATE INDEX "CampaignChannel_teamId_idx" ON "CampaignChannel"("teamId");

-- AddForeignKey
ALTER TABLE "CampaignChannel" ADD CONSTRAINT "CampaignChannel_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
