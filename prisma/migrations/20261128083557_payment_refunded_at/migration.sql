-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "refunded_at" TIMESTAMPTZ(3);

-- Payments refunded before this column existed had their refund call made then, in the same
-- request as the cancel: count it as confirmed rather than have the sweeper refund them again.
UPDATE "payments" SET "refunded_at" = "updated_at" WHERE "status" = 'REFUNDED';
