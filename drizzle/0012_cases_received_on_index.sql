-- The day's count that prices a submission reads one range of this index; it also serves every
-- look-up by organisation alone, which the index it replaces did.
CREATE INDEX "cases_organisation_received_idx" ON "cases" USING btree ("organisation_id","received_on");--> statement-breakpoint
DROP INDEX "cases_organisation_idx";
