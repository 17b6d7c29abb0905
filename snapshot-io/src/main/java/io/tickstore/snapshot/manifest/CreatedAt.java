package io.tickstore.snapshot.manifest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads a manifest's {@code createdAt} exactly as {@link Instant#parse} does, which costs several microseconds a
 * call (a general formatter and its resolver), more than the rest of a small manifest's fields together. The one
 * spelling the writer uses ({@code DateTimeFormatter.ISO_INSTANT}: {@code 2026-11-28T21:53:07.123456Z}, four-digit
 * year, 0 to 9 fraction digits, upper-case {@code T} and {@code Z}) with every field in range is read directly; any
 * other text, a leap second or an out-of-range field included, goes to {@link Instant#parse}, so the same texts are
 * accepted, with the same values, and refused.
 */
final class CreatedAt {
    private static final int SHORTEST = "2026-11-28T21:53:07Z".length();
    private static final int[] NANOS_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private CreatedAt() {
    }

    /** @throws java.time.format.DateTimeParseException as {@link Instant#parse} does */
    static Instant parse(String text) {
        Instant direct = written(text);
        return direct != null ? direct : Instant.parse(text);
    }

    /** The instant of text in the writer's spelling with every field in range, or null. */
    private static Instant written(String s) {
        int n = s.length();
        if (n < SHORTEST || n == SHORTEST + 1 || n > SHORTEST + 10 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-'
                || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || (n > SHORTEST && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int fractionDigits = n > SHORTEST ? n - SHORTEST - 1 : 0;
        int fraction = fractionDigits > 0 ? digits(s, 20, fractionDigits) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || fraction < 0
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, fraction * NANOS_SCALE[fractionDigits])
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // a month or day out of range: Instant.parse words the refusal
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
