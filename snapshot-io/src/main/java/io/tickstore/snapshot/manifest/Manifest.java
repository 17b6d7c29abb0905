package io.tickstore.snapshot.manifest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The content of a snapshot's {@code manifest.json}: the world's tick and generator state, and for every
 * table its schema and files. Immutable; {@link ManifestCodec} turns it into JSON and back, validating every
 * field on the way in.
 */
public final class Manifest {
    /** The value of the manifest's {@code "format"} field. */
    public static final String FORMAT_NAME = "tickstore-snapshot";
    /**
     * The newest format version this code writes and reads. A snapshot is written with the oldest version that can
     * hold it: version 1 when every column is a scalar (so such snapshots stay readable by every reader there is),
     * version 2 when a column is of another kind ({@code ColumnLayout}).
     */
    public static final int FORMAT_VERSION = 2;
    /** The format version of a snapshot whose columns are all scalars. */
    public static final int SCALAR_FORMAT_VERSION = 1;

    private final long tick;
    private final byte[] rngState;
    private final Instant createdAt;
    private final List<TableEntry> tables;

    public Manifest(long tick, byte[] rngState, Instant createdAt, List<TableEntry> tables) {
        if (tick < 0) {
            throw new IllegalArgumentException("tick " + tick + " is negative");
        }
        this.tick = tick;
        this.rngState = rngState.clone();
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.tables = List.copyOf(tables);
    }

    /** 1 when every column of every table is a scalar, else 2: the version the manifest is written with. */
    public int formatVersion() {
        for (TableEntry table : tables) {
            if (!table.schema().isScalarOnly()) {
                return FORMAT_VERSION;
            }
        }
        return SCALAR_FORMAT_VERSION;
    }

    public long tick() {
        return tick;
    }

    /** A copy of the stored generator state. */
    public byte[] rngState() {
        return rngState.clone();
    }

    /** When the snapshot was written; informational only, it takes no part in loading. */
    public Instant createdAt() {
        return createdAt;
    }

    /** Tables in the order they were written (name order). */
    public List<TableEntry> tables() {
        return tables;
    }

    /** The table of that name, or null. */
    public TableEntry table(String name) {
        for (TableEntry table : tables) {
            if (table.name().equals(name)) {
                return table;
            }
        }
        return null;
    }

    public List<String> tableNames() {
        List<String> names = new ArrayList<>(tables.size());
        for (TableEntry table : tables) {
            names.add(table.name());
        }
        return names;
    }

    /**
     * Every file the manifest lists: per table the entity id file, then each column's files in schema order (a
     * variable-length column's offsets then data, a categorical column's codes then dictionary).
     */
    public List<FileEntry> files() {
        List<FileEntry> files = new ArrayList<>();
        for (TableEntry table : tables) {
            files.add(table.entityIds());
            for (ColumnEntry column : table.columns()) {
                files.addAll(column.files());
            }
        }
        return files;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Manifest)) {
            return false;
        }
        Manifest other = (Manifest) o;
        return tick == other.tick && Arrays.equals(rngState, other.rngState) && createdAt.equals(other.createdAt)
                && tables.equals(other.tables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tick, Arrays.hashCode(rngState), createdAt, tables);
    }

    @Override
    public String toString() {
        return "Manifest[v" + formatVersion() + ", tick=" + tick + ", tables=" + tableNames() + "]";
    }
}
