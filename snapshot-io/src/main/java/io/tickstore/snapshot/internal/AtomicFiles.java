package io.tickstore.snapshot.internal;

import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Small files written whole: a file that must not exist yet ({@link #writeNew}), and a file replaced atomically
 * ({@link #replace}) the one way every such file of Tickstore is replaced (the run's settings, an event log's
 * codebook and append counter): the new bytes go to a hidden temporary file beside it ({@link #temporaryFor}),
 * forced, renamed over the old name, and the directory fsynced, so a crash leaves the old file or the new one,
 * never a mix, and at most a temporary file that no reader lists.
 *
 * <p>A failed write names the file ({@link FileErrors#naming}); a fault point, when given, lets the fault matrix
 * fail the write half way ({@link Faults#atWrite}).
 *
 * <p>Internal: public because the recording and the event log packages use it.
 */
public final class AtomicFiles {
    /** What marks a temporary file: {@code .NAME.tmp-NONCE}. */
    public static final String TEMP_MARK = ".tmp-";

    private AtomicFiles() {
    }

    /** A fresh hidden name beside {@code file} for its next version: {@code .NAME.tmp-1a2b3c4d}. */
    public static Path temporaryFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + TEMP_MARK + Directories.nonce());
    }

    /**
     * Writes {@code bytes} to {@code file}, which must not exist, forced to the device when {@code force}.
     *
     * @param point where the fault matrix may fail the write (half the bytes written first), or null
     */
    public static void writeNew(Path file, byte[] bytes, boolean force, FaultPoint point) throws IOException {
        write(file, file, bytes, force, point);
    }

    /**
     * Replaces {@code file} by one holding {@code bytes} (see the class comment). With {@code fsync} the new file is
     * forced before the rename and the directory after it; without, a crash may leave either version, or, after a
     * power cut, an empty file.
     *
     * @param point where the fault matrix may fail the write (half the bytes written first), or null
     */
    public static void replace(Path file, byte[] bytes, boolean fsync, FaultPoint point) throws IOException {
        Path temp = temporaryFor(file);
        try {
            write(temp, file, bytes, fsync, point);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        if (fsync) {
            Directories.fsync(file.toAbsolutePath().getParent());
        }
    }

    private static void write(Path file, Path named, byte[] bytes, boolean force, FaultPoint point) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (point != null) {
                Faults.atWrite(point, named, () -> channel.write(ByteBuffer.wrap(bytes, 0, bytes.length / 2)));
            }
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (force) {
                    channel.force(true);
                }
            } catch (IOException e) {
                throw FileErrors.naming(named, e);
            }
        }
    }
}
