package io.tickstore.snapshot.eventlog;

import io.tickstore.snapshot.internal.AtomicFiles;
import io.tickstore.snapshot.internal.Directories;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Cuts a segment file without ever making it shorter in place. The kept prefix is copied into a new temporary file
 * beside it ({@code FileChannel.transferTo}, so the kernel copies), forced, and renamed over the old name; then the
 * directory is fsynced. A reader that mapped the old file keeps that inode, whole, until it unmaps it: a file
 * truncated under a live mapping makes the next read of a page past the new end fault (SIGBUS, which the JVM
 * reports as an {@code InternalError} or worse). A crash leaves the old file or the new one under the name, and at
 * most a temporary file, which readers never list and the next recovery or salvage removes.
 *
 * <p>The copy costs one read and write of the kept bytes, at most one segment (256 MiB by default), once per
 * recovery. The alternative, readers holding a shared lock that recovery waits for, would let any long-lived reader
 * (an export, a query left open) hold a resume up indefinitely, and a reader that crashed inside its lock on some file
 * systems would hold it longer still.
 */
final class SegmentCut {
    private SegmentCut() {
    }

    /** Replaces {@code segment} by a new file of its first {@code keep} bytes (see the class comment). */
    static void keepPrefix(Path segment, long keep) throws IOException {
        Path dir = segment.toAbsolutePath().getParent();
        Path temp = AtomicFiles.temporaryFor(segment.toAbsolutePath());
        try {
            try (FileChannel from = FileChannel.open(segment, StandardOpenOption.READ);
                 FileChannel to = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Faults.atWrite(FaultPoint.RECOVERY_CUT_COPY, temp, () -> from.transferTo(0, keep / 2, to));
                long copied = 0;
                while (copied < keep) {
                    long n = from.transferTo(copied, keep - copied, to);
                    if (n <= 0) {
                        throw new IOException(segment + ": ended after " + copied + " bytes while its first " + keep
                                + " were being copied");
                    }
                    copied += n;
                }
                to.force(true);
            }
            Faults.at(FaultPoint.RECOVERY_CUT_RENAME, segment);
            Files.move(temp, segment, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        Directories.fsync(dir);
    }

    /** Removes the temporary files of a cut that a crash interrupted; the segment under its name is whole either way. */
    static void removeLeftovers(Path logDir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(logDir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith("." + EventLogLayout.SEGMENT_PREFIX) && name.contains(AtomicFiles.TEMP_MARK) && Files.isRegularFile(child)) {
                    Files.deleteIfExists(child);
                }
            }
        }
    }
}
