-- DropIndex
DROP INDEX "seats_booking_id_idx";

-- CreateIndex
CREATE INDEX "bookings_user_id_show_id_status_idx" ON "bookings"("user_id", "show_id", "status");

-- CreateIndex
CREATE INDEX "seats_booking_id_status_lock_expires_at_idx" ON "seats"("booking_id", "status", "lock_expires_at");
