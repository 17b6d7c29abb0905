package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.internal.OffHeap;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import io.tickstore.snapshot.internal.FileErrors;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.agrona.UnsafeApi;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Appends fixed-width event records (tick, entity id, key code, value) from the simulation thread, and writes
 * them to checksummed chunks on a background thread.
 *
 * <h2>Hot path</h2>
 * {@link #append} writes 28 bytes into the active off-heap buffer (allocated through an Arrow allocator) and
 * stores the running count into the memory-mapped {@code appended.cnt}: no allocation, no lock, no system call.
 * When the buffer is full the slow path hands it to the writer thread and takes a free one; if none is free the
 * {@link BackPressure} policy decides: wait ({@code BLOCK}, the default, two buffers in all) or allocate another
 * ({@code GROW}). Nothing is ever dropped.
 *
 * <h2>Values of any length</h2>
 * {@link #appendBytes} appends a record of a {@link ValueKind#BYTES} key whose value (an array row, a variable-length
 * value) does not fit its 8 value bytes: the bytes go to the buffer's value area, allocated on first use and grown to
 * hold any one value, and the record points at them. A buffer whose value area is full is handed over like a full one.
 * A chunk with values is format version 2 (its header says how many value bytes follow the records); one without is
 * version 1, as before.
 *
 * <h2>Writer thread</h2>
 * Takes full buffers in order and appends each as one chunk (header, records, trailer; see {@link ChunkHeader},
 * {@link ChunkTrailer}) to the current segment file, forcing it with {@link Durability#FSYNC}, then hands the
 * buffer back. Before a chunk whose records may use codebook entries not yet on disk, it rewrites
 * {@code codebook.json} atomically, so a chunk never refers to a code the disk does not know.
 *
 * <h2>Crash guarantees</h2>
 * <ul>
 *   <li>{@link #flush()} returns once every record appended before it is in a complete chunk (forced with FSYNC).</li>
 *   <li>{@link #close()} flushes, stops the writer and frees every buffer; an orderly JVM exit runs a shutdown
 *       hook that writes every record appended before it started.</li>
 *   <li>A kill -9 loses at most the records not yet in a complete chunk: the active buffer and those waiting
 *       for or being written by the writer thread, at most {@link EventLogOptions#killLossBound()} records
 *       ({@code 2 * bufferRecords}) under {@code BLOCK}. {@link #openForAppend} finds the last complete chunk,
 *       drops the torn one and reports exactly how many records were lost ({@link RecoveryReport}).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * One thread appends (and calls {@link #flush()} and {@link #key}); {@link #stats()} may be read from any thread.
 * A failure of the writer thread (a full disk) is thrown, as {@link UncheckedIOException}, by the next append
 * that needs a buffer, and by {@code flush} and {@code close}.
 */
public final class EventLogWriter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLogWriter.class.getName());
    private static final long SHUTDOWN_WAIT_NANOS = 10_000_000_000L;

    private final Path dir;
    private final EventLogOptions options;
    private final BufferAllocator allocator;
    private final Codebook codebook;
    private final AppendCounter counter;
    private final long counterAddress;
    private final RecoveryReport recovery;
    private final boolean fsync;
    private final long baseRecords;

    // the appending thread's state: the hot path touches only these
    private long activeAddress;
    private long activePosition;
    private long activeLimit;
    private Buffer active;
    private long appended;
    // the active buffer's value area: where the next value's bytes go, and where it ends
    private long activeValueAddress;
    private long activeValuePosition;
    private long activeValueLimit;

    // shared with the writer thread and the shutdown hook, guarded by lock
    private final Object lock = new Object();
    private final List<Buffer> buffers = new ArrayList<>();
    private final ArrayDeque<Buffer> free = new ArrayDeque<>();
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private long sealedRecords;
    private long writtenRecords;
    private long chunksWritten;
    private long bytesWritten;
    private long blockedNanos;
    private long blockedCount;
    private Throwable failure;
    private boolean stopWriter;
    private boolean shutDownByHook;
    private boolean closed;

    // the writer thread's state
    private final Thread writerThread;
    private final Thread hook;
    private FileChannel segment;
    /** The current segment's path, which a failed write names ("...tlog: no space left on device"). */
    private Path segmentFile;
    private long segmentSize;
    private long nextSequence;
    private int persistedCodebookEntries;
    private final ByteBuffer headerBuffer = ByteBuffer.allocate(ChunkHeader.BYTES);
    private final ByteBuffer trailerBuffer = ByteBuffer.allocate(ChunkTrailer.BYTES);
    private final CRC32C crc = new CRC32C();

    /**
     * An off-heap buffer of {@code bufferRecords} records. Its capacity is the requested whole number of records,
     * not the allocator's (possibly rounded up) size: the hot path detects a full buffer by equality.
     */
    private static final class Buffer {
        final ArrowBuf buf;
        final long address;
        final long capacity;
        // the value area, allocated when the buffer first holds a value and grown to fit the largest one
        ArrowBuf values;
        long valuesAddress;
        long valuesCapacity;
        // set under the lock when the buffer is handed to the writer (no object is made per hand-off): its first
        // `records` records and `valueBytes` bytes of values become one chunk, written with the codebook's first
        // `codebookEntries` entries on disk, and the buffer goes back to the free list afterwards when `recycle`
        int records;
        int valueBytes;
        int codebookEntries;
        boolean recycle;

        Buffer(ArrowBuf buf, long capacity) {
            this.buf = buf;
            this.address = buf.memoryAddress();
            this.capacity = capacity;
        }
    }

    private EventLogWriter(Path dir, BufferAllocator parent, EventLogOptions options, Codebook codebook, AppendCounter counter,
                           RecoveryReport recovery, long baseRecords, long nextSequence, Path lastSegment) throws IOException {
        this.dir = dir;
        this.options = options;
        this.codebook = codebook;
        this.counter = counter;
        this.counterAddress = counter.address() + AppendCounter.APPENDED_OFFSET;
        this.recovery = recovery;
        this.fsync = options.durability() == Durability.FSYNC;
        this.baseRecords = baseRecords;
        this.appended = baseRecords;
        this.sealedRecords = baseRecords;
        this.writtenRecords = baseRecords;
        this.nextSequence = nextSequence;
        this.persistedCodebookEntries = codebook.entries();
        this.allocator = parent.newChildAllocator("event-log", 0, Long.MAX_VALUE);
        try {
            if (lastSegment != null) {
                segment = FileChannel.open(lastSegment, StandardOpenOption.WRITE);
                segmentFile = lastSegment;
                segmentSize = segment.size();
                segment.position(segmentSize);
            }
            active = allocateBuffer();
            free.add(allocateBuffer());
        } catch (IOException | RuntimeException | Error e) {
            releaseResources();
            throw e;
        }
        activeAddress = active.address;
        activeLimit = active.capacity;
        writerThread = new Thread(this::writerLoop, "tickstore-event-log-writer");
        writerThread.setDaemon(true);
        writerThread.start();
        if (options.shutdownHook()) {
            hook = new Thread(this::flushOnShutdown, "tickstore-event-log-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    // ------------------------------------------------------------------ opening

    /**
     * Creates a new, empty log in {@code logDir} (created if missing; it must not hold a log already): writes
     * the append counter, then codebook.json with a new run id.
     */
    public static EventLogWriter create(Path logDir, BufferAllocator allocator, EventLogOptions options) throws IOException {
        if (Files.exists(EventLogLayout.codebook(logDir)) || (Files.isDirectory(logDir) && !SegmentScan.segmentFiles(logDir).isEmpty())) {
            throw new FileAlreadyExistsException(logDir.toString(), null, "already holds an event log (open it with openForAppend)");
        }
        Files.createDirectories(logDir);
        Codebook codebook = Codebook.create(options.runIdForNewLog());
        // The counter first: codebook.json is what makes the directory a log, so a log never exists without its
        // counter, and a crash between the two leaves no log (a lone counter is replaced by the next create).
        AppendCounter counter = AppendCounter.create(EventLogLayout.counter(logDir), codebook.runId(), 0);
        RecoveryReport nothing = new RecoveryReport(logDir, 0, 0, Optional.empty(), 0, true, 0, Long.MAX_VALUE);
        try {
            codebook.write(EventLogLayout.codebook(logDir), true);
            return new EventLogWriter(logDir, allocator, options, codebook, counter, nothing, 0, 0, null);
        } catch (IOException | RuntimeException | Error e) {
            counter.close();
            throw e;
        }
    }

    /** Reopens an existing log to append to it, recovering from a crash; see {@link #openForAppend(Path, BufferAllocator, EventLogOptions, long)}. */
    public static EventLogWriter openForAppend(Path logDir, BufferAllocator allocator, EventLogOptions options) throws IOException {
        return openForAppend(logDir, allocator, options, Long.MAX_VALUE);
    }

    /**
     * Reopens an existing log to append to it. First everything is checked without changing anything (the
     * codebook, every chunk: a chunk of another run, a codebook that does not match, or damage, meaning a chunk
     * that fails anywhere but at the very end of the log, fails here naming the file, chunk and offset, and leaves
     * the files as they were; {@link EventLogSalvage} is the explicit way past damage). Then the incomplete chunk a
     * crash left at the end is cut off, and the log is cut before the first record whose tick is after
     * {@code keepThroughTick} (a resumed simulation appends those ticks again); records of a cut chunk that come
     * before the cut are written back as a new chunk. Cutting never shortens a file in place (a copy of the kept
     * prefix is renamed over it), so readers that have the log open keep reading what they mapped. A warning
     * (System.Logger) says how many records were lost; {@link #recovery()} has the details.
     */
    public static EventLogWriter openForAppend(Path logDir, BufferAllocator allocator, EventLogOptions options,
                                               long keepThroughTick) throws IOException {
        Codebook codebook = Codebook.read(EventLogLayout.codebook(logDir));
        AppendCounter.checkRun(EventLogLayout.counter(logDir), codebook.runId());
        long appendedOnRecord = AppendCounter.read(EventLogLayout.counter(logDir), codebook.runId());
        List<ChunkInfo> kept;
        TornTail tail;
        long keptRecords;
        long trimmed = 0;
        byte[] prefix = new byte[0];
        byte[] prefixValues = new byte[0];
        long totalRecords;
        AppendCounter counter;
        try (SegmentScan scan = SegmentScan.scan(logDir, codebook)) {
            tail = scan.tail;
            totalRecords = scan.records;
            List<ChunkInfo> chunks = scan.chunks;
            int cutChunk = chunks.size();
            int cutIndex = 0;
            for (int c = 0; c < chunks.size() && cutChunk == chunks.size(); c++) {
                ChunkInfo chunk = chunks.get(c);
                if (chunk.header().lastTick() > keepThroughTick) {
                    ByteBuffer payload = scan.payload(chunk);
                    for (int i = 0; i < chunk.records(); i++) {
                        if (payload.getLong(i * EventRecord.BYTES + EventRecord.TICK_OFFSET) > keepThroughTick) {
                            cutChunk = c;
                            cutIndex = i;
                            break;
                        }
                    }
                }
            }
            kept = new ArrayList<>(chunks.subList(0, cutChunk));
            keptRecords = cutChunk == chunks.size() ? scan.records : chunks.get(cutChunk).firstRecord();
            if (cutChunk < chunks.size()) {
                trimmed = scan.records - keptRecords - cutIndex;
                prefix = new byte[cutIndex * EventRecord.BYTES];
                ByteBuffer payload = scan.payload(chunks.get(cutChunk));
                payload.get(prefix);
                prefixValues = new byte[chunks.get(cutChunk).header().valueBytes()];
                payload.position((int) chunks.get(cutChunk).header().recordBytes()).get(prefixValues);
            }
            // Every check has passed. The counter goes first, down to what stays: a crash between here and the cut
            // leaves a counter below the complete records, which the next recovery reads as nothing lost (the
            // records it would have cut are still there), never as records lost that were cut on purpose.
            SegmentCut.removeLeftovers(logDir);
            Faults.at(FaultPoint.RECOVERY_COUNTER, EventLogLayout.counter(logDir));
            counter = AppendCounter.create(EventLogLayout.counter(logDir), codebook.runId(), keptRecords);
            try {
                if (cutChunk < chunks.size()) {
                    cutFrom(logDir, chunks.get(cutChunk).segment(), chunks.get(cutChunk).offset());
                } else if (tail != null) {
                    cutFrom(logDir, tail.segment(), tail.offset());
                }
            } catch (IOException | RuntimeException e) {
                counter.close();
                throw e;
            }
        }
        long lost = appendedOnRecord >= 0 ? Math.max(0, appendedOnRecord - totalRecords) : tail == null ? 0 : tail.recordsAtMost();
        List<Path> segments = SegmentScan.segmentFiles(logDir);
        Path last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        RecoveryReport report = new RecoveryReport(logDir, kept.size(), keptRecords + prefix.length / EventRecord.BYTES,
                Optional.ofNullable(tail), lost, appendedOnRecord >= 0, trimmed, keepThroughTick);
        if (report.changedAnything()) {
            LOG.log(System.Logger.Level.WARNING, report.warning());
        }
        EventLogWriter writer;
        try {
            writer = new EventLogWriter(logDir, allocator, options, codebook, counter, report, keptRecords, kept.size(), last);
        } catch (IOException | RuntimeException | Error e) {
            counter.close();
            throw e;
        }
        if (prefix.length > 0) {
            ByteBuffer records = ByteBuffer.wrap(prefix).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            ValueKind[] kinds = codebook.keyKinds();
            for (int at = 0; at < prefix.length; at += EventRecord.BYTES) {
                long tick = records.getLong(at);
                long entity = records.getLong(at + EventRecord.ENTITY_OFFSET);
                int key = records.getInt(at + EventRecord.KEY_OFFSET);
                long value = records.getLong(at + EventRecord.VALUE_OFFSET);
                if (key >= 0 && key < kinds.length && kinds[key] == ValueKind.BYTES) {
                    // the checks of the scan held this chunk's references inside its value area
                    writer.appendBytes(tick, entity, key, prefixValues, (int) EventRecord.valueOffset(value), (int) EventRecord.valueLength(value));
                } else {
                    writer.appendBits(tick, entity, key, value);
                }
            }
            writer.flush();
        }
        return writer;
    }

    /**
     * Cuts the log at {@code offset} of {@code segmentFile}: every later segment is unlinked (a reader that mapped one
     * keeps its inode), then the segment is replaced by a copy of its first {@code offset} bytes, never shortened in
     * place ({@link SegmentCut}); the directory is fsynced.
     */
    private static void cutFrom(Path logDir, Path segmentFile, long offset) throws IOException {
        for (Path later : SegmentScan.segmentFiles(logDir)) {
            if (later.getFileName().toString().compareTo(segmentFile.getFileName().toString()) > 0) {
                Faults.at(FaultPoint.RECOVERY_DELETE_LATER, later);
                Files.delete(later);
            }
        }
        if (Files.size(segmentFile) > offset) {
            SegmentCut.keepPrefix(segmentFile, offset);
        }
        Directories.fsync(logDir);
    }

    // ------------------------------------------------------------------ codebook

    public Path dir() {
        return dir;
    }

    public EventLogOptions options() {
        return options;
    }

    public Codebook codebook() {
        return codebook;
    }

    public long runId() {
        return codebook.runId();
    }

    /** The code of key {@code name} (registered with {@code kind} when new). Call at setup, not per record. */
    public int key(String name, ValueKind kind) {
        return codebook.key(name, kind);
    }

    /** The code of a string value (registered when new); append it as the value of a {@link ValueKind#SYMBOL} key. */
    public int symbol(String text) {
        return codebook.symbol(text);
    }

    /** What reopening found; for a new log, nothing. */
    public RecoveryReport recovery() {
        return recovery;
    }

    // ------------------------------------------------------------------ hot path

    /** Appends a record whose value is an f64. */
    public void append(long tick, long entityId, int key, double value) {
        appendBits(tick, entityId, key, Double.doubleToRawLongBits(value));
    }

    /** Appends a record whose value is 8 raw bytes (an i64, or the bits of an f64). */
    public void appendBits(long tick, long entityId, int key, long valueBits) {
        long position = activePosition;
        if (position == activeLimit) {
            position = rotate();
        }
        EventRecord.put(activeAddress + position, tick, entityId, key, valueBits);
        activePosition = position + EventRecord.BYTES;
        UnsafeApi.putLongRelease(null, counterAddress, ++appended);
    }

    /**
     * Appends a record of a {@link ValueKind#BYTES} key whose value is the {@code length} bytes at {@code source}
     * (off-heap memory, read during the call only): the bytes are copied into the buffer's value area and the record
     * points at them. No allocation unless this buffer's value area must grow to hold a value larger than any before.
     */
    public void appendBytes(long tick, long entityId, int key, long source, int length) {
        long valuePosition = reserveValue(length);
        UnsafeApi.copyMemory(source, activeValueAddress + valuePosition, length);
        finishValue(tick, entityId, key, valuePosition, length);
    }

    /** {@link #appendBytes(long, long, int, long, int)} from {@code length} bytes of {@code source} at {@code offset}. */
    public void appendBytes(long tick, long entityId, int key, byte[] source, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, source.length);
        long valuePosition = reserveValue(length);
        UnsafeApi.copyMemory(source, UnsafeApi.arrayBaseOffset(byte[].class) + offset, null, activeValueAddress + valuePosition, length);
        finishValue(tick, entityId, key, valuePosition, length);
    }

    /** Bytes one value may take: a chunk of it alone stays below 2 GiB. */
    public static final int MAX_VALUE_BYTES = (int) (ChunkHeader.MAX_PAYLOAD_BYTES - EventRecord.BYTES);

    /** Makes room for a record and a value of {@code length} bytes in the active buffer; returns where the value goes. */
    private long reserveValue(int length) {
        if (length < 0 || length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("a value of " + length + " bytes does not fit a chunk of event log " + dir
                    + " (at most " + MAX_VALUE_BYTES + ")");
        }
        if (activePosition == activeLimit) {
            rotate();
        }
        if (activeValuePosition + length > activeValueLimit) {
            if (activeValuePosition > 0) {
                rotate();
            }
            if (length > activeValueLimit) {
                growValues(active, length);
                activeValueAddress = active.valuesAddress;
                activeValueLimit = active.valuesCapacity;
            }
        }
        return activeValuePosition;
    }

    private void finishValue(long tick, long entityId, int key, long valuePosition, int length) {
        // the value's bytes and the area's new end are stored before the counter's release, so the shutdown hook,
        // which reads the counter with acquire, sees both for every record it counts
        activeValuePosition = valuePosition + length;
        long position = activePosition;
        EventRecord.put(activeAddress + position, tick, entityId, key, EventRecord.bytesValue((int) valuePosition, length));
        activePosition = position + EventRecord.BYTES;
        UnsafeApi.putLongRelease(null, counterAddress, ++appended);
    }

    /** Gives an empty buffer a value area of at least {@code length} bytes (at least as large as its records' area). */
    private void growValues(Buffer buffer, long length) {
        long capacity = Math.max(Math.max(length, buffer.valuesCapacity * 2), Math.max(buffer.capacity, 64 * 1024));
        capacity = Math.min(capacity, Math.max(length, ChunkHeader.MAX_PAYLOAD_BYTES - buffer.capacity));
        ArrowBuf grown = allocator.buffer(capacity);
        if (buffer.values != null) {
            buffer.values.close();
        }
        buffer.values = grown;
        buffer.valuesAddress = grown.memoryAddress();
        buffer.valuesCapacity = capacity;
    }

    /** Records appended over the log's life (the records kept when it was reopened included). */
    public long appendedRecords() {
        return appended;
    }

    // ------------------------------------------------------------------ slow path

    /** Hands the full active buffer to the writer and makes a free one active. */
    private long rotate() {
        synchronized (lock) {
            checkUsable();
            submit(active, (int) (activePosition / EventRecord.BYTES), (int) activeValuePosition, true);
            activate(takeFreeBuffer());
            return 0;
        }
    }

    private void activate(Buffer buffer) {
        active = buffer;
        activeAddress = buffer.address;
        activePosition = 0;
        activeLimit = buffer.capacity;
        activeValueAddress = buffer.valuesAddress;
        activeValuePosition = 0;
        activeValueLimit = buffer.valuesCapacity;
    }

    private void submit(Buffer buffer, int records, int valueBytes, boolean recycle) {
        buffer.records = records;
        buffer.valueBytes = valueBytes;
        buffer.codebookEntries = codebook.entries();
        buffer.recycle = recycle;
        pending.add(buffer);
        sealedRecords += records;
        lock.notifyAll();
    }

    private Buffer takeFreeBuffer() {
        Buffer buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (options.backPressure() == BackPressure.GROW) {
            return allocateBuffer();
        }
        long start = System.nanoTime();
        while ((buffer = free.poll()) == null) {
            checkUsable();
            awaitLock();
        }
        blockedNanos += System.nanoTime() - start;
        blockedCount++;
        return buffer;
    }

    private Buffer allocateBuffer() {
        long bytes = (long) options.bufferRecords() * EventRecord.BYTES;
        Buffer buffer = new Buffer(allocator.buffer(bytes), bytes);
        buffers.add(buffer);
        return buffer;
    }

    private void awaitLock() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the event log writer of " + dir, e);
        }
    }

    private void checkUsable() {
        if (failure != null) {
            throw new UncheckedIOException(new IOException("event log " + dir + " cannot be written: " + failure.getMessage(), failure));
        }
        if (shutDownByHook) {
            throw new IllegalStateException("event log " + dir + " was flushed and stopped by the JVM's shutdown hook");
        }
        if (closed) {
            throw new IllegalStateException("event log " + dir + " is closed");
        }
    }

    /**
     * Writes every record appended so far as complete chunks (forced with {@link Durability#FSYNC}) and returns
     * when they are on disk. Call from the appending thread.
     */
    public void flush() throws IOException {
        synchronized (lock) {
            try {
                checkUsable();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            int records = (int) (activePosition / EventRecord.BYTES);
            if (records > 0) {
                submit(active, records, (int) activeValuePosition, true);
                activate(takeFreeBuffer());
            }
            long target = sealedRecords;
            while (writtenRecords < target && failure == null) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while flushing event log " + dir);
                }
            }
            if (failure != null) {
                throw new IOException("event log " + dir + " cannot be written: " + failure.getMessage(), failure);
            }
        }
    }

    /** Counters since open. */
    public EventLogStats stats() {
        synchronized (lock) {
            return new EventLogStats(appended - baseRecords, writtenRecords - baseRecords, chunksWritten, bytesWritten,
                    blockedNanos, blockedCount, buffers.size());
        }
    }

    // ------------------------------------------------------------------ the writer thread

    private void writerLoop() {
        while (true) {
            Buffer next;
            synchronized (lock) {
                while (pending.isEmpty() && !stopWriter) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        failure = e;
                        lock.notifyAll();
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                next = pending.peek();
            }
            long bytes;
            try {
                bytes = writeChunk(next);
            } catch (Throwable t) {
                synchronized (lock) {
                    failure = t;
                    lock.notifyAll();
                }
                return;
            }
            synchronized (lock) {
                pending.poll();
                writtenRecords += next.records;
                chunksWritten++;
                bytesWritten += bytes;
                if (next.recycle) {
                    free.add(next);
                }
                lock.notifyAll();
            }
        }
    }

    /** Appends one chunk to the current segment; returns its bytes. */
    private long writeChunk(Buffer sealed) throws IOException {
        long address = sealed.address;
        int records = sealed.records;
        long firstTick = Long.MAX_VALUE;
        long lastTick = Long.MIN_VALUE;
        long minEntity = Long.MAX_VALUE;
        long maxEntity = Long.MIN_VALUE;
        for (int i = 0; i < records; i++) {
            long at = address + (long) i * EventRecord.BYTES;
            long tick = EventRecord.tick(at);
            long entity = EventRecord.entityId(at);
            firstTick = Math.min(firstTick, tick);
            lastTick = Math.max(lastTick, tick);
            minEntity = Math.min(minEntity, entity);
            maxEntity = Math.max(maxEntity, entity);
        }
        if (sealed.codebookEntries > persistedCodebookEntries) {
            Faults.at(FaultPoint.LOG_CODEBOOK, EventLogLayout.codebook(dir));
            persistCodebook();
        }
        ChunkHeader header = new ChunkHeader(codebook.runId(), nextSequence, records, sealed.codebookEntries, firstTick,
                lastTick, minEntity, maxEntity, sealed.valueBytes);
        headerBuffer.clear();
        header.encode(headerBuffer);
        headerBuffer.flip();
        ByteBuffer payload = OffHeap.view(address, (int) header.recordBytes());
        ByteBuffer values = OffHeap.view(sealed.valuesAddress, sealed.valueBytes);
        crc.reset();
        crc.update(headerBuffer);
        crc.update(payload);
        crc.update(values);
        headerBuffer.rewind();
        payload.rewind();
        values.rewind();
        trailerBuffer.clear();
        ChunkTrailer.encode(trailerBuffer, nextSequence, (int) crc.getValue());
        trailerBuffer.flip();
        long chunkBytes = header.chunkBytes();
        ensureSegment(chunkBytes);
        ByteBuffer[] parts = {headerBuffer, payload, values, trailerBuffer};
        Faults.atWrite(FaultPoint.LOG_CHUNK_WRITE, segmentFile, () -> {
            ByteBuffer half = payload.duplicate();
            half.limit(half.position() + (int) (header.recordBytes() / 2));
            segment.write(new ByteBuffer[] {headerBuffer.duplicate(), half});
        });
        long written = 0;
        try {
            while (written < chunkBytes) {
                written += segment.write(parts);
            }
            if (fsync) {
                Faults.at(FaultPoint.LOG_CHUNK_FORCE, segmentFile);
                segment.force(false);
            }
        } catch (IOException e) {
            throw FileErrors.naming(segmentFile, e);
        }
        segmentSize += chunkBytes;
        nextSequence++;
        return chunkBytes;
    }

    private void persistCodebook() throws IOException {
        int entries = codebook.entries();
        codebook.write(EventLogLayout.codebook(dir), fsync);
        persistedCodebookEntries = entries;
    }

    /** Starts a new segment when there is none or the current one would pass its size. */
    private void ensureSegment(long chunkBytes) throws IOException {
        if (segment != null && (segmentSize == 0 || segmentSize + chunkBytes <= options.segmentBytes())) {
            return;
        }
        if (segment != null) {
            segment.close();
            segment = null;
        }
        Path file = EventLogLayout.segment(dir, nextSequence);
        Faults.at(FaultPoint.LOG_SEGMENT_CREATE, file);
        segment = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segmentFile = file;
        segmentSize = 0;
        if (fsync) {
            Directories.fsync(dir);
        }
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * The shutdown hook: writes the records appended so far (as the counter publishes them) and waits, at most
     * 10 seconds, for the writer. Appends racing with it on the simulation thread after that are lost, as they
     * would be at any exit.
     */
    private void flushOnShutdown() {
        synchronized (lock) {
            if (closed || failure != null || shutDownByHook) {
                return;
            }
            shutDownByHook = true;
            long inActive = UnsafeApi.getLongVolatile(null, counterAddress) - sealedRecords;
            if (inActive > 0) {
                // read after the counter: at least the value bytes of every record it counts (perhaps a racing append's too,
                // which no counted record points at)
                submit(active, (int) inActive, (int) activeValuePosition, false);
            }
            long deadline = System.nanoTime() + SHUTDOWN_WAIT_NANOS;
            long remaining;
            while (writtenRecords < sealedRecords && failure == null && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, remaining / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            stopWriter = true;
            lock.notifyAll();
        }
    }

    /**
     * Flushes, stops the writer thread, writes the codebook if it grew, and frees every buffer. Idempotent.
     * Throws the writer's failure, if any, after releasing everything.
     */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        IOException error = null;
        try {
            if (!shutDownByHook) {
                flush();
            }
        } catch (IOException | RuntimeException e) {
            error = e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
        }
        synchronized (lock) {
            stopWriter = true;
            closed = true;
            lock.notifyAll();
        }
        try {
            writerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (failure == null && codebook.entries() > persistedCodebookEntries) {
                persistCodebook();
            }
            if (segment != null && fsync) {
                segment.force(true);
            }
        } catch (IOException e) {
            if (error == null) {
                error = FileErrors.naming(segmentFile != null ? segmentFile : dir, e);
            }
        }
        activeAddress = 0;
        activePosition = 0;
        activeLimit = 0;
        releaseResources();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting already; the hook has run or will find the log closed
            }
        }
        if (error != null) {
            throw error;
        }
    }

    private void releaseResources() {
        try {
            if (segment != null) {
                segment.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a segment of " + dir + " failed: " + e.getMessage());
        }
        segment = null;
        for (Buffer buffer : buffers) {
            buffer.buf.close();
            if (buffer.values != null) {
                buffer.values.close();
            }
        }
        buffers.clear();
        free.clear();
        pending.clear();
        counter.close();
        allocator.close();
    }

    @Override
    public String toString() {
        return "EventLogWriter[" + dir + ", run " + Codebook.runIdHex(codebook.runId()) + ", " + options + "]";
    }
}
