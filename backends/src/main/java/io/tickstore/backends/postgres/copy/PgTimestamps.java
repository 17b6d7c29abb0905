package io.tickstore.backends.postgres.copy;

import java.time.Instant;

/**
 * {@code timestamptz} on the wire: a big-endian int64 of microseconds since 2000-01-01 00:00:00 UTC (PostgreSQL's
 * epoch, with integer datetimes, the only kind since version 10). {@code Long.MAX_VALUE} and {@code Long.MIN_VALUE}
 * are {@code infinity} and {@code -infinity}.
 */
public final class PgTimestamps {
    /** Seconds from the Unix epoch to PostgreSQL's. */
    public static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    public static final long INFINITY = Long.MAX_VALUE;
    public static final long MINUS_INFINITY = Long.MIN_VALUE;

    private PgTimestamps() {
    }

    /**
     * Microseconds since PostgreSQL's epoch; digits finer than a microsecond are dropped toward the past (PostgreSQL
     * stores no finer ones).
     */
    public static long toMicros(Instant instant) {
        long seconds = Math.subtractExact(instant.getEpochSecond(), POSTGRES_EPOCH_SECONDS);
        long micros = Math.addExact(Math.multiplyExact(seconds, 1_000_000L), instant.getNano() / 1_000);
        if (micros == INFINITY || micros == MINUS_INFINITY) {
            throw new ArithmeticException(instant + " falls on a value PostgreSQL reserves for infinity");
        }
        return micros;
    }

    /** The instant of a finite timestamp; throws for the infinities, which {@code Instant} cannot hold. */
    public static Instant toInstant(long micros) {
        if (micros == INFINITY || micros == MINUS_INFINITY) {
            throw new CopyFormatException("timestamptz " + (micros == INFINITY ? "infinity" : "-infinity") + " has no Instant");
        }
        return Instant.ofEpochSecond(POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
