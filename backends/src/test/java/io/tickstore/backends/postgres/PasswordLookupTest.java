package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the password comes from, in libpq's order: the URL, PGPASSWORD, then PGPASSFILE or ~/.pgpass. The environment
 * is injected; the process's own is never touched.
 */
class PasswordLookupTest {
    private static final PostgresUrl URL = PostgresUrl.parse("jdbc:postgresql://db.example:5432/sim?user=tick");

    @TempDir
    Path home;

    private final List<String> warnings = new ArrayList<>();

    private PasswordLookup lookup(Map<String, String> environment) {
        return PasswordLookup.of(environment, home, "osuser", warnings::add);
    }

    private Path privateFile(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void aPasswordInTheUrlComesFirst() throws IOException {
        privateFile(home.resolve(".pgpass"), "*:*:*:*:from-file");
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db.example:5432/sim?user=tick&password=from-url");
        assertEquals(Optional.of("from-url"), lookup(Map.of("PGPASSWORD", "from-env")).find(url));
    }

    @Test
    void pgpasswordComesBeforeThePasswordFile() throws IOException {
        privateFile(home.resolve(".pgpass"), "*:*:*:*:from-file");
        assertEquals(Optional.of("from-env"), lookup(Map.of("PGPASSWORD", "from-env")).find(URL));
    }

    @Test
    void anEmptyPgpasswordCountsAsNone() throws IOException {
        privateFile(home.resolve(".pgpass"), "*:*:*:*:from-file");
        assertEquals(Optional.of("from-file"), lookup(Map.of("PGPASSWORD", "")).find(URL));
    }

    @Test
    void thePasswordFileInTheHomeDirectoryIsMatchedAgainstTheUrl() throws IOException {
        privateFile(home.resolve(".pgpass"), "other:5432:sim:tick:no", "db.example:5432:sim:tick:yes");
        assertEquals(Optional.of("yes"), lookup(Map.of()).find(URL));
        assertTrue(warnings.isEmpty(), warnings::toString);
    }

    @Test
    void pgpassfileNamesAnotherFile() throws IOException {
        privateFile(home.resolve(".pgpass"), "*:*:*:*:home");
        Path elsewhere = privateFile(home.resolve("elsewhere.conf"), "*:*:*:*:elsewhere");
        assertEquals(Optional.of("elsewhere"), lookup(Map.of("PGPASSFILE", elsewhere.toString())).find(URL));
    }

    @Test
    void theDatabaseDefaultsToTheUserAndTheUserToTheSystemUser() throws IOException {
        privateFile(home.resolve(".pgpass"), "localhost:5432:osuser:osuser:defaults", "localhost:5432:tick:tick:user-only");
        assertEquals(Optional.of("defaults"), lookup(Map.of()).find(PostgresUrl.parse("jdbc:postgresql://localhost/")));
        assertEquals(Optional.of("user-only"), lookup(Map.of()).find(PostgresUrl.parse("jdbc:postgresql://localhost/?user=tick")));
    }

    @Test
    void aPasswordFileOthersMayReadIsIgnoredWithAWarning() throws IOException {
        Path file = privateFile(home.resolve(".pgpass"), "*:*:*:*:exposed");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.empty(), lookup(Map.of()).find(URL));
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).contains(file.toString()) && warnings.get(0).contains("chmod 0600"), warnings::toString);
        assertFalse(warnings.get(0).contains("exposed"), "the warning never quotes the file's content");
        // pgjdbc, given no password, would read the file itself: the driver is given an empty one instead
        assertEquals("", lookup(Map.of()).forDriver(URL));
    }

    @Test
    void aPasswordFileTheGroupMayReadIsIgnoredToo() throws IOException {
        Path file = privateFile(home.resolve(".pgpass"), "*:*:*:*:exposed");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(Optional.empty(), lookup(Map.of()).find(URL));
        assertEquals(1, warnings.size(), warnings::toString);
    }

    @Test
    void noPasswordAnywhereIsNoneAndNoWarning() {
        assertEquals(Optional.empty(), lookup(Map.of()).find(URL));
        assertNull(lookup(Map.of()).forDriver(URL), "no password, so that the driver says none was provided if one is needed");
        assertEquals(Optional.empty(), lookup(Map.of("PGPASSFILE", home.resolve("missing").toString())).find(URL));
        assertTrue(warnings.isEmpty(), warnings::toString);
    }
}
