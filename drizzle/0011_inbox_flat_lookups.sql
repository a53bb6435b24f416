CREATE INDEX "cases_id_hash_idx" ON "cases" USING hash ("id");--> statement-breakpoint
-- The inbox reads a person's live keys, sealed key included, from this index alone (drizzle's
-- schema cannot say INCLUDE; src/lib/server/db/schema.ts notes it).
DROP INDEX "case_keys_live_person_idx";--> statement-breakpoint
CREATE INDEX "case_keys_live_person_idx" ON "case_keys" USING btree ("person_id","case_id","epoch") INCLUDE ("sealed_key") WHERE "case_keys"."revoked_on" is null;
--> statement-breakpoint
-- A case's audit head (its last event's hash) from this index alone: the same few pages read
-- whatever else the host holds.
DROP INDEX "audit_events_case_idx";--> statement-breakpoint
CREATE INDEX "audit_events_case_idx" ON "audit_events" USING btree ("case_id","seq") INCLUDE ("organisation_id","hash");
