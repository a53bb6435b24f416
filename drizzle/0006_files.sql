CREATE TABLE "case_file_chunks" (
	"file_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "case_file_chunks_file_id_index_pk" PRIMARY KEY("file_id","index")
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"entry_id" uuid,
	"uploader_kind" "sender_kind" NOT NULL,
	"uploader_person_id" uuid,
	"padded_size" bigint NOT NULL,
	"chunk_count" integer NOT NULL,
	"started_on" date NOT NULL
);
--> statement-breakpoint
DROP TABLE "attachment_chunks" CASCADE;--> statement-breakpoint
DROP TABLE "attachments" CASCADE;--> statement-breakpoint
ALTER TABLE "case_file_chunks" ADD CONSTRAINT "case_file_chunks_file_id_case_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."case_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_file_chunks" ADD CONSTRAINT "case_file_chunks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_entry_id_case_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."case_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_uploader_person_id_people_id_fk" FOREIGN KEY ("uploader_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_file_chunks_case_idx" ON "case_file_chunks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_files_case_idx" ON "case_files" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_files_pending_idx" ON "case_files" USING btree ("started_on") WHERE "case_files"."entry_id" is null;