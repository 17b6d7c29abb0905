package io.tickstore.backends.postgres.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** timestamptz counts microseconds from 2000-01-01 UTC. */
class PgTimestampsTest {
    @Test
    void theEpochIsTheYear2000() {
        assertEquals(0, PgTimestamps.toMicros(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals(-1, PgTimestamps.toMicros(Instant.parse("1999-12-31T23:59:59.999999Z")));
        assertEquals(Instant.parse("1999-12-31T23:59:59.999999Z"), PgTimestamps.toInstant(-1));
    }

    @Test
    void digitsBelowAMicrosecondAreDroppedTowardThePast() {
        assertEquals(1, PgTimestamps.toMicros(Instant.parse("2000-01-01T00:00:00.000001999Z")));
        assertEquals(-1, PgTimestamps.toMicros(Instant.parse("1999-12-31T23:59:59.999999001Z")));
    }

    @Test
    void theInfinitiesHaveNoInstant() {
        assertThrows(CopyFormatException.class, () -> PgTimestamps.toInstant(PgTimestamps.INFINITY));
        assertThrows(CopyFormatException.class, () -> PgTimestamps.toInstant(PgTimestamps.MINUS_INFINITY));
    }
}
