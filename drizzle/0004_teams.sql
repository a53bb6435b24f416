ALTER TYPE "public"."role" ADD VALUE 'practitioner' BEFORE 'chief_executive';--> statement-breakpoint
CREATE TABLE "person_teams" (
	"person_id" uuid NOT NULL,
	"team_id" text NOT NULL,
	CONSTRAINT "person_teams_person_id_team_id_pk" PRIMARY KEY("person_id","team_id")
);
--> statement-breakpoint
ALTER TABLE "person_teams" ADD CONSTRAINT "person_teams_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;