package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The password file read as libpq reads it. */
class PgPassFileTest {
    private static Optional<String> lookup(List<String> lines, String host, String port, String database, String user) {
        return PgPassFile.lookup(lines, host, port, database, user);
    }

    @Test
    void theFirstLineWhoseFourFieldsMatchWins() {
        List<String> lines = List.of(
                "# hostname:port:database:username:password",
                "",
                "db.example:5432:sim:tick:first",
                "db.example:5432:sim:tick:second",
                "db.example:5432:*:tick:any-database");
        assertEquals(Optional.of("first"), lookup(lines, "db.example", "5432", "sim", "tick"));
        assertEquals(Optional.of("any-database"), lookup(lines, "db.example", "5432", "other", "tick"));
        assertEquals(Optional.empty(), lookup(lines, "db.example", "5433", "sim", "tick"));
        assertEquals(Optional.empty(), lookup(lines, "db.example", "5432", "sim", "someone"));
    }

    @Test
    void aStarMatchesAnythingInEveryField() {
        List<String> lines = List.of("*:*:*:*:catch-all");
        assertEquals(Optional.of("catch-all"), lookup(lines, "h", "1", "d", "u"));
    }

    @Test
    void fieldsMatchExactlyNotByPrefix() {
        List<String> lines = List.of("db:5432:sim:tick:pw");
        assertEquals(Optional.empty(), lookup(lines, "db.example", "5432", "sim", "tick"));
        assertEquals(Optional.empty(), lookup(lines, "d", "5432", "sim", "tick"));
        assertEquals(Optional.empty(), lookup(lines, "db", "5432", "simulation", "tick"));
    }

    @Test
    void backslashEscapesColonsAndBackslashesInFieldsAndInThePassword() {
        List<String> lines = List.of("::1\\:x:5432:sim:tick:wrong", "h\\:1:5432:we\\\\ird:tick:pa\\:ss\\\\word:ignored");
        assertEquals(Optional.of("pa:ss\\word"), lookup(lines, "h:1", "5432", "we\\ird", "tick"));
    }

    @Test
    void anEscapedStarIsALiteralStar() {
        List<String> lines = List.of("\\*:5432:sim:tick:literal");
        assertEquals(Optional.empty(), lookup(lines, "db", "5432", "sim", "tick"));
        assertEquals(Optional.of("literal"), lookup(lines, "*", "5432", "sim", "tick"));
    }

    @Test
    void thePasswordEndsAtAnUnescapedColonAndCarriageReturnsAreStripped() {
        assertEquals(Optional.of("pw"), lookup(List.of("h:5432:sim:tick:pw:extra"), "h", "5432", "sim", "tick"));
        assertEquals(Optional.of("pw"), lookup(List.of("h:5432:sim:tick:pw\r"), "h", "5432", "sim", "tick"));
    }

    @Test
    void shortLinesAndEmptyPasswordsGiveNothing() {
        assertEquals(Optional.empty(), lookup(List.of("h:5432:sim:tick"), "h", "5432", "sim", "tick"));
        assertEquals(Optional.empty(), lookup(List.of("h:5432:sim:tick:"), "h", "5432", "sim", "tick"));
    }
}
