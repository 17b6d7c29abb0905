package io.tickstore.jmh.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory under {@code -Dtickstore.jmh.dir} (default {@code java.io.tmpdir}), deleted at the end. */
final class Scratch implements AutoCloseable {
    private final Path path;

    private Scratch(Path path) {
        this.path = path;
    }

    static Scratch create(String purpose) throws IOException {
        Path base = Path.of(System.getProperty(EventLogJvm.BASE_DIR_PROP, System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return new Scratch(Files.createTempDirectory(base, "tickstore-jmh-" + purpose + "-"));
    }

    Path resolve(String name) {
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

    @Override
    public void close() throws IOException {
        delete(path);
    }
}
