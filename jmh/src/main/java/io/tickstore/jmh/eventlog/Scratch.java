package io.tickstore.jmh.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory under {@code -Dtickstore.jmh.dir} (default {@code java.io.tmpdir}), deleted at the end. */
public final class Scratch implements AutoCloseable {
    private final Path path;

    private Scratch(Path path) {
        this.path = path;
    }

    public static Scratch create(String purpose) throws IOException {
        Path base = Path.of(System.getProperty(EventLogJvm.BASE_DIR_PROP, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return new Scratch(Files.createTempDirectory(base, "tickstore-jmh-" + purpose + "-"));
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    static void delete(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(target)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Deletes everything inside, keeping the directory: between iterations that each write a run. */
    public void clear() throws IOException {
        try (Stream<Path> children = Files.list(path)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                delete(child);
            }
        }
    }

    @Override
    public void close() throws IOException {
        delete(path);
    }
}
