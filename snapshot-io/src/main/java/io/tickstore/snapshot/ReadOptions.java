package io.tickstore.snapshot;

import io.tickstore.columns.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link SnapshotReader} loads: the schema each table should have after loading (tables without one load
 * as stored), whether file checksums are verified, and how many files are read at once. Immutable; every
 * {@code with…} returns a copy.
 *
 * <pre>
 * ReadOptions options = ReadOptions.defaults().withTargetSchema(creaturesV2).withThreads(4);
 * </pre>
 */
public final class ReadOptions {
    public static final int DEFAULT_THREADS = 2;

    private static final ReadOptions DEFAULTS = new ReadOptions(Map.of(), true, DEFAULT_THREADS, false);

    private final Map<String, Schema> targetSchemas;
    private final boolean verifyChecksums;
    private final int threads;
    private final boolean copyOnWrite;

    private ReadOptions(Map<String, Schema> targetSchemas, boolean verifyChecksums, int threads, boolean copyOnWrite) {
        this.targetSchemas = Collections.unmodifiableMap(new LinkedHashMap<>(targetSchemas));
        this.verifyChecksums = verifyChecksums;
        this.threads = threads;
        this.copyOnWrite = copyOnWrite;
    }

    /** Tables as stored, checksums verified, 2 threads. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** Adds (or replaces) the target schema of the table {@code schema.name()}. */
    public ReadOptions withTargetSchema(Schema schema) {
        Map<String, Schema> map = new LinkedHashMap<>(targetSchemas);
        map.put(schema.name(), schema);
        return new ReadOptions(map, verifyChecksums, threads, copyOnWrite);
    }

    /** Replaces every target schema; keys are table names (a key that differs from its schema's name is an error at load). */
    public ReadOptions withTargetSchemas(Map<String, Schema> schemas) {
        return new ReadOptions(schemas, verifyChecksums, threads, copyOnWrite);
    }

    /** Whether every file's CRC32C is checked while it is read (on by default; off only for trusted benchmarks). */
    public ReadOptions withVerifyChecksums(boolean verify) {
        return new ReadOptions(targetSchemas, verify, threads, copyOnWrite);
    }

    /** Files read in parallel, the calling thread included. */
    public ReadOptions withThreads(int threads) {
        if (threads < 1 || threads > WriteOptions.MAX_THREADS) {
            throw new IllegalArgumentException("threads " + threads + " is outside 1.." + WriteOptions.MAX_THREADS);
        }
        return new ReadOptions(targetSchemas, verifyChecksums, threads, copyOnWrite);
    }

    /**
     * Whether scalar and array columns stored as they load, and the entity ids, become private copy-on-write mappings
     * of their files instead of being read (off by default; {@link SnapshotReader#openCopyOnWrite} turns it on).
     */
    public ReadOptions withCopyOnWriteMapping(boolean map) {
        return new ReadOptions(targetSchemas, verifyChecksums, threads, map);
    }

    public Map<String, Schema> targetSchemas() {
        return targetSchemas;
    }

    /** The target schema of a table, or null when it loads as stored. */
    public Schema targetSchema(String table) {
        return targetSchemas.get(table);
    }

    public boolean verifyChecksums() {
        return verifyChecksums;
    }

    public int threads() {
        return threads;
    }

    public boolean copyOnWriteMapping() {
        return copyOnWrite;
    }

    @Override
    public String toString() {
        return "ReadOptions[targets=" + targetSchemas.keySet() + ", verify=" + verifyChecksums + ", threads=" + threads + (copyOnWrite ? ", copy-on-write" : "") + "]";
    }
}
