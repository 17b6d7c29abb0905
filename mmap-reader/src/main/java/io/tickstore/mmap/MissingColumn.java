package io.tickstore.mmap;

import io.tickstore.columns.internal.DidYouMean;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
            List<String> tables = names(snapshotDir, Files::isDirectory, "");
            return "no column '" + column + "': snapshot " + snapshotDir + " has no table '" + table + "' (tables: "
                    + list(tables) + ")" + DidYouMean.suffix(table, tables);
        }
        if (Files.exists(SnapshotLayout.offsetsFile(snapshotDir, table, column))) {
            return "column '" + column + "' of table '" + table + "' is variable-length: its values are in "
                    + column + SnapshotLayout.OFFSETS_SUFFIX + " and " + column + SnapshotLayout.DATA_SUFFIX + "; open it with MappedValues";
        }
        List<String> columns = columnNames(tableDir);
        return "no column '" + column + "' in table '" + table + "' (columns: " + list(columns) + ")"
                + DidYouMean.suffix(column, columns);
    }

    /** The columns a table directory holds files of, whatever their kind (one name for a column's several files). */
    private static List<String> columnNames(Path tableDir) {
        java.util.TreeSet<String> columns = new java.util.TreeSet<>();
        for (String file : names(tableDir, p -> p.getFileName().toString().endsWith(SnapshotLayout.COLUMN_SUFFIX)
                && !p.getFileName().toString().equals(SnapshotLayout.ENTITY_ID_FILE), "")) {
            for (String suffix : new String[] {SnapshotLayout.OFFSETS_SUFFIX, SnapshotLayout.DATA_SUFFIX,
                    SnapshotLayout.DICTIONARY_SUFFIX, SnapshotLayout.COLUMN_SUFFIX}) {
                if (file.endsWith(suffix)) {
                    columns.add(file.substring(0, file.length() - suffix.length()));
                    break;
                }
            }
        }
        return new ArrayList<>(columns);
    }

    /** Sorted entry names that pass {@code keep}, without {@code suffix}; empty when the directory cannot be listed. */
    private static List<String> names(Path dir, Predicate<Path> keep, String suffix) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && keep.test(entry)) {
                    names.add(name.substring(0, name.length() - suffix.length()));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        Collections.sort(names);
        return names;
    }

    /** The names, at most {@value #MAX_NAMES} of them. */
    private static String list(List<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        if (names.size() <= MAX_NAMES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_NAMES)) + " and " + (names.size() - MAX_NAMES) + " more";
    }
}
