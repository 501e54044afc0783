CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"siret" varchar(14),
	"nda" varchar(11),
	"commune_code" varchar(5),
	"address" text,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_siret_unique" UNIQUE("siret"),
	CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('provider','prescriber','employer','funder','operator')),
	CONSTRAINT "organisations_siret_format" CHECK ("organisations"."siret" is null or "organisations"."siret" ~ '^[0-9]{14}$'),
	CONSTRAINT "organisations_nda_format" CHECK ("organisations"."nda" is null or "organisations"."nda" ~ '^[0-9]{11}$')
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"training_id" uuid NOT NULL,
	"status" text NOT NULL,
	"granted_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_status_check" CHECK ("labels"."status" in ('active','suspended','withdrawn','expired')),
	CONSTRAINT "labels_validity_check" CHECK ("labels"."valid_until" > "labels"."granted_on")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"training_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"seats" smallint NOT NULL,
	"seats_taken" smallint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_status_check" CHECK ("sessions"."status" in ('planned','recruiting','running','finished')),
	CONSTRAINT "sessions_dates_check" CHECK ("sessions"."ends_on" > "sessions"."starts_on"),
	CONSTRAINT "sessions_seats_check" CHECK ("sessions"."seats" > 0 and "sessions"."seats_taken" between 0 and "sessions"."seats")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"objectives" text NOT NULL,
	"prerequisites" text NOT NULL,
	"rome_codes" text[] NOT NULL,
	"formacodes" text[] NOT NULL,
	"certification_code" varchar(16) NOT NULL,
	"certification_title" text NOT NULL,
	"certification_level" smallint NOT NULL,
	"duration_months" smallint NOT NULL,
	"duration_hours" integer NOT NULL,
	"modality" text NOT NULL,
	"commune_code" varchar(5) NOT NULL,
	"address" text NOT NULL,
	"postal_code" varchar(5) NOT NULL,
	"is_free" boolean NOT NULL,
	"price_cents" integer,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trainings_modality_check" CHECK ("trainings"."modality" in ('presentiel','distanciel','hybride')),
	CONSTRAINT "trainings_level_check" CHECK ("trainings"."certification_level" between 3 and 8),
	CONSTRAINT "trainings_duration_check" CHECK ("trainings"."duration_months" between 3 and 24 and "trainings"."duration_hours" > 0),
	CONSTRAINT "trainings_price_check" CHECK (("trainings"."is_free" and "trainings"."price_cents" is null) or (not "trainings"."is_free" and "trainings"."price_cents" > 0)),
	CONSTRAINT "trainings_commune_format" CHECK ("trainings"."commune_code" ~ '^[0-9][0-9AB][0-9]{3}$')
);
--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisations_kind_idx" ON "organisations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "labels_training_idx" ON "labels" USING btree ("training_id");--> statement-breakpoint
CREATE INDEX "sessions_training_idx" ON "sessions" USING btree ("training_id");--> statement-breakpoint
CREATE INDEX "trainings_provider_idx" ON "trainings" USING btree ("provider_id");