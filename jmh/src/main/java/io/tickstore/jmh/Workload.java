package io.tickstore.jmh;

import io.tickstore.columns.World;
import io.tickstore.examples.creatures.CreatureSimulation;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.WriteOptions;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The §36 workload every benchmark measures: a freshly seeded creature world of one million rows, 8 columns,
 * 36 bytes a row. The seed is fixed so every trial, every peer and every run sees the same bytes.
 */
final class Workload {
    /** Rows of the creature table. */
    static final int ROWS = 1_000_000;
    /** The seed of every world the benchmarks build. */
    static final long SEED = 36L;
    /** The table every benchmark reads and writes. */
    static final String TABLE = CreatureSimulation.TABLE;
    /** The column the mmap and scan benchmarks open. */
    static final String SCAN_COLUMN = "energy";

    private Workload() {
    }

    /** The creature world of {@code rows} rows from {@link #SEED}. */
    static World newWorld(BufferAllocator allocator, int rows) {
        return CreatureSimulation.newWorld(allocator, SEED, rows);
    }

    /**
     * Snapshot writes to the page cache, without fsync: the benchmarks measure the format and the code, not the
     * disk's flush latency, and the numpy peer does not fsync either.
     */
    static WriteOptions pageCache(int threads) {
        return WriteOptions.defaults().withDurability(Durability.PAGE_CACHE).withThreads(threads);
    }
}
