-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "refunded_at" TIMESTAMPTZ(3);
