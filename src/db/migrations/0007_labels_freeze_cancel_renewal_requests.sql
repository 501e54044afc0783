CREATE TABLE "label_renewal_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"motive" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_motive" text,
	"new_label_id" uuid,
	CONSTRAINT "label_renewal_requests_status_check" CHECK ("label_renewal_requests"."status" in ('pending','granted','refused')),
	CONSTRAINT "label_renewal_requests_decision_check" CHECK (("label_renewal_requests"."status" = 'pending') = ("label_renewal_requests"."decided_at" is null)),
	CONSTRAINT "label_renewal_requests_granted_check" CHECK (("label_renewal_requests"."status" = 'granted') = ("label_renewal_requests"."new_label_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_status_check";--> statement-breakpoint
ALTER TABLE "labels" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "label_renewal_requests" ADD CONSTRAINT "label_renewal_requests_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_renewal_requests" ADD CONSTRAINT "label_renewal_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_renewal_requests" ADD CONSTRAINT "label_renewal_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_renewal_requests" ADD CONSTRAINT "label_renewal_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_renewal_requests" ADD CONSTRAINT "label_renewal_requests_new_label_id_labels_id_fk" FOREIGN KEY ("new_label_id") REFERENCES "public"."labels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "label_renewal_requests_pending_key" ON "label_renewal_requests" USING btree ("label_id") WHERE "label_renewal_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "label_renewal_requests_organisation_idx" ON "label_renewal_requests" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_status_check" CHECK ("sessions"."status" in ('planned','recruiting','running','finished','cancelled'));