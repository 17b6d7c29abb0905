package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A log opened for reading: every complete chunk found and checked at open ({@code SegmentScan}), segments mapped
 * read-only, queries that read records straight from the mappings, so a log of any size is queried without
 * being loaded onto the heap. Opening never changes anything on disk: a torn tail is reported
 * ({@link #tornTail()}) and ignored, not removed.
 *
 * <pre>
 * try (EventLogReader log = EventLogReader.open(EventLogLayout.logDir(runDir))) {
 *     log.forEntity(42, e -> System.out.println(e));                 // skips chunks whose entity range excludes 42
 *     log.forTicks(100, 200, e -> ...);                               // skips chunks outside the tick range
 * }
 * </pre>
 *
 * <p>Queries may run from several threads at once; {@link #close()} must not race with them. A record whose key
 * the codebook lacks fails the query with {@link Problem#CODEBOOK_MISMATCH} naming the segment, chunk and record.
 */
public final class EventLogReader implements AutoCloseable {
    private final Path dir;
    private final Codebook codebook;
    private final ValueKind[] kinds;
    private final SegmentScan scan;
    private final long appendedOnRecord;
    private boolean closed;

    private EventLogReader(Path dir, Codebook codebook, SegmentScan scan, long appendedOnRecord) {
        this.dir = dir;
        this.codebook = codebook;
        this.kinds = codebook.keyKinds();
        this.scan = scan;
        this.appendedOnRecord = appendedOnRecord;
    }

    /**
     * Opens the log in {@code logDir}: reads codebook.json, then checks every chunk of every segment.
     *
     * <p>Only the last chunk of the log can be torn by a crash; a chunk that fails anywhere else (before the last
     * segment, or with a chunk of this log after it) is damage. A recovery or salvage running at the same time never
     * shortens a file this reader has mapped, and a scan that meets a segment removed or replaced under it starts
     * again, a bounded number of times.
     *
     * @throws EventLogException naming the file when the directory holds no log, the codebook is damaged,
     *         a chunk belongs to another run ({@code FOREIGN_RUN}) or needs codebook entries the codebook lacks
     *         ({@code CODEBOOK_MISMATCH}), the log is damaged ({@code DAMAGED_CHUNK}: naming the segment, the
     *         chunk's sequence and offset, and how to salvage it), or the log kept changing under the scan
     *         ({@code LOG_CHANGED}: a resume or salvage cutting it)
     * @throws IOException when a file cannot be read
     */
    public static EventLogReader open(Path logDir) throws IOException {
        return open(logDir, () -> Codebook.read(EventLogLayout.codebook(logDir)));
    }

    /** Reads the codebook; the tests substitute one that changes between reads, as a live writer's does. */
    @FunctionalInterface
    interface CodebookSource {
        Codebook read() throws IOException;
    }

    /** How often a scan is repeated because the codebook grew while it ran. */
    static final int CODEBOOK_RETRIES = 3;

    /**
     * A log that is still being written may gain codebook entries between the codebook read and the scan of a
     * chunk that needs them (the writer publishes the codebook before such a chunk, never after). When a scan
     * meets a chunk that needs more entries than were read, the codebook is read again: if it has grown, the scan
     * is repeated with it; if it has not, the log is inconsistent and the error stands.
     */
    static EventLogReader open(Path logDir, CodebookSource codebooks) throws IOException {
        return open(logDir, codebooks, SegmentScan::segmentFiles);
    }

    /** Opens with segments listed by {@code lister}; the tests substitute one that races with a recovery. */
    static EventLogReader open(Path logDir, CodebookSource codebooks, SegmentScan.SegmentLister lister) throws IOException {
        if (!Files.isDirectory(logDir)) {
            throw new NoSuchFileException(logDir.toString(), null, "no event log directory here");
        }
        Codebook codebook = codebooks.read();
        AppendCounter.checkRun(EventLogLayout.counter(logDir), codebook.runId());
        for (int attempt = 0; ; attempt++) {
            SegmentScan scan;
            try {
                scan = SegmentScan.scan(logDir, codebook, lister);
            } catch (EventLogException e) {
                if (e.problem() != Problem.CODEBOOK_MISMATCH || attempt == CODEBOOK_RETRIES) {
                    throw e;
                }
                Codebook newer = codebooks.read();
                if (newer.runId() != codebook.runId() || newer.entries() <= codebook.entries()) {
                    throw e;
                }
                codebook = newer;
                continue;
            }
            long appended = AppendCounter.read(EventLogLayout.counter(logDir), codebook.runId());
            return new EventLogReader(logDir, codebook, scan, appended);
        }
    }

    public Path dir() {
        return dir;
    }

    public Codebook codebook() {
        return codebook;
    }

    /** The log's run id (also in every chunk header). */
    public long runId() {
        return codebook.runId();
    }

    /** Complete chunks, in order. */
    public List<ChunkInfo> chunks() {
        return scan.chunks;
    }

    /** Records in complete chunks. */
    public long recordCount() {
        return scan.records;
    }

    /** The smallest tick of any record, or -1 for an empty log. */
    public long firstTick() {
        long first = Long.MAX_VALUE;
        for (ChunkInfo chunk : scan.chunks) {
            first = Math.min(first, chunk.header().firstTick());
        }
        return scan.chunks.isEmpty() ? -1 : first;
    }

    /** The largest tick of any record, or -1 for an empty log. */
    public long lastTick() {
        long last = Long.MIN_VALUE;
        for (ChunkInfo chunk : scan.chunks) {
            last = Math.max(last, chunk.header().lastTick());
        }
        return scan.chunks.isEmpty() ? -1 : last;
    }

    /** The incomplete chunk a crash left at the end, if any. */
    public Optional<TornTail> tornTail() {
        return Optional.ofNullable(scan.tail);
    }

    /**
     * Records the writer had appended when it last stored its counter, or -1 when unknown (no counter, or one
     * a power cut lost). After a kill -9 this minus {@link #recordCount()} is exactly the number of records lost.
     */
    public long appendedOnRecord() {
        return appendedOnRecord;
    }

    /**
     * What {@code appended.cnt} in {@code logDir} records for run {@code runId}, read without opening the log: -1
     * when it is missing or unusable (wrong size, magic or version, or another run's counter).
     */
    public static long appendedOnRecord(Path logDir, long runId) throws IOException {
        return AppendCounter.read(EventLogLayout.counter(logDir), runId);
    }

    /** Records the log lost: appended but in no complete chunk; -1 when the counter is unknown. */
    public long recordsLost() {
        return appendedOnRecord < 0 ? -1 : Math.max(0, appendedOnRecord - scan.records);
    }

    // ------------------------------------------------------------------ queries

    /** Every record, in log order. */
    public void forEach(EventHandler handler) throws IOException {
        ensureOpen();
        EventCursor cursor = new EventCursor(codebook, kinds);
        for (ChunkInfo chunk : scan.chunks) {
            visit(chunk, cursor, handler, Long.MIN_VALUE, Long.MAX_VALUE, false, 0);
        }
    }

    /** The records with a tick in {@code [fromTick, toTick]}, in log order; chunks outside the range are not read. */
    public void forTicks(long fromTick, long toTick, EventHandler handler) throws IOException {
        ensureOpen();
        EventCursor cursor = new EventCursor(codebook, kinds);
        for (ChunkInfo chunk : scan.chunks) {
            if (chunk.mayHoldTicks(fromTick, toTick)) {
                visit(chunk, cursor, handler, fromTick, toTick, false, 0);
            }
        }
    }

    /** The records about one entity, in log order; chunks whose entity range excludes it are not read. */
    public void forEntity(long entityId, EventHandler handler) throws IOException {
        ensureOpen();
        EventCursor cursor = new EventCursor(codebook, kinds);
        for (ChunkInfo chunk : scan.chunks) {
            if (chunk.mayHoldEntity(entityId)) {
                visit(chunk, cursor, handler, Long.MIN_VALUE, Long.MAX_VALUE, true, entityId);
            }
        }
    }

    private void visit(ChunkInfo chunk, EventCursor cursor, EventHandler handler, long fromTick, long toTick,
                       boolean oneEntity, long entityId) throws IOException {
        long address = payloadAddress(chunk);
        long values = address + chunk.header().recordBytes();
        int keys = kinds.length;
        for (int i = 0; i < chunk.records(); i++, address += EventRecord.BYTES) {
            long tick = EventRecord.tick(address);
            if (tick < fromTick || tick > toTick || (oneEntity && EventRecord.entityId(address) != entityId)) {
                continue;
            }
            int key = EventRecord.key(address);
            if (key < 0 || key >= keys) {
                throw unknownKey(chunk, i, key);
            }
            cursor.moveTo(chunk, address, i, values);
            handler.onEvent(cursor);
        }
    }

    EventLogException unknownKey(ChunkInfo chunk, int index, int key) {
        return new EventLogException(chunk.segment(), chunk.sequence(), chunk.offset(), Problem.CODEBOOK_MISMATCH,
                "chunk " + chunk.sequence() + " record " + index + " has key code " + key + ", but the codebook ("
                + EventLogLayout.codebook(dir) + ") defines codes 0.." + (kinds.length - 1) + ": the codebook does not match this log");
    }

    /**
     * The address of a chunk's first record in its mapping: borrowed, valid until {@link #close()}, for code that
     * reads records in bulk ({@link EventRecord} has the offsets). The chunk's {@code records() * EventRecord.BYTES}
     * bytes from there were checked against the file's size and CRC32C at open.
     */
    public long payloadAddress(ChunkInfo chunk) {
        ensureOpen();
        return scan.segmentOf(chunk).address(chunk.payloadOffset());
    }

    /**
     * The address of a chunk's value area in its mapping ({@link ChunkHeader#valueBytes()} bytes, after its records;
     * none in a chunk of format version 1): borrowed, valid until {@link #close()}. A {@link ValueKind#BYTES} record's
     * value is {@link EventRecord#valueLength} bytes at {@link EventRecord#valueOffset} from here; a reader checks that
     * they lie inside the area before it reads them.
     */
    public long valuesAddress(ChunkInfo chunk) {
        return payloadAddress(chunk) + chunk.header().recordBytes();
    }

    /** The codebook's key kinds, indexed by code. */
    public ValueKind[] keyKinds() {
        return kinds.clone();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("event log reader of " + dir + " is closed");
        }
    }

    /** Unmaps every segment; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scan.close();
    }

    @Override
    public String toString() {
        return "EventLogReader[" + dir + ", " + scan.chunks.size() + " chunks, " + scan.records + " records"
                + (scan.tail != null ? ", torn tail of " + scan.tail.bytes() + " bytes" : "") + "]";
    }
}
