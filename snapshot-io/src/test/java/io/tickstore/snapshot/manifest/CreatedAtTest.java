package io.tickstore.snapshot.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CreatedAt} accepts and refuses exactly what {@link Instant#parse} does, with the same values. */
class CreatedAtTest {
    private static String outcome(String text, boolean direct) {
        try {
            return (direct ? CreatedAt.parse(text) : Instant.parse(text)).toString();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    private static void agrees(String text) {
        assertEquals(outcome(text, false), outcome(text, true), text);
    }

    @Test
    void theWritersSpellingReadsAsInstantParseReadsIt() {
        Random random = new Random(36);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong() % 253_402_300_799L, random.nextInt(1_000_000_000));
            if (instant.isBefore(Instant.parse("0000-01-01T00:00:00Z"))) {
                instant = Instant.ofEpochSecond(-instant.getEpochSecond(), instant.getNano());
            }
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            agrees(text);
            assertEquals(instant, CreatedAt.parse(text), text);
            agrees(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond())));
        }
    }

    @Test
    void everyOtherSpellingIsRefusedOrAcceptedAsInstantParseDoes() {
        for (String text : List.of("2026-11-28T21:53:07Z", "2026-11-28T21:53:07.1Z", "2026-11-28T21:53:07.123456789Z",
                "2026-11-28T21:53:07.1234567890Z", "2026-11-28T21:53:07.Z", "2026-11-28t21:53:07Z", "2026-11-28T21:53:07z",
                "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-11-28T24:00:00Z", "2026-11-28T23:60:00Z", "2026-12-31T23:59:60Z",
                "2026-11-28T21:53Z", "+2026-11-28T21:53:07Z", "12026-11-28T21:53:07Z", "-0001-01-01T00:00:00Z",
                "2026-11-28T21:53:07+01:00", "2026-11-28 21:53:07Z", "2026-1-28T21:53:07Z", "2026-11-28T21:53:07.12a4Z",
                "2026-11-28T2a:53:07Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "", "Z",
                "2026-11-28T21:53:07.-1Z", "2026-11-28T21:53:0７Z")) {
            agrees(text);
        }
    }
}
