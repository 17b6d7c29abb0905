package io.tickstore.snapshot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Which ticks a retention policy deletes. */
class RetentionPolicyTest {
    static final List<Long> ZERO_TO_TWENTY = LongStream.rangeClosed(0, 20).boxed().toList();

    @Test
    void keepAllDeletesNothing() {
        assertEquals(List.of(), RetentionPolicy.keepAll().toDelete(ZERO_TO_TWENTY));
    }

    @Test
    void everyNthKeepsTheMultiplesOfNAndTheNewest() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L), RetentionPolicy.everyNth(5).toDelete(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L)));
    }

    @Test
    void lastKKeepsTheKNewest() {
        assertEquals(LongStream.rangeClosed(0, 17).boxed().toList(), RetentionPolicy.lastK(3).toDelete(ZERO_TO_TWENTY));
    }

    @Test
    void combinedPoliciesKeepWhatEitherKeeps() {
        RetentionPolicy policy = RetentionPolicy.everyNth(5).and(RetentionPolicy.lastK(3));
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L, 11L, 12L, 13L, 14L, 16L, 17L), policy.toDelete(ZERO_TO_TWENTY));
        assertEquals("everyNth(5) and lastK(3)", policy.toString());
    }

    @Test
    void nonsensicalPoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.everyNth(0));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.lastK(0));
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.lastK(2).and(RetentionPolicy.lastK(3)));
    }
}
