package io.tickstore.snapshot.store;

import io.tickstore.snapshot.WriteOptions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A directory of runs ({@code data/runs/} for the CLI): one subdirectory per run, each a {@link RunStore}.
 * Holds no state of its own; thread-safe as far as the file system is.
 */
public final class Store {
    /** Run names: a letter or digit, then letters, digits, '.', '_' or '-', at most 128 characters. */
    public static final Pattern RUN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;
    private final WriteOptions writeOptions;

    private Store(Path dir, WriteOptions writeOptions) {
        this.dir = dir;
        this.writeOptions = writeOptions;
    }

    /** Opens a store, creating its directory if missing; its runs write with default options. */
    public static Store open(Path dir) throws IOException {
        return open(dir, WriteOptions.defaults());
    }

    /** Opens a store whose runs write with {@code writeOptions}. */
    public static Store open(Path dir, WriteOptions writeOptions) throws IOException {
        Files.createDirectories(dir);
        return new Store(dir, writeOptions);
    }

    public Path dir() {
        return dir;
    }

    /** Names of the runs, sorted: every subdirectory with a valid run name. */
    public List<String> runs() throws IOException {
        return runsIn(dir);
    }

    /** Names of the runs in the store directory {@code dir}, sorted, without opening (or creating) the store. */
    public static List<String> runsIn(Path dir) throws IOException {
        List<String> runs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (RUN_NAME.matcher(name).matches() && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    runs.add(name);
                }
            }
        }
        Collections.sort(runs);
        return runs;
    }

    /**
     * Opens an existing run (removing abandoned temporary directories, see {@link RunStore#open}).
     *
     * @throws NoSuchFileException naming the store and its runs when there is no such run
     */
    public RunStore run(String name) throws IOException {
        Path runDir = dir.resolve(checkRunName(name));
        if (!Files.isDirectory(runDir)) {
            throw new NoSuchFileException(runDir.toString(), null, "store " + dir + " has no run '" + name + "' (runs: "
                    + String.join(", ", runs()) + ")");
        }
        return RunStore.open(runDir, writeOptions);
    }

    /**
     * Opens an existing run for looking only ({@link RunStore#openReadOnly}): safe while another process writes it.
     *
     * @throws NoSuchFileException naming the store and its runs when there is no such run
     */
    public RunStore runReadOnly(String name) throws IOException {
        Path runDir = dir.resolve(checkRunName(name));
        if (!Files.isDirectory(runDir)) {
            throw new NoSuchFileException(runDir.toString(), null, "store " + dir + " has no run '" + name + "' (runs: "
                    + String.join(", ", runs()) + ")");
        }
        return RunStore.openReadOnly(runDir);
    }

    /**
     * Creates a new, empty run.
     *
     * @throws IllegalArgumentException when the name is not a valid run name
     * @throws FileAlreadyExistsException when the run exists
     */
    public RunStore createRun(String name) throws IOException {
        Path runDir = dir.resolve(checkRunName(name));
        try {
            Files.createDirectory(runDir);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(runDir.toString(), null, "store " + dir + " already has a run '" + name + "'");
        }
        return RunStore.open(runDir, writeOptions);
    }

    /** Checks a run name and returns it; throws naming the rule when it breaks it. */
    public static String checkRunName(String name) {
        if (name == null || !RUN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid run name (" + RUN_NAME.pattern()
                    + ": letters, digits, '.', '_', '-', not starting with '.', '_' or '-')");
        }
        return name;
    }

    @Override
    public String toString() {
        return "Store[" + dir + "]";
    }
}
