-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "confirm_key" TEXT;
