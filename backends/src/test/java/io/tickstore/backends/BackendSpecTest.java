package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.BackendSpec.Kind;
import io.tickstore.backends.postgres.PostgresUrl;
import io.tickstore.columns.TickstoreException.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A backend spec's parts, and the one form of it that is shown: never with a password. */
class BackendSpecTest {
    @Test
    void sqliteSpecsNameAFileOrMemory() {
        BackendSpec file = BackendSpec.parse("sqlite:data/runs/r1.sqlite");
        assertEquals(Kind.SQLITE_FILE, file.kind());
        assertEquals(Path.of("data/runs/r1.sqlite"), file.sqliteFile());
        assertEquals("sqlite:data/runs/r1.sqlite", file.toString());
        assertEquals(Kind.SQLITE_MEMORY, BackendSpec.parse("sqlite::memory:").kind());
        assertEquals("sqlite::memory:", BackendSpec.parse("sqlite::memory:").toString());
    }

    @Test
    void aPostgresSpecIsShownWithoutItsPasswordParameter() {
        BackendSpec spec = BackendSpec.parse("postgres:jdbc:postgresql://db.example:6543/sim?user=tick&password=SECRET&ssl=true");
        assertEquals("postgres:jdbc:postgresql://db.example:6543/sim?user=tick&ssl=true", spec.toString());
        PostgresUrl url = spec.postgresUrl();
        assertEquals("db.example", url.host());
        assertEquals("6543", url.port());
        assertEquals("sim", url.database().orElseThrow());
        assertEquals("tick", url.user().orElseThrow());
    }

    @Test
    void aPasswordBeforeTheHostIsDroppedAndItsUserBecomesAParameter() {
        BackendSpec spec = BackendSpec.parse("postgres:jdbc:postgresql://tick:SE%3ACRET@127.0.0.1:5432/test?ssl=false");
        assertEquals("postgres:jdbc:postgresql://127.0.0.1:5432/test?user=tick&ssl=false", spec.toString());
        assertEquals("tick", spec.postgresUrl().user().orElseThrow());
    }

    @Test
    void everyPasswordLikeParameterIsDropped() {
        String shown = BackendSpec.parse("postgres:jdbc:postgresql://h/db?user=u&sslpassword=SECRET&PASSWORD=SECRET2&sslmode=require").toString();
        assertFalse(shown.contains("SECRET"), shown);
        assertEquals("postgres:jdbc:postgresql://h/db?user=u&sslmode=require", shown);
    }

    @Test
    void theShortFormsKeepTheirDefaults() {
        PostgresUrl url = BackendSpec.parse("postgres:jdbc:postgresql:sim").postgresUrl();
        assertEquals("localhost", url.host());
        assertEquals("5432", url.port());
        assertEquals("sim", url.database().orElseThrow());
        assertEquals("jdbc:postgresql:sim", url.toString());
        assertTrue(BackendSpec.parse("postgres:jdbc:postgresql://h/").postgresUrl().database().isEmpty());
    }

    @Test
    void textThatNamesNoBackendIsQuotedWithItsPasswordMasked() {
        for (String text : new String[] {"mysql://u:SECRET@host/db?password=SECRET", "postgres:mysql://h/db?user=u&password=SECRET"}) {
            PersistenceException e = assertThrows(PersistenceException.class, () -> BackendSpec.parse(text));
            assertEquals(Problem.INVALID_INPUT, e.problem());
            assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
            assertTrue(e.getMessage().contains("***"), e.getMessage());
        }
    }

    @Test
    void aMalformedPostgresUrlIsRefusedWithoutQuotingItsPassword() {
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> BackendSpec.parse("postgres:jdbc:postgresql://u:SECRET@h:port/db?password=SECRET"));
        assertEquals(Problem.INVALID_INPUT, e.problem());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }

    @Test
    void redactMasksPasswordsInAnyText() {
        assertEquals("jdbc:postgresql://u:***@h/db?user=u&password=***&x=1", BackendSpec.redact("jdbc:postgresql://u:pw@h/db?user=u&password=pw&x=1"));
        assertEquals("sqlite:data/r1.sqlite", BackendSpec.redact("sqlite:data/r1.sqlite"));
        assertEquals("x://u:***@h/db", BackendSpec.redact("x://u:p@ss@h/db"));
    }
}
