package io.tickstore.snapshot.eventlog;

import io.tickstore.snapshot.Durability;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How an {@link EventLogWriter} buffers and writes. Immutable; every {@code with…} returns a copy.
 *
 * <pre>
 * EventLogOptions options = EventLogOptions.defaults().withBufferRecords(16_384).withBackPressure(BackPressure.GROW);
 * </pre>
 */
public final class EventLogOptions {
    /** Records per buffer (and so per full chunk): 65,536 records, 1.75 MiB. */
    public static final int DEFAULT_BUFFER_RECORDS = 65_536;
    /** A segment file is closed and the next one started once it holds this many bytes. */
    public static final long DEFAULT_SEGMENT_BYTES = 256L << 20;
    /** Segments are mapped whole by readers: they stay below 1 GiB plus one chunk. */
    public static final long MAX_SEGMENT_BYTES = 1L << 30;
    private static final SecureRandom RUN_IDS = new SecureRandom();

    private static final EventLogOptions DEFAULTS = new EventLogOptions(DEFAULT_BUFFER_RECORDS, BackPressure.BLOCK,
            Durability.FSYNC, DEFAULT_SEGMENT_BYTES, true, OptionalLong.empty());

    private final int bufferRecords;
    private final BackPressure backPressure;
    private final Durability durability;
    private final long segmentBytes;
    private final boolean shutdownHook;
    private final OptionalLong runId;

    private EventLogOptions(int bufferRecords, BackPressure backPressure, Durability durability, long segmentBytes,
                            boolean shutdownHook, OptionalLong runId) {
        this.bufferRecords = bufferRecords;
        this.backPressure = backPressure;
        this.durability = durability;
        this.segmentBytes = segmentBytes;
        this.shutdownHook = shutdownHook;
        this.runId = runId;
    }

    /** 65,536-record buffers, BLOCK, FSYNC, 256 MiB segments, a shutdown hook, a random run id. */
    public static EventLogOptions defaults() {
        return DEFAULTS;
    }

    /** Records a buffer holds; a full buffer becomes one chunk. At least 1, at most {@link ChunkHeader#MAX_RECORDS}. */
    public EventLogOptions withBufferRecords(int records) {
        if (records < 1 || records > ChunkHeader.MAX_RECORDS) {
            throw new IllegalArgumentException("buffer records " + records + " is outside 1.." + ChunkHeader.MAX_RECORDS);
        }
        return new EventLogOptions(records, backPressure, durability, segmentBytes, shutdownHook, runId);
    }

    public EventLogOptions withBackPressure(BackPressure policy) {
        return new EventLogOptions(bufferRecords, Objects.requireNonNull(policy, "policy"), durability, segmentBytes, shutdownHook, runId);
    }

    /**
     * {@link Durability#FSYNC}: every chunk is forced to the device before it counts as written (and before
     * {@link EventLogWriter#flush()} returns). {@link Durability#PAGE_CACHE}: written to the operating system
     * only, which survives a kill -9 of the process but not a power cut.
     */
    public EventLogOptions withDurability(Durability durability) {
        return new EventLogOptions(bufferRecords, backPressure, Objects.requireNonNull(durability, "durability"), segmentBytes,
                shutdownHook, runId);
    }

    /** Bytes after which the writer starts a new segment file; 4 KiB to 1 GiB. */
    public EventLogOptions withSegmentBytes(long bytes) {
        if (bytes < 4096 || bytes > MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("segment bytes " + bytes + " is outside 4096.." + MAX_SEGMENT_BYTES);
        }
        return new EventLogOptions(bufferRecords, backPressure, durability, bytes, shutdownHook, runId);
    }

    /** Whether the writer registers a JVM shutdown hook that writes every record appended before an orderly exit. */
    public EventLogOptions withShutdownHook(boolean hook) {
        return new EventLogOptions(bufferRecords, backPressure, durability, segmentBytes, hook, runId);
    }

    /** A fixed run id for a new log (golden files, reproducible tests); by default each new log gets a random one. */
    public EventLogOptions withRunId(long id) {
        return new EventLogOptions(bufferRecords, backPressure, durability, segmentBytes, shutdownHook, OptionalLong.of(id));
    }

    public int bufferRecords() {
        return bufferRecords;
    }

    public BackPressure backPressure() {
        return backPressure;
    }

    public Durability durability() {
        return durability;
    }

    public long segmentBytes() {
        return segmentBytes;
    }

    public boolean shutdownHook() {
        return shutdownHook;
    }

    /** The fixed run id, or a fresh random one. */
    long runIdForNewLog() {
        return runId.isPresent() ? runId.getAsLong() : RUN_IDS.nextLong();
    }

    /**
     * The most records a kill -9 can take from a log written with these options while {@link BackPressure#BLOCK}
     * holds: the buffer being filled plus the one being written, {@code 2 * bufferRecords}. Under
     * {@link BackPressure#GROW} every buffer allocated can be waiting, so no fixed bound exists.
     */
    public long killLossBound() {
        return 2L * bufferRecords;
    }

    @Override
    public String toString() {
        return "EventLogOptions[" + bufferRecords + " records a buffer, " + backPressure + ", " + durability + ", segments of "
                + segmentBytes + " bytes" + (shutdownHook ? ", shutdown hook" : "") + "]";
    }
}
