-- CreateIndex
CREATE INDEX "TaskOccurrence_outletId_state_windowEndsAt_idx" ON "TaskOccurrence"("outletId", "state", "windowEndsAt");

-- CreateIndex
CREATE INDEX "Incident_outletId_reportedAt_idx" ON "Incident"("outletId", "reportedAt");

-- CreateIndex
CREATE INDEX "Complaint_outletId_loggedAt_idx" ON "Complaint"("outletId", "loggedAt");

-- CreateIndex
CREATE INDEX "Complaint_outletId_closedAt_idx" ON "Complaint"("outletId", "closedAt");

-- CreateIndex
CREATE INDEX "ComplaintStep_late_endedAt_idx" ON "ComplaintStep"("late", "endedAt");

