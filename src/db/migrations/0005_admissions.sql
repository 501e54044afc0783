CREATE TABLE "admission_candidate_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"auto_responder" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admission_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wish_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"candidate_user_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"call_rank" integer NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	CONSTRAINT "admission_offers_status_check" CHECK ("admission_offers"."status" in ('pending','accepted','declined','expired','released')),
	CONSTRAINT "admission_offers_answer_check" CHECK (("admission_offers"."status" = 'pending') = ("admission_offers"."answered_at" is null) and ("admission_offers"."answered_at" is null) = ("admission_offers"."answered_by" is null)),
	CONSTRAINT "admission_offers_deadline_check" CHECK ("admission_offers"."deadline_at" > "admission_offers"."made_at")
);
--> statement-breakpoint
CREATE TABLE "admission_round_sessions" (
	"round_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"offer_target" integer NOT NULL,
	"block_call_rank" integer NOT NULL,
	"holders" integer NOT NULL,
	"free" integer NOT NULL,
	"offers" integer NOT NULL,
	"expired" integer NOT NULL,
	"last_offered_call_rank" integer NOT NULL,
	CONSTRAINT "admission_round_sessions_round_id_session_id_pk" PRIMARY KEY("round_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "admission_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"run_on" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"triggered_by" uuid,
	"sessions" integer DEFAULT 0 NOT NULL,
	"offers" integer DEFAULT 0 NOT NULL,
	"expired" integer DEFAULT 0 NOT NULL,
	"auto_accepted" integer DEFAULT 0 NOT NULL,
	"auto_declined" integer DEFAULT 0 NOT NULL,
	"auto_withdrawn" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "admission_rounds_kind_check" CHECK ("admission_rounds"."kind" in ('daily','on_demand')),
	CONSTRAINT "admission_rounds_status_check" CHECK ("admission_rounds"."status" in ('completed','failed')),
	CONSTRAINT "admission_rounds_error_check" CHECK (("admission_rounds"."status" = 'failed') = ("admission_rounds"."error" is not null))
);
--> statement-breakpoint
CREATE TABLE "admission_settings" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"constraints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"overbooking_margin" smallint DEFAULT 0 NOT NULL,
	"block_call_rank" integer DEFAULT 0 NOT NULL,
	"answer_days" smallint DEFAULT 3 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "admission_settings_constraints_check" CHECK (jsonb_typeof("admission_settings"."constraints") = 'array' and jsonb_array_length("admission_settings"."constraints") <= 4),
	CONSTRAINT "admission_settings_margin_check" CHECK ("admission_settings"."overbooking_margin" between 0 and 1000),
	CONSTRAINT "admission_settings_block_check" CHECK ("admission_settings"."block_call_rank" >= 0),
	CONSTRAINT "admission_settings_answer_days_check" CHECK ("admission_settings"."answer_days" between 1 and 30)
);
--> statement-breakpoint
CREATE TABLE "aid_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"inputs" jsonb NOT NULL,
	"academic_year" text NOT NULL,
	"scale_year" text NOT NULL,
	"points" smallint NOT NULL,
	"echelon" text,
	"annual_cents" bigint NOT NULL,
	"monthly_cents" bigint NOT NULL,
	"payments" smallint NOT NULL,
	"total_cents" bigint NOT NULL,
	"motive" text,
	"explanation" jsonb NOT NULL,
	CONSTRAINT "aid_decisions_decision_check" CHECK ("aid_decisions"."decision" in ('granted','refused')),
	CONSTRAINT "aid_decisions_grant_check" CHECK (("aid_decisions"."decision" = 'granted' and "aid_decisions"."echelon" is not null and "aid_decisions"."monthly_cents" > 0) or ("aid_decisions"."decision" = 'refused' and char_length(coalesce("aid_decisions"."motive", '')) between 1 and 2000)),
	CONSTRAINT "aid_decisions_amounts_check" CHECK ("aid_decisions"."annual_cents" >= 0 and "aid_decisions"."monthly_cents" >= 0 and "aid_decisions"."payments" >= 0 and "aid_decisions"."total_cents" = "aid_decisions"."payments" * "aid_decisions"."monthly_cents")
);
--> statement-breakpoint
CREATE TABLE "aid_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"learner_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "aid_requests_status_check" CHECK ("aid_requests"."status" in ('submitted','granted','refused'))
);
--> statement-breakpoint
CREATE TABLE "call_order_entries" (
	"call_order_id" uuid NOT NULL,
	"wish_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"call_rank" integer NOT NULL,
	"flags" text[] NOT NULL,
	CONSTRAINT "call_order_entries_call_order_id_wish_id_pk" PRIMARY KEY("call_order_id","wish_id"),
	CONSTRAINT "call_order_entries_ranks_check" CHECK ("call_order_entries"."rank" >= 1 and "call_order_entries"."call_rank" >= 1)
);
--> statement-breakpoint
CREATE TABLE "call_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"constraints" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"computed_by" uuid,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrolment_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enrolment_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enrolment_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"actor_organisation_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"motive" text
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wish_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"learner_user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"started_on" date,
	"ended_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "enrolments_status_check" CHECK ("enrolments"."status" in ('enrolled','in_training','completed','dropped_out')),
	CONSTRAINT "enrolments_dates_check" CHECK ("enrolments"."ended_on" is null or "enrolments"."started_on" is null or "enrolments"."ended_on" >= "enrolments"."started_on")
);
--> statement-breakpoint
CREATE TABLE "ranking_entries" (
	"wish_id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"rank" integer,
	"not_ranked_reason" text,
	"notes" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "ranking_entries_rank_check" CHECK (("ranking_entries"."rank" is null) <> ("ranking_entries"."not_ranked_reason" is null) and ("ranking_entries"."rank" is null or "ranking_entries"."rank" >= 1)),
	CONSTRAINT "ranking_entries_reason_check" CHECK ("ranking_entries"."not_ranked_reason" is null or char_length("ranking_entries"."not_ranked_reason") between 1 and 500),
	CONSTRAINT "ranking_entries_notes_check" CHECK ("ranking_entries"."notes" is null or char_length("ranking_entries"."notes") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "admission_candidate_settings" ADD CONSTRAINT "admission_candidate_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_offers" ADD CONSTRAINT "admission_offers_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_offers" ADD CONSTRAINT "admission_offers_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_offers" ADD CONSTRAINT "admission_offers_candidate_user_id_users_id_fk" FOREIGN KEY ("candidate_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_offers" ADD CONSTRAINT "admission_offers_round_id_admission_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."admission_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_round_sessions" ADD CONSTRAINT "admission_round_sessions_round_id_admission_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."admission_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_round_sessions" ADD CONSTRAINT "admission_round_sessions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_rounds" ADD CONSTRAINT "admission_rounds_triggered_by_users_id_fk" FOREIGN KEY ("triggered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_settings" ADD CONSTRAINT "admission_settings_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admission_settings" ADD CONSTRAINT "admission_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_decisions" ADD CONSTRAINT "aid_decisions_request_id_aid_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."aid_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_decisions" ADD CONSTRAINT "aid_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_requests" ADD CONSTRAINT "aid_requests_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aid_requests" ADD CONSTRAINT "aid_requests_learner_user_id_users_id_fk" FOREIGN KEY ("learner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_order_entries" ADD CONSTRAINT "call_order_entries_call_order_id_call_orders_id_fk" FOREIGN KEY ("call_order_id") REFERENCES "public"."call_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_order_entries" ADD CONSTRAINT "call_order_entries_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_orders" ADD CONSTRAINT "call_orders_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_orders" ADD CONSTRAINT "call_orders_computed_by_users_id_fk" FOREIGN KEY ("computed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_events" ADD CONSTRAINT "enrolment_events_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_events" ADD CONSTRAINT "enrolment_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_events" ADD CONSTRAINT "enrolment_events_actor_organisation_id_organisations_id_fk" FOREIGN KEY ("actor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_learner_user_id_users_id_fk" FOREIGN KEY ("learner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_entries" ADD CONSTRAINT "ranking_entries_wish_id_wishes_id_fk" FOREIGN KEY ("wish_id") REFERENCES "public"."wishes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_entries" ADD CONSTRAINT "ranking_entries_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_entries" ADD CONSTRAINT "ranking_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "admission_offers_wish_key" ON "admission_offers" USING btree ("wish_id");--> statement-breakpoint
CREATE UNIQUE INDEX "admission_offers_one_accepted_key" ON "admission_offers" USING btree ("candidate_user_id") WHERE "admission_offers"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "admission_offers_session_idx" ON "admission_offers" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "admission_offers_pending_deadline_idx" ON "admission_offers" USING btree ("deadline_at") WHERE "admission_offers"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "admission_round_sessions_session_idx" ON "admission_round_sessions" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "admission_rounds_daily_key" ON "admission_rounds" USING btree ("run_on") WHERE "admission_rounds"."kind" = 'daily' and "admission_rounds"."status" = 'completed';--> statement-breakpoint
CREATE INDEX "admission_rounds_started_idx" ON "admission_rounds" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "aid_decisions_request_key" ON "aid_decisions" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "aid_requests_open_key" ON "aid_requests" USING btree ("enrolment_id") WHERE "aid_requests"."status" in ('submitted','granted');--> statement-breakpoint
CREATE INDEX "aid_requests_status_idx" ON "aid_requests" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "aid_requests_learner_idx" ON "aid_requests" USING btree ("learner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_order_entries_call_rank_key" ON "call_order_entries" USING btree ("call_order_id","call_rank");--> statement-breakpoint
CREATE INDEX "call_order_entries_wish_idx" ON "call_order_entries" USING btree ("wish_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_orders_current_key" ON "call_orders" USING btree ("session_id") WHERE "call_orders"."superseded_at" is null;--> statement-breakpoint
CREATE INDEX "call_orders_session_idx" ON "call_orders" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "enrolment_events_enrolment_idx" ON "enrolment_events" USING btree ("enrolment_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_wish_key" ON "enrolments" USING btree ("wish_id");--> statement-breakpoint
CREATE INDEX "enrolments_session_idx" ON "enrolments" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "enrolments_learner_idx" ON "enrolments" USING btree ("learner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ranking_entries_rank_key" ON "ranking_entries" USING btree ("session_id","rank");--> statement-breakpoint
CREATE INDEX "ranking_entries_session_idx" ON "ranking_entries" USING btree ("session_id");