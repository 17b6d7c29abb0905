package io.tickstore.snapshot.verify;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.SnapshotReader;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.internal.FileErrors;
import io.tickstore.snapshot.internal.StoredFile;
import io.tickstore.snapshot.manifest.FileEntry;
import io.tickstore.snapshot.manifest.Manifest;
import io.tickstore.snapshot.manifest.ManifestCodec;
import io.tickstore.snapshot.store.PathKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks snapshots on disk without loading them: the manifest (self-checksum and every field), then each
 * file it lists (present, exact size, valid .npy header agreeing with the manifest, CRC32C of every byte). A file
 * that cannot be read (permission denied) is {@link CheckStatus#UNREADABLE}, not damaged.
 * Reads through a small heap buffer, allocates no off-heap memory, and never stops at the first bad file:
 * the report lists them all. Stateless and thread-safe.
 */
public final class SnapshotVerifier {
    private SnapshotVerifier() {
    }

    /**
     * Verifies one snapshot directory. Problems are reported, not thrown: damage, and files that cannot be read
     * ({@link CheckStatus#UNREADABLE}).
     */
    public static VerifyReport verify(Path snapshotDir) throws IOException {
        Path manifestFile = SnapshotLayout.manifest(snapshotDir);
        Manifest manifest;
        String recorded = null;
        String computed = null;
        try {
            SnapshotLayout.requireNoSymbolicLinks(snapshotDir, manifestFile);
            if (Files.size(manifestFile) <= ManifestCodec.MAX_MANIFEST_BYTES) {
                Optional<ManifestCodec.CrcCheck> crc = ManifestCodec.checkCrc(Files.readAllBytes(manifestFile));
                if (crc.isPresent()) {
                    recorded = crc.get().recorded();
                    computed = crc.get().computed();
                }
            }
            manifest = SnapshotReader.readManifest(snapshotDir);
        } catch (NoSuchFileException e) {
            return new VerifyReport(snapshotDir, new FileCheck(manifestFile, null, null, CheckStatus.MISSING,
                    "manifest is missing"), List.of());
        } catch (SnapshotFormatException e) {
            return new VerifyReport(snapshotDir, new FileCheck(manifestFile, recorded, computed, statusOf(e.problem()),
                    e.getMessage()), List.of());
        } catch (IOException e) {
            // Permission denied on the manifest (or its directory), or a read error: the snapshot cannot be checked,
            // which says nothing about whether it is damaged.
            return new VerifyReport(snapshotDir, new FileCheck(manifestFile, null, null, CheckStatus.UNREADABLE,
                    unreadable(e)), List.of());
        }
        FileCheck manifestCheck = new FileCheck(manifestFile, recorded, computed, CheckStatus.OK, "");
        List<FileCheck> files = new ArrayList<>();
        for (FileEntry entry : manifest.files()) {
            files.add(verifyFile(snapshotDir, entry));
        }
        return new VerifyReport(snapshotDir, manifestCheck, files);
    }

    private static FileCheck verifyFile(Path snapshotDir, FileEntry entry) {
        Path path = entry.resolve(snapshotDir);
        try (StoredFile file = StoredFile.open(snapshotDir, entry)) {
            int actual = file.checksumWholeFile();
            if (actual != entry.crc32c()) {
                return new FileCheck(path, entry.crc32cHex(), Crc32c.hex(actual), CheckStatus.MISMATCH,
                        "CRC32C of the file is " + Crc32c.hex(actual) + " but the manifest records " + entry.crc32cHex());
            }
            return new FileCheck(path, entry.crc32cHex(), Crc32c.hex(actual), CheckStatus.OK, "");
        } catch (SnapshotFormatException e) {
            return new FileCheck(path, entry.crc32cHex(), null, statusOf(e.problem()), e.getMessage());
        } catch (IOException e) {
            return new FileCheck(path, entry.crc32cHex(), null, CheckStatus.UNREADABLE, unreadable(e));
        }
    }

    /**
     * Verifies everything under a path: a snapshot, every snapshot of a run, or every snapshot of every run
     * of a store ({@link PathKind#detect}). Reports come in path order.
     *
     * @throws NoSuchFileException when nothing is there
     * @throws IOException naming the path when it is none of the three
     */
    public static List<VerifyReport> verifyAll(Path storeOrRunOrSnapshot) throws IOException {
        PathKind kind = PathKind.detect(storeOrRunOrSnapshot);
        List<VerifyReport> reports = new ArrayList<>();
        switch (kind) {
            case SNAPSHOT:
                Path dir = Files.isRegularFile(storeOrRunOrSnapshot) ? storeOrRunOrSnapshot.toAbsolutePath().getParent()
                        : storeOrRunOrSnapshot;
                reports.add(verify(dir));
                break;
            case RUN:
                for (Path snapshot : snapshotsOf(storeOrRunOrSnapshot)) {
                    reports.add(verify(snapshot));
                }
                break;
            case STORE:
                for (Path run : sortedChildren(storeOrRunOrSnapshot)) {
                    if (Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS) && PathKind.detect(run) == PathKind.RUN) {
                        for (Path snapshot : snapshotsOf(run)) {
                            reports.add(verify(snapshot));
                        }
                    }
                }
                break;
            case MISSING:
                throw new NoSuchFileException(storeOrRunOrSnapshot.toString(), null, "nothing to verify here");
            default:
                throw new IOException(storeOrRunOrSnapshot + ": not a snapshot, a run or a store of runs");
        }
        return reports;
    }

    /** The first failed check over several reports, for a command's exit message. */
    public static Optional<FileCheck> firstBad(List<VerifyReport> reports) {
        for (VerifyReport report : reports) {
            Optional<FileCheck> bad = report.firstBad();
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    private static List<Path> snapshotsOf(Path run) throws IOException {
        List<Path> snapshots = new ArrayList<>();
        for (Path child : sortedChildren(run)) {
            if (SnapshotLayout.tickOf(child.getFileName().toString()) >= 0 && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                snapshots.add(child);
            }
        }
        return snapshots;
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(null);
        return children;
    }

    /** "cannot be read: permission denied", in words, without the path (the check names it). */
    private static String unreadable(IOException e) {
        String what = e instanceof FileSystemException ? FileErrors.whatHappened((FileSystemException) e)
                : e.getMessage() == null ? "input/output error" : e.getMessage();
        return "cannot be read: " + what;
    }

    /** The verdict on a file that failed with {@code problem}. */
    static CheckStatus statusOf(Problem problem) {
        switch (problem) {
            case MISSING_FILE: return CheckStatus.MISSING;
            case TRUNCATED: return CheckStatus.TRUNCATED;
            case CHECKSUM_MISMATCH: case LENGTH_MISMATCH: return CheckStatus.MISMATCH;
            default: return CheckStatus.BAD_HEADER;
        }
    }
}
