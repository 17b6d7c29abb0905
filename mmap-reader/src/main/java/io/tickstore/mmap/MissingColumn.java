package io.tickstore.mmap;

import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Says what is there when a column file is not: the columns its table does have, or the tables its snapshot
 * has. Only directories are listed; no file is opened, so this stays as cheap as the open that failed.
 */
final class MissingColumn {
    private static final int MAX_NAMES = 40;

    private MissingColumn() {
    }

    static String describe(Path snapshotDir, String table, String column) {
        if (!Files.isDirectory(snapshotDir)) {
            return "no column '" + column + "' of table '" + table + "': snapshot directory " + snapshotDir
                    + " does not exist";
        }
        Path tableDir = snapshotDir.resolve(table);
        if (!Files.isDirectory(tableDir)) {
            return "no column '" + column + "': snapshot " + snapshotDir + " has no table '" + table + "' (tables: "
                    + list(snapshotDir, Files::isDirectory, "") + ")";
        }
        if (Files.exists(SnapshotLayout.offsetsFile(snapshotDir, table, column))) {
            return "column '" + column + "' of table '" + table + "' is variable-length: its values are in "
                    + column + SnapshotLayout.OFFSETS_SUFFIX + " and " + column + SnapshotLayout.DATA_SUFFIX + "; open it with MappedValues";
        }
        return "no column '" + column + "' in table '" + table + "' (columns: " + list(tableDir, Files::isRegularFile, true) + ")";
    }

    /** Sorted entry names that pass {@code keep} (as column names, when {@code columns}), at most {@value #MAX_NAMES} of them. */
    private static String list(Path dir, Predicate<Path> keep, String suffix) {
        return list(dir, keep, false);
    }

    private static String list(Path dir, Predicate<Path> keep, boolean columns) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && keep.test(entry)) {
                    String column = columns ? SnapshotLayout.columnOfFile(name) : name;
                    if (column != null) {
                        names.add(column);
                    }
                }
            }
        } catch (IOException e) {
            return "cannot list " + dir + ": " + e.getMessage();
        }
        if (names.isEmpty()) {
            return "none";
        }
        List<String> sorted = new ArrayList<>(names);
        if (sorted.size() <= MAX_NAMES) {
            return String.join(", ", sorted);
        }
        return String.join(", ", sorted.subList(0, MAX_NAMES)) + " and " + (sorted.size() - MAX_NAMES) + " more";
    }
}
