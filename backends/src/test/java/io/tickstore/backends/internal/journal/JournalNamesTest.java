package io.tickstore.backends.internal.journal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.PersistenceException;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.TickstoreException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing reaches SQL unless it is a plain identifier, and then always quoted. */
class JournalNamesTest {
    @Test
    void aValidIdentifierIsDoubleQuoted() {
        assertEquals("\"order\"", JournalNames.quote("order"));
        assertEquals("\"MixedCase_2\"", JournalNames.quote("MixedCase_2"));
        assertEquals("\"_session_id\"", JournalNames.quote("_session_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a b", "x\"; DROP TABLE tick; --", "naïve", "a-b", "tab\tname"})
    void anythingElseIsRefusedNamingIt(String name) {
        PersistenceException e = assertThrows(PersistenceException.class, () -> JournalNames.checkIdentifier(name, "column"));
        assertEquals(Problem.INVALID_IDENTIFIER, e.problem());
        assertTrue(e.getMessage().startsWith("column '"), e.getMessage());
        assertTrue(e.getMessage().contains("not a valid identifier"), e.getMessage());
    }

    @Test
    void aNameOverSixtyThreeCharactersIsRefusedRatherThanTruncated() {
        assertDoesNotThrow(() -> JournalNames.checkIdentifier("a".repeat(63), "table"));
        PersistenceException e = assertThrows(PersistenceException.class, () -> JournalNames.checkIdentifier("a".repeat(64), "table"));
        assertTrue(e.getMessage().contains("64 characters, over the limit of 63"), e.getMessage());
    }

    @Test
    void theJournalOfATableIsItsNameAndVersion() {
        assertEquals("creatures_v3", JournalNames.journalTable(Schema.builder("creatures", 3).column("x", ColumnType.F32).build()));
    }

    @Test
    void keyColumnsCannotCollideWithSchemaColumnsWhichStartWithALetter() {
        for (String key : List.of(JournalNames.SESSION_ID, JournalNames.TICK, JournalNames.ENTITY_ID, JournalNames.SLOT)) {
            assertTrue(key.startsWith("_"));
            assertFalse(Schema.IDENTIFIER.matcher(key).matches());
        }
    }

    @Test
    void checkingSchemasListsEveryProblemAtOnce() {
        Schema tooLong = Schema.builder("t".repeat(62), 1).column("x", ColumnType.I32).build();
        Schema caseTwin = Schema.builder("Movers", 1).column("Speed", ColumnType.I32).column("speed", ColumnType.I32).build();
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> JournalNames.checkSchemas(List.of(tooLong, caseTwin), JournalNames.Rules.SQLITE));
        assertTrue(e.getMessage().contains("its journal table"), e.getMessage());
        assertTrue(e.getMessage().contains("'Speed' and 'speed'"), e.getMessage());
        assertTrue(e.getMessage().contains("SQLite cannot tell apart"), e.getMessage());
    }

    @Test
    void postgresTellsCaseApart() {
        Schema caseTwin = Schema.builder("Movers", 1).column("Speed", ColumnType.I32).column("speed", ColumnType.I32).build();
        assertDoesNotThrow(() -> JournalNames.checkSchemas(List.of(caseTwin), JournalNames.Rules.POSTGRES));
    }
}
