-- CreateIndex
CREATE INDEX "OutboxMessage_teamId_updatesKey_idx" ON "OutboxMessage"("teamId", "updatesKey");
