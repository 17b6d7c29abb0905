package io.tickstore.snapshot.internal;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.FileEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One .npy file of a snapshot, opened and checked against what the manifest says about it before a single
 * value is read: it exists and is a regular file, its size is exactly {@code fileBytes}, its header parses
 * against the real size ({@link NpyHeader#parse}) and agrees with the manifest's dtype, rows and data offset.
 *
 * <p>Symbolic links are refused, the file's and its table directory's alike
 * ({@link SnapshotLayout#requireNoSymbolicLinks}), so a manifest path can only name a file inside the snapshot.
 *
 * <p>Every check failure is a {@link SnapshotFormatException} naming the file: {@link Problem#MISSING_FILE},
 * {@link Problem#TRUNCATED} (shorter than the manifest says), {@link Problem#LENGTH_MISMATCH} (longer, or a
 * header length that disagrees), {@link Problem#BAD_MAGIC}, {@link Problem#UNSUPPORTED_VERSION} or
 * {@link Problem#BAD_HEADER}. Used by the reader, the verifier and the mmap reader. Not thread-safe except
 * {@link #readData}, which uses positional reads.
 */
public final class StoredFile implements Closeable {
    private static final int VERIFY_CHUNK = 1 << 20;

    private final Path path;
    private final FileEntry entry;
    private final FileChannel channel;
    private final NpyHeader header;
    private final byte[] headerBytes;

    private StoredFile(Path path, FileEntry entry, FileChannel channel, NpyHeader header, byte[] headerBytes) {
        this.path = path;
        this.entry = entry;
        this.channel = channel;
        this.header = header;
        this.headerBytes = headerBytes;
    }

    /** Opens the file {@code entry} describes under {@code snapshotDir} and checks it; the caller closes it. */
    public static StoredFile open(Path snapshotDir, FileEntry entry) throws IOException {
        Path path = entry.resolve(snapshotDir);
        SnapshotLayout.requireNoSymbolicLinks(snapshotDir, path);
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new SnapshotFormatException(path, Problem.BAD_HEADER, "is a directory, not a .npy file");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException(path, Problem.MISSING_FILE, "file is missing (the manifest lists it with "
                    + entry.rows() + " rows of " + entry.dtype() + ")", e);
        }
        try {
            long size = channel.size();
            checkSize(path, entry, size);
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, NpyHeader.MAX_HEADER_BYTES));
            readFully(channel, 0, start, path);
            start.flip();
            NpyHeader header = checkHeader(path, entry, start, size);
            byte[] headerBytes = new byte[header.dataOffset()];
            start.get(0, headerBytes);
            return new StoredFile(path, entry, channel, header, headerBytes);
        } catch (IOException | RuntimeException | Error e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Fails unless a file of {@code size} bytes is exactly as long as the manifest says: {@link Problem#TRUNCATED}
     * when shorter, {@link Problem#LENGTH_MISMATCH} when longer.
     */
    static void checkSize(Path path, FileEntry entry, long size) throws SnapshotFormatException {
        if (size < entry.fileBytes()) {
            throw new SnapshotFormatException(path, Problem.TRUNCATED, "manifest says fileBytes " + entry.fileBytes()
                    + " (dataBytes " + entry.dataBytes() + "), file has " + size + " bytes");
        }
        if (size > entry.fileBytes()) {
            throw new SnapshotFormatException(path, Problem.LENGTH_MISMATCH, "manifest says fileBytes " + entry.fileBytes()
                    + " (dataBytes " + entry.dataBytes() + "), file has " + size + " bytes");
        }
    }

    /**
     * Parses the header at the start of a file of {@code size} bytes ({@code start}: its first bytes, up to
     * {@link NpyHeader#MAX_HEADER_BYTES}, from a read or from a mapping of the file) and fails unless it agrees with
     * the manifest's dtype, row shape, rows and data offset.
     */
    static NpyHeader checkHeader(Path path, FileEntry entry, ByteBuffer start, long size) throws SnapshotFormatException {
        NpyHeader header = NpyHeader.parse(start, size, path);
        if (!header.descr().equals(entry.dtype())) {
            throw new SnapshotFormatException(path, Problem.BAD_HEADER, "file holds dtype " + header.descr()
                    + " but the manifest says " + entry.dtype());
        }
        int[] rowShape = header.rowShape();
        if (!sameShape(rowShape, entry.rowShape())) {
            throw new SnapshotFormatException(path, Problem.BAD_HEADER, "file's rows have shape " + Arrays.toString(rowShape)
                    + " but the manifest's column has " + entry.rowShape());
        }
        if (header.length() != entry.rows()) {
            throw new SnapshotFormatException(path, Problem.LENGTH_MISMATCH, "header says " + header.length()
                    + " values but the manifest says rows " + entry.rows());
        }
        if (header.dataOffset() != entry.dataOffset()) {
            throw new SnapshotFormatException(path, Problem.LENGTH_MISMATCH, "data starts at byte " + header.dataOffset()
                    + " but the manifest says dataOffset " + entry.dataOffset());
        }
        return header;
    }

    private static boolean sameShape(int[] header, List<Integer> manifest) {
        if (header.length != manifest.size()) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            if (header[i] != manifest.get(i)) {
                return false;
            }
        }
        return true;
    }

    public Path path() {
        return path;
    }

    public FileEntry entry() {
        return entry;
    }

    public NpyHeader header() {
        return header;
    }

    /** The channel, for callers that map the data (the checks above make every mapping in range). */
    public FileChannel channel() {
        return channel;
    }

    /** The header's bytes, the first {@code dataOffset} bytes of the file, which the file's CRC32C covers too. */
    public byte[] headerBytes() {
        return headerBytes.clone();
    }

    /** Starts a checksum of the whole file with the header already counted. */
    public CRC32C startChecksum() {
        CRC32C crc = new CRC32C();
        crc.update(headerBytes, 0, headerBytes.length);
        return crc;
    }

    /**
     * Fills {@code dst} with data bytes starting {@code dataPosition} bytes after the header. Safe to call from
     * several threads at once (positional reads).
     *
     * @throws SnapshotFormatException {@link Problem#TRUNCATED} when the file ends first (it shrank after it
     *         was opened)
     */
    public void readData(long dataPosition, ByteBuffer dst) throws IOException {
        readFully(channel, header.dataOffset() + dataPosition, dst, path);
    }

    /** Fails with {@link Problem#CHECKSUM_MISMATCH} naming the file unless {@code crc} matches the manifest. */
    public void checkChecksum(CRC32C crc) throws SnapshotFormatException {
        int actual = (int) crc.getValue();
        if (actual != entry.crc32c()) {
            throw new SnapshotFormatException(path, Problem.CHECKSUM_MISMATCH, "CRC32C of the file is " + Crc32c.hex(actual)
                    + " but the manifest records " + entry.crc32cHex() + ": the file is damaged");
        }
    }

    /** Reads the whole data section through a small heap buffer and returns the whole file's CRC32C. */
    public int checksumWholeFile() throws IOException {
        CRC32C crc = startChecksum();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(VERIFY_CHUNK, Math.max(1, entry.dataBytes())));
        for (long done = 0; done < entry.dataBytes(); ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), entry.dataBytes() - done));
            readData(done, buffer);
            buffer.flip();
            done += buffer.remaining();
            crc.update(buffer);
        }
        return (int) crc.getValue();
    }

    static void readFully(FileChannel channel, long position, ByteBuffer dst, Path path) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                throw new SnapshotFormatException(path, Problem.TRUNCATED, "file ends at byte " + at + " while "
                        + dst.remaining() + " more bytes were expected (it shrank while being read)");
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "StoredFile[" + path + ", " + header + "]";
    }
}
