package io.tickstore.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory for one trial's files, and the deletion every benchmark uses to clear its previous
 * output outside the measured region.
 *
 * <p>It is created under the system property {@value #BASE_DIR_PROP} when set (so a run can be pointed at a
 * particular disk), else under {@code java.io.tmpdir}. It must be a real file system, not tmpfs, or the write
 * and mmap figures say nothing about files.
 */
final class ScratchDirectory implements AutoCloseable {
    static final String BASE_DIR_PROP = "tickstore.jmh.dir";

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    static ScratchDirectory create(String purpose) throws IOException {
        Path base = Path.of(System.getProperty(BASE_DIR_PROP, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return new ScratchDirectory(Files.createTempDirectory(base, "tickstore-jmh-" + purpose + "-"));
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    /** Deletes a file or a directory tree; nothing happens when it does not exist. */
    static void deleteRecursively(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(target)) {
            walk.sorted(Comparator.reverseOrder()).forEach(ScratchDirectory::deleteOne);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void deleteOne(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        deleteRecursively(path);
    }
}
