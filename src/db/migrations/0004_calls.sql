CREATE TABLE "call_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"version" smallint NOT NULL,
	"form" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"wave" smallint NOT NULL,
	"summary" text NOT NULL,
	"status" text NOT NULL,
	"envelope_cents" bigint NOT NULL,
	"funder_id" uuid,
	"current_version" smallint DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_status_check" CHECK ("calls"."status" in ('draft','open','closed','reviewing','decided')),
	CONSTRAINT "calls_envelope_check" CHECK ("calls"."envelope_cents" > 0),
	CONSTRAINT "calls_wave_check" CHECK ("calls"."wave" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "grant_tranches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"grant_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"label" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"evidence_submitted_at" timestamp with time zone,
	"return_motive" text,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"paid_at" timestamp with time zone,
	"paid_by" uuid,
	"payment_reference" text,
	CONSTRAINT "grant_tranches_status_check" CHECK ("grant_tranches"."status" in ('planned','evidence_submitted','approved','paid')),
	CONSTRAINT "grant_tranches_amount_check" CHECK ("grant_tranches"."amount_cents" >= 0),
	CONSTRAINT "grant_tranches_paid_check" CHECK ("grant_tranches"."status" <> 'paid' or ("grant_tranches"."approved_at" is not null and "grant_tranches"."paid_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"proposal_training_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"funder_id" uuid,
	"training_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grants_amount_check" CHECK ("grants"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "label_renewals" (
	"label_id" uuid PRIMARY KEY NOT NULL,
	"previous_label_id" uuid NOT NULL,
	"renewed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "label_renewals_previous_label_id_unique" UNIQUE("previous_label_id")
);
--> statement-breakpoint
CREATE TABLE "proposal_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "proposal_attachments_kind_check" CHECK ("proposal_attachments"."kind" in ('budget','partnership','statutes','other')),
	CONSTRAINT "proposal_attachments_size_check" CHECK ("proposal_attachments"."byte_size" between 1 and 10485760 and octet_length("proposal_attachments"."content") = "proposal_attachments"."byte_size"),
	CONSTRAINT "proposal_attachments_sha_format" CHECK ("proposal_attachments"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "proposal_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"data" jsonb NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"commune_code" varchar(5),
	"requested_cents" bigint DEFAULT 0 NOT NULL,
	"decision" text,
	"decision_motive" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"training_id" uuid,
	"label_id" uuid,
	CONSTRAINT "proposal_trainings_decision_check" CHECK ("proposal_trainings"."decision" is null or "proposal_trainings"."decision" in ('accepted','rejected')),
	CONSTRAINT "proposal_trainings_motive_check" CHECK ("proposal_trainings"."decision" is distinct from 'rejected' or char_length(trim(coalesce("proposal_trainings"."decision_motive", ''))) > 0),
	CONSTRAINT "proposal_trainings_requested_check" CHECK ("proposal_trainings"."requested_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"call_version" smallint NOT NULL,
	"provider_id" uuid NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"data" jsonb NOT NULL,
	"requested_cents" bigint DEFAULT 0 NOT NULL,
	"cut_off" varchar(10),
	"submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_status_check" CHECK ("proposals"."status" in ('draft','submitted','in_review','decided','withdrawn')),
	CONSTRAINT "proposals_requested_check" CHECK ("proposals"."requested_cents" >= 0),
	CONSTRAINT "proposals_submitted_check" CHECK ("proposals"."status" in ('draft') or "proposals"."status" = 'withdrawn' or "proposals"."submitted_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"scores" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"weighted_score" double precision,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"recused_at" timestamp with time zone,
	CONSTRAINT "review_assignments_status_check" CHECK ("review_assignments"."status" in ('assigned','submitted','recused')),
	CONSTRAINT "review_assignments_submitted_check" CHECK (("review_assignments"."status" = 'submitted') = ("review_assignments"."weighted_score" is not null and "review_assignments"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "reviewer_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"motive" text NOT NULL,
	"declared_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tranche_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tranche_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tranche_evidence_kind_check" CHECK ("tranche_evidence"."kind" in ('attendance','invoices','report','other')),
	CONSTRAINT "tranche_evidence_size_check" CHECK ("tranche_evidence"."byte_size" between 1 and 10485760 and octet_length("tranche_evidence"."content") = "tranche_evidence"."byte_size"),
	CONSTRAINT "tranche_evidence_sha_format" CHECK ("tranche_evidence"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "call_versions" ADD CONSTRAINT "call_versions_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_versions" ADD CONSTRAINT "call_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_funder_id_organisations_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_tranches" ADD CONSTRAINT "grant_tranches_grant_id_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_tranches" ADD CONSTRAINT "grant_tranches_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_tranches" ADD CONSTRAINT "grant_tranches_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_proposal_training_id_proposal_trainings_id_fk" FOREIGN KEY ("proposal_training_id") REFERENCES "public"."proposal_trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_funder_id_organisations_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_renewals" ADD CONSTRAINT "label_renewals_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_renewals" ADD CONSTRAINT "label_renewals_previous_label_id_labels_id_fk" FOREIGN KEY ("previous_label_id") REFERENCES "public"."labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_attachments" ADD CONSTRAINT "proposal_attachments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_attachments" ADD CONSTRAINT "proposal_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_trainings" ADD CONSTRAINT "proposal_trainings_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_trainings" ADD CONSTRAINT "proposal_trainings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_trainings" ADD CONSTRAINT "proposal_trainings_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_trainings" ADD CONSTRAINT "proposal_trainings_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_conflicts" ADD CONSTRAINT "reviewer_conflicts_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_conflicts" ADD CONSTRAINT "reviewer_conflicts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranche_evidence" ADD CONSTRAINT "tranche_evidence_tranche_id_grant_tranches_id_fk" FOREIGN KEY ("tranche_id") REFERENCES "public"."grant_tranches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tranche_evidence" ADD CONSTRAINT "tranche_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_versions_call_version_key" ON "call_versions" USING btree ("call_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_tranches_position_key" ON "grant_tranches" USING btree ("grant_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "grants_proposal_training_key" ON "grants" USING btree ("proposal_training_id");--> statement-breakpoint
CREATE INDEX "grants_call_idx" ON "grants" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "grants_provider_idx" ON "grants" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "proposal_attachments_proposal_idx" ON "proposal_attachments" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_trainings_position_key" ON "proposal_trainings" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE INDEX "proposals_call_status_idx" ON "proposals" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "proposals_provider_idx" ON "proposals" USING btree ("provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_assignments_key" ON "review_assignments" USING btree ("proposal_id","reviewer_user_id");--> statement-breakpoint
CREATE INDEX "review_assignments_reviewer_idx" ON "review_assignments" USING btree ("reviewer_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reviewer_conflicts_key" ON "reviewer_conflicts" USING btree ("reviewer_user_id","organisation_id");--> statement-breakpoint
CREATE INDEX "tranche_evidence_tranche_idx" ON "tranche_evidence" USING btree ("tranche_id");