package io.tickstore.snapshot.format;

import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things are inside a store, a run and a snapshot. One place for every path rule, so the writer,
 * the readers and the CLI agree.
 *
 * <pre>
 * RUN/                                   a run: one simulation's snapshots
 *   tick-00000000000000000100/           a published snapshot (20-digit zero-padded tick: names sort by tick)
 *     manifest.json                      written last; its presence (after the rename) makes the snapshot
 *     creatures/                         one directory per table
 *       _entity_id.npy                   i64 entity id per slot
 *       pos_x.npy                        one .npy file per column
 *       county.npy, county.dict.npy      a categorical column: its codes, and its dictionary of strings
 *       notes.offsets.npy, notes.data.npy a variable-length column: where each row's value starts, and the bytes
 *       ...
 *   .tick-00000000000000000200.tmp-1a2b/ a snapshot being written (hidden; never read; removed on open)
 * </pre>
 *
 * Column and table names are identifiers that start with a letter, so {@code _entity_id} never collides.
 */
public final class SnapshotLayout {
    public static final String MANIFEST = "manifest.json";
    public static final String ENTITY_ID_FILE = "_entity_id.npy";
    public static final String COLUMN_SUFFIX = ".npy";
    /** A categorical column's dictionary: {@code COLUMN.dict.npy}. Column names hold no '.', so no column file is named so. */
    public static final String DICTIONARY_SUFFIX = ".dict.npy";
    /** A variable-length column's offsets: {@code COLUMN.offsets.npy}. */
    public static final String OFFSETS_SUFFIX = ".offsets.npy";
    /** A variable-length column's value bytes: {@code COLUMN.data.npy}. */
    public static final String DATA_SUFFIX = ".data.npy";
    public static final String SNAPSHOT_PREFIX = "tick-";
    public static final String TEMP_PREFIX = ".tick-";
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("tick-(\\d{20})");
    /** One segment of a relative path inside a snapshot: no leading dot, so never "." or "..", and no separators. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int MAX_RELATIVE_PATH = 1024;

    private SnapshotLayout() {
    }

    /** The directory name of the snapshot at {@code tick}. */
    public static String snapshotDirName(long tick) {
        if (tick < 0) {
            throw new IllegalArgumentException("tick " + tick + " is negative");
        }
        return SNAPSHOT_PREFIX + String.format("%020d", tick);
    }

    public static Path snapshotDir(Path run, long tick) {
        return run.resolve(snapshotDirName(tick));
    }

