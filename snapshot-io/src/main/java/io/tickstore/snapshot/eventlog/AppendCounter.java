package io.tickstore.snapshot.eventlog;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.internal.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.UnsafeApi;

/**
 * {@code appended.cnt}: 64 bytes, memory-mapped while a log is open for writing, holding the number of records
 * appended so far. The appending thread stores the count after every record (one ordered store to memory that
 * stays in cache: no system call). The kernel owns the mapped page, so the count survives a kill -9 of the
 * process: reopening after a crash knows exactly how many records were appended and so how many were lost.
 * (A power cut may lose the page; the count then says nothing and the recovery falls back to the torn tail's
 * bytes.)
 *
 * <pre>
 *  0                               8       10              16
 *  +-------------------------------+-------+---------------+
 *  | magic "TSEVCNTR"              | ver 1 | zero          |
 * 16| run id (i64)                                          |
 * 24| records appended (i64), stored by the appending thread|
 * 32| zero (32 bytes)                                       |
 *  +-------------------------------------------------------+
 * </pre>
 */
final class AppendCounter implements AutoCloseable {
    static final byte[] MAGIC = "TSEVCNTR".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int BYTES = 64;
    static final int VERSION_OFFSET = 8;
    static final int RUN_ID_OFFSET = 16;
    static final int APPENDED_OFFSET = 24;

    private final Path file;
    private MappedByteBuffer map;
    private final long address;

    private AppendCounter(Path file, MappedByteBuffer map) {
        this.file = file;
        this.map = map;
        this.address = BufferUtil.address(map);
    }

    /** Creates (or overwrites) the counter for {@code runId} holding {@code appended}, forced to disk, and maps it. */
    static AppendCounter create(Path file, long runId, long appended) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) FORMAT_VERSION);
        b.putLong(RUN_ID_OFFSET, runId).putLong(APPENDED_OFFSET, appended);
        AtomicFiles.replace(file, b.array(), true, null);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new AppendCounter(file, channel.map(FileChannel.MapMode.READ_WRITE, 0, BYTES));
        }
    }

    /**
     * The count a counter file records for {@code runId}, or -1 when there is no counter or it is unusable
     * (wrong size, magic, version or run): the caller then cannot tell exactly how many records were lost.
     */
    static long read(Path file, long runId) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return -1;
        }
        if (bytes.length != BYTES) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (b.get(i) != MAGIC[i]) {
                return -1;
            }
        }
        if (b.getShort(VERSION_OFFSET) != FORMAT_VERSION || b.getLong(RUN_ID_OFFSET) != runId) {
            return -1;
        }
        long appended = b.getLong(APPENDED_OFFSET);
        return appended < 0 ? -1 : appended;
    }

    /** Checks that a counter file, when present, belongs to {@code runId}; throws naming it otherwise. */
    static void checkRun(Path file, long runId) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == BYTES) {
            long stored = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(RUN_ID_OFFSET);
            boolean magic = java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, MAGIC.length), MAGIC);
            if (magic && stored != runId) {
                throw new EventLogException(file, Problem.FOREIGN_RUN, "counter belongs to run " + Long.toHexString(stored)
                        + ", but the log's codebook to run " + Long.toHexString(runId));
            }
        }
    }

    /** The address the appending thread stores the count at. */
    long address() {
        return address;
    }

    /** Stores the count; ordered, so another thread (the shutdown hook) reading it sees every record before it. */
    void store(long appended) {
        UnsafeApi.putLongRelease(null, address + APPENDED_OFFSET, appended);
    }

    long load() {
        return UnsafeApi.getLongVolatile(null, address + APPENDED_OFFSET);
    }

    Path file() {
        return file;
    }

    /** Unmaps the file; idempotent. The kernel writes the page back in its own time. */
    @Override
    public void close() {
        if (map != null) {
            IoUtil.unmap(map);
            map = null;
        }
    }
}
