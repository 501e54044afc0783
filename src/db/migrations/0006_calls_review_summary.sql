ALTER TABLE "proposals" ADD COLUMN "reviews_assigned" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "reviews_submitted" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "mean_score" double precision;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "disagreement" text;