package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.TickstoreException.Problem;
import org.junit.jupiter.api.Test;

/** Event payloads are JSON, kept in one canonical spelling. */
class TickEventTest {
    @Test
    void payloadsAreCompactWithSortedKeysAndPlainNumbers() {
        assertEquals("{\"a\":[1,2.5,100],\"b\":{\"c\":\"✓\",\"d\":null}}",
                TickEvent.of("k", " { \"b\": {\"d\": null, \"c\": \"✓\"}, \"a\": [1, 2.50, 1e2] } ").payloadJson());
    }

    @Test
    void equalJsonMakesEqualEvents() {
        assertEquals(TickEvent.about("birth", 3, "{\"x\":1,\"y\":2}"), TickEvent.about("birth", 3, "{\"y\": 2, \"x\": 1}"));
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedNamingTheEvent() {
        PersistenceException e = assertThrows(PersistenceException.class, () -> TickEvent.of("birth", "{x: 1}"));
        assertEquals(Problem.INVALID_INPUT, e.problem());
        assertTrue(e.getMessage().startsWith("payload of event 'birth' is not valid JSON"), e.getMessage());
        assertThrows(PersistenceException.class, () -> TickEvent.of("birth", "{\"a\": 1, \"a\": 2}"));
        assertThrows(PersistenceException.class, () -> TickEvent.of("birth", "1 2"));
        assertThrows(PersistenceException.class, () -> TickEvent.of("birth", ""));
    }

    @Test
    void anEventNeedsAKindAndANonNegativeEntity() {
        assertThrows(PersistenceException.class, () -> TickEvent.of("", "{}"));
        assertThrows(PersistenceException.class, () -> TickEvent.about("k", -1, "{}"));
    }
}
