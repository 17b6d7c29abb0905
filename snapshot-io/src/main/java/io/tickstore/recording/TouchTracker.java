package io.tickstore.recording;

import io.tickstore.columns.Table;
import java.util.Arrays;

/**
 * The rows of one table touched during the tick in progress, as a bitset over entity ids: a write sets one bit, so it
 * costs a shift, an or and two compares, and allocates nothing once the bitset covers the table's ids (it is sized to
 * them when the recording attaches, and grows only when new ids pass its end). A row removed during the tick is
 * cleared: {@link #take} lists the rows touched and still live, and clears only the words the tick used.
 *
 * <p>Entity ids beyond {@link #BITSET_LIMIT} (a table loaded with ids of its own) would make the bitset huge; they are
 * kept in a list instead, and checked against the live table when the tick is taken.
 */
final class TouchTracker {
    /** Ids below this are kept in the bitset (at most 32 MiB of it); the rest in a list. */
    static final long BITSET_LIMIT = 1L << 28;

    private final Table table;
    private long[] words;
    private int lowWord = Integer.MAX_VALUE;
    private int highWord = -1;
    private long[] far = new long[0];
    private int farCount;

    TouchTracker(Table table) {
        this.table = table;
        long ids = Math.min(BITSET_LIMIT, Math.max(64, table.nextEntityId() + table.nextEntityId() / 4));
        this.words = new long[(int) ((ids + 63) >>> 6)];
    }

    void touch(long entityId) {
        if (entityId < BITSET_LIMIT) {
            int word = (int) (entityId >>> 6);
            if (word >= words.length) {
                words = Arrays.copyOf(words, Math.max(word + 1, (int) Math.min(BITSET_LIMIT >>> 6, words.length * 2L)));
            }
            words[word] |= 1L << entityId;
            if (word < lowWord) {
                lowWord = word;
            }
            if (word > highWord) {
                highWord = word;
            }
        } else {
            if (farCount == far.length) {
                far = Arrays.copyOf(far, Math.max(16, farCount * 2));
            }
            far[farCount++] = entityId;
        }
    }

    void removed(long entityId) {
        if (entityId < BITSET_LIMIT) {
            int word = (int) (entityId >>> 6);
            if (word < words.length) {
                words[word] &= ~(1L << entityId);
            }
        }
    }

    /** The rows touched since the last take, still live; starts over. */
    TouchedRows take() {
        int count = 0;
        for (int w = lowWord; w <= highWord; w++) {
            count += Long.bitCount(words[w]);
        }
        long[] ids = new long[count + farCount];
        int n = 0;
        for (int w = lowWord; w <= highWord; w++) {
            long bits = words[w];
            while (bits != 0) {
                ids[n++] = ((long) w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        if (highWord >= lowWord) {
            Arrays.fill(words, lowWord, highWord + 1, 0L);
        }
        lowWord = Integer.MAX_VALUE;
        highWord = -1;
        if (farCount == 0) {
            return TouchedRows.ascending(table.name(), ids);
        }
        for (int i = 0; i < farCount; i++) {
            if (table.slotOf(far[i]) >= 0) {
                ids[n++] = far[i];
            }
        }
        farCount = 0;
        return TouchedRows.of(table.name(), Arrays.copyOf(ids, n));
    }
}