    /** The tick a published snapshot directory name stands for, or -1 if the name is not one. */
    public static long tickOf(String dirName) {
        Matcher m = SNAPSHOT_NAME.matcher(dirName);
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a directory entry is a snapshot still being written (or abandoned by a crashed writer). */
    public static boolean isTemporary(String dirName) {
        return dirName.startsWith(TEMP_PREFIX) && dirName.contains(".tmp-");
    }

    /** The temporary directory name a writer uses before publishing the snapshot at {@code tick}. */
    public static String temporaryDirName(long tick, String nonce) {
        return "." + snapshotDirName(tick) + ".tmp-" + nonce;
    }

    public static Path manifest(Path snapshotDir) {
        return snapshotDir.resolve(MANIFEST);
    }

    /** The file holding one column: {@code SNAPSHOT/TABLE/COLUMN.npy}. */
    public static Path columnFile(Path snapshotDir, String table, String column) {
        return snapshotDir.resolve(table).resolve(column + COLUMN_SUFFIX);
    }

    /** The same path relative to the snapshot, as the manifest records it (always with '/'). */
    public static String columnFileName(String table, String column) {
        return table + "/" + column + COLUMN_SUFFIX;
    }

    /** A categorical column's dictionary file: {@code SNAPSHOT/TABLE/COLUMN.dict.npy}. */
    public static Path dictionaryFile(Path snapshotDir, String table, String column) {
        return snapshotDir.resolve(table).resolve(column + DICTIONARY_SUFFIX);
    }

    /** A variable-length column's offsets file: {@code SNAPSHOT/TABLE/COLUMN.offsets.npy}. */
    public static Path offsetsFile(Path snapshotDir, String table, String column) {
        return snapshotDir.resolve(table).resolve(column + OFFSETS_SUFFIX);
    }

    /** A variable-length column's data file: {@code SNAPSHOT/TABLE/COLUMN.data.npy}. */
    public static Path dataFile(Path snapshotDir, String table, String column) {
        return snapshotDir.resolve(table).resolve(column + DATA_SUFFIX);
    }

    /** A file of a column relative to the snapshot: {@code TABLE/COLUMN} and one of the suffixes above. */
    public static String columnFileName(String table, String column, String suffix) {
        return table + "/" + column + suffix;
    }

    /**
     * The column a file in a table directory belongs to: its name without {@code .npy}, {@code .dict.npy},
     * {@code .offsets.npy} or {@code .data.npy}; null for the entity id file or a file that is no column's.
     */
    public static String columnOfFile(String fileName) {
        for (String suffix : new String[] {DICTIONARY_SUFFIX, OFFSETS_SUFFIX, DATA_SUFFIX, COLUMN_SUFFIX}) {
            if (fileName.endsWith(suffix) && !fileName.equals(ENTITY_ID_FILE)) {
                String column = fileName.substring(0, fileName.length() - suffix.length());
                return column.indexOf('.') < 0 && !column.isEmpty() ? column : null;
            }
        }
        return null;
    }

    /**
     * Whether a path read from a manifest is safe to resolve under a snapshot directory: relative,
     * '/'-separated, every segment a plain name (letters, digits, '_', '.', '-', not starting with a dot), so it
     * can never name anything outside the snapshot (no "..", no absolute path, no drive letter, no backslash).
     */
    public static boolean isSafeRelativePath(String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > MAX_RELATIVE_PATH) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (!SAFE_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resolves a manifest's relative path under {@code snapshotDir}.
     *
     * @throws IllegalArgumentException when the path is not {@linkplain #isSafeRelativePath safe}
     */
    public static Path resolveRelative(Path snapshotDir, String relative) {
        if (!isSafeRelativePath(relative)) {
            throw new IllegalArgumentException("'" + relative + "' is not a relative path inside the snapshot");
        }
        Path resolved = snapshotDir;
        for (String segment : relative.split("/")) {
            resolved = resolved.resolve(segment);
        }
        return resolved;
    }

    /**
     * Refuses a symbolic link anywhere from {@code snapshotDir} down to {@code inside} (a table directory, a column
     * file, the manifest): a snapshot is a sealed unit and a link inside it could point anywhere, outside it
     * included. The snapshot directory itself, and the path leading to it, may be links: that is the user's
     * choice of where to keep it.
     *
     * @param inside a path resolved under {@code snapshotDir}
     * @throws SnapshotFormatException {@link Problem#BAD_HEADER} naming the link and what it points to
     */
    public static void requireNoSymbolicLinks(Path snapshotDir, Path inside) throws SnapshotFormatException {
        Path at = snapshotDir;
        for (Path segment : snapshotDir.relativize(inside)) {
            at = at.resolve(segment);
            if (Files.isSymbolicLink(at)) {
                String target;
                try {
                    target = " to " + Files.readSymbolicLink(at);
                } catch (IOException | UnsupportedOperationException e) {
                    target = "";
                }
                throw new SnapshotFormatException(at, Problem.BAD_HEADER, "is a symbolic link" + target
                        + "; a snapshot holds its own files and directories, never links, since a link can point outside it");
            }
        }
    }

    public static Path entityIdFile(Path snapshotDir, String table) {
        return snapshotDir.resolve(table).resolve(ENTITY_ID_FILE);
    }

    public static String entityIdFileName(String table) {
        return table + "/" + ENTITY_ID_FILE;
    }
}
