CREATE TABLE "case_receipts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"sealed_receipt" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_receipts" ADD CONSTRAINT "case_receipts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;