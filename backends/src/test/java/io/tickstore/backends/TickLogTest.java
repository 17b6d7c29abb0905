package io.tickstore.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tick's replay metadata: optional fields, checked on entry, stored as canonical JSON. */
class TickLogTest {
    @Test
    void systemTimingsAreStoredAsAJsonObjectAndReadBackFromIt() {
        TickLog log = TickLog.builder(3).systemTiming("move", 1.25).systemTiming("cleanup", 0.5).build();
        assertEquals("{\"cleanup\":0.5,\"move\":1.25}", log.systemTimingsJson());
        TickLog back = TickLog.builder(3).systemTimingsJson(log.systemTimingsJson()).build();
        assertEquals(log, back);
        assertEquals(Map.of("cleanup", 0.5, "move", 1.25), back.systemTimingsMs());
    }

    @Test
    void theGeneratorStateIsCopiedInAndOut() {
        byte[] state = {1, 2, 3};
        TickLog log = TickLog.builder(0).rngState(state).build();
        state[0] = 9;
        log.rngState()[1] = 9;
        assertEquals(1, log.rngState()[0]);
        assertEquals(2, log.rngState()[1]);
    }

    @Test
    void badValuesAreRefusedNamingTheTick() {
        assertTrue(assertThrows(PersistenceException.class, () -> TickLog.builder(-1)).getMessage().contains("tick -1 is negative"));
        assertTrue(assertThrows(PersistenceException.class, () -> TickLog.builder(4).wallTimeMs(-2)).getMessage().contains("tick 4"));
        assertThrows(PersistenceException.class, () -> TickLog.builder(4).wallTimeMs(Double.NaN));
        assertThrows(PersistenceException.class, () -> TickLog.builder(4).mutations("[1,"));
        assertThrows(PersistenceException.class, () -> TickLog.builder(4).systemTimingsJson("[1]"));
    }
}
