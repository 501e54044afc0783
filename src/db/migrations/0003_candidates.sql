CREATE TABLE "candidate_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "candidate_consents_purpose_check" CHECK ("candidate_consents"."purpose" in ('profile','health','income')),
	CONSTRAINT "candidate_consents_dates_check" CHECK ("candidate_consents"."withdrawn_at" is null or "candidate_consents"."withdrawn_at" >= "candidate_consents"."given_at")
);
--> statement-breakpoint
CREATE TABLE "candidate_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_user_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"media_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "candidate_documents_criterion_check" CHECK ("candidate_documents"."criterion" in ('woman','under_26','low_qualification','neet','job_seeker','qpv_or_zrr','rqth','scholarship')),
	CONSTRAINT "candidate_documents_type_check" CHECK ("candidate_documents"."media_type" in ('application/pdf','image/png','image/jpeg')),
	CONSTRAINT "candidate_documents_size_check" CHECK ("candidate_documents"."byte_size" between 1 and 5242880 and octet_length("candidate_documents"."content") = "candidate_documents"."byte_size"),
	CONSTRAINT "candidate_documents_sha_format" CHECK ("candidate_documents"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "candidate_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"phone" varchar(20),
	"commune_code" varchar(5) NOT NULL,
	"gender" text NOT NULL,
	"diploma_level" text NOT NULL,
	"situation" text NOT NULL,
	"qpv_code" varchar(8),
	"zrr" boolean DEFAULT false NOT NULL,
	"rqth" boolean,
	"declared_income_euros" integer,
	"aid_children" smallint,
	"aid_children_higher_education" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidate_profiles_commune_format" CHECK ("candidate_profiles"."commune_code" ~ '^[0-9][0-9AB][0-9]{3}$'),
	CONSTRAINT "candidate_profiles_gender_check" CHECK ("candidate_profiles"."gender" in ('female','male','undisclosed')),
	CONSTRAINT "candidate_profiles_diploma_check" CHECK ("candidate_profiles"."diploma_level" in ('none','3','4','5','6','7','8')),
	CONSTRAINT "candidate_profiles_situation_check" CHECK ("candidate_profiles"."situation" in ('job_seeker','neet','student','employed')),
	CONSTRAINT "candidate_profiles_qpv_format" CHECK ("candidate_profiles"."qpv_code" is null or "candidate_profiles"."qpv_code" ~ '^QN[0-9]{2}[0-9AB][0-9]{2}[A-Z]$'),
	CONSTRAINT "candidate_profiles_income_check" CHECK (("candidate_profiles"."declared_income_euros" is null and "candidate_profiles"."aid_children" is null and "candidate_profiles"."aid_children_higher_education" is null)
        or ("candidate_profiles"."declared_income_euros" >= 0 and "candidate_profiles"."aid_children" between 0 and 30 and "candidate_profiles"."aid_children_higher_education" between 0 and 30))
);
--> statement-breakpoint
CREATE TABLE "diagnosis_criteria" (
	"diagnosis_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"met" boolean NOT NULL,
	"source" text NOT NULL,
	"document_id" uuid,
	CONSTRAINT "diagnosis_criteria_diagnosis_id_criterion_pk" PRIMARY KEY("diagnosis_id","criterion"),
	CONSTRAINT "diagnosis_criteria_criterion_check" CHECK ("diagnosis_criteria"."criterion" in ('woman','under_26','low_qualification','neet','job_seeker','qpv_or_zrr','rqth','scholarship')),
	CONSTRAINT "diagnosis_criteria_source_check" CHECK ("diagnosis_criteria"."source" in ('self_declared','prescriber_validated','document')),
	CONSTRAINT "diagnosis_criteria_document_check" CHECK (("diagnosis_criteria"."source" = 'document') = ("diagnosis_criteria"."document_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "eligibility_diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_user_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"author_organisation_id" uuid,
	"facts" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"superseded_by" uuid,
	CONSTRAINT "eligibility_diagnoses_author_check" CHECK ("eligibility_diagnoses"."author_role" in ('candidate','prescriber') and ("eligibility_diagnoses"."author_role" = 'prescriber') = ("eligibility_diagnoses"."author_organisation_id" is not null)),
	CONSTRAINT "eligibility_diagnoses_expiry_check" CHECK ("eligibility_diagnoses"."expires_at" > "eligibility_diagnoses"."created_at"),
	CONSTRAINT "eligibility_diagnoses_superseded_check" CHECK ("eligibility_diagnoses"."superseded_by" is null or "eligibility_diagnoses"."superseded_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "follow_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "follow_agreements_dates_check" CHECK ("follow_agreements"."withdrawn_at" is null or "follow_agreements"."withdrawn_at" >= "follow_agreements"."given_at")
);
--> statement-breakpoint
CREATE TABLE "wish_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "wish_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"wish_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"actor_organisation_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"motive" text
);
--> statement-breakpoint
CREATE TABLE "wishes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"candidate_user_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"motivation" text NOT NULL,
	"referred_by_organisation_id" uuid,
	"created_by_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"preference" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wishes_status_check" CHECK ("wishes"."status" in ('submitted','under_review','ranked','offered','accepted','declined','expired','not_ranked','withdrawn')),
	CONSTRAINT "wishes_preference_check" CHECK (("wishes"."status" in ('submitted','under_review','ranked','offered')) = ("wishes"."preference" between 1 and 10) and "wishes"."preference" between 0 and 10),
	CONSTRAINT "wishes_motivation_check" CHECK (char_length("wishes"."motivation") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "candidate_consents" ADD CONSTRAINT "candidate_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_documents" ADD CONSTRAINT "candidate_documents_candidate_user_id_users_id_fk" FOREIGN KEY ("candidate_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_documents" ADD CONSTRAINT "candidate_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_profiles" ADD CONSTRAINT "candidate_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_criteria" ADD CONSTRAINT "diagnosis_criteria_diagnosis_id_eligibility_diagnoses_id_fk" FOREIGN KEY ("diagnosis_id") REFERENCES "public"."eligibility_diagnoses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnosis_criteria" ADD CONSTRAINT "diagnosis_criteria_document_id_candidate_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."candidate_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_diagnoses" ADD CONSTRAINT "eligibility_diagnoses_candidate_user_id_users_id_fk" FOREIGN KEY ("candidate_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_diagnoses" ADD CONSTRAINT "eligibility_diagnoses_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eligibility_diagnoses" ADD CONSTRAINT "eligibility_diagnoses_author_organisation_id_organisations_id_fk" FOREIGN KEY ("author_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_agreements" ADD CONSTRAINT "follow_agreements_candidate_user_id_users_id_fk" FOREIGN KEY ("candidate_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_agreements" ADD CONSTRAINT "follow_agreements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wish_events" ADD CONSTRAINT "wish_events_actor_organisation_id_organisations_id_fk" FOREIGN KEY ("actor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_candidate_user_id_users_id_fk" FOREIGN KEY ("candidate_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_referred_by_organisation_id_organisations_id_fk" FOREIGN KEY ("referred_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wishes" ADD CONSTRAINT "wishes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_consents_current_key" ON "candidate_consents" USING btree ("user_id","purpose") WHERE "candidate_consents"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "candidate_documents_candidate_idx" ON "candidate_documents" USING btree ("candidate_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "eligibility_diagnoses_current_key" ON "eligibility_diagnoses" USING btree ("candidate_user_id") WHERE "eligibility_diagnoses"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "eligibility_diagnoses_candidate_idx" ON "eligibility_diagnoses" USING btree ("candidate_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_agreements_current_key" ON "follow_agreements" USING btree ("candidate_user_id","organisation_id") WHERE "follow_agreements"."withdrawn_at" is null;--> statement-breakpoint
CREATE INDEX "follow_agreements_org_idx" ON "follow_agreements" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "wish_events_wish_idx" ON "wish_events" USING btree ("wish_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "wishes_candidate_session_key" ON "wishes" USING btree ("candidate_user_id","session_id") WHERE "wishes"."status" <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "wishes_session_idx" ON "wishes" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "wishes_candidate_idx" ON "wishes" USING btree ("candidate_user_id");