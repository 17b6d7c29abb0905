package io.tickstore.snapshot.manifest;

import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the manifest records about one .npy file of a snapshot: where it is, what it holds and the checksum
 * of its bytes. Both column files and entity id files are described this way.
 *
 * @param file       path relative to the snapshot directory, '/'-separated, never leaving it
 * @param type       element type; the file's numpy dtype is {@code type.numpyDescr()}
 * @param rows       number of values
 * @param dataOffset where the values start (the .npy header's size)
 * @param dataBytes  {@code rows * type.byteWidth()}
 * @param fileBytes  {@code dataOffset + dataBytes}, the exact size on disk
 * @param crc32c     CRC32C of all {@code fileBytes} bytes, header included
 */
public record FileEntry(String file, ColumnType type, long rows, int dataOffset, long dataBytes, long fileBytes, int crc32c) {
    public FileEntry {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(type, "type");
    }

    /** The numpy descr of the file's values, e.g. {@code <f4}. */
    public String dtype() {
        return type.numpyDescr();
    }

    /** The checksum as the manifest writes it: 8 lowercase hex digits. */
    public String crc32cHex() {
        return Crc32c.hex(crc32c);
    }

    /** The file's location under {@code snapshotDir}; the path was checked to stay inside it when read. */
    public Path resolve(Path snapshotDir) {
        return SnapshotLayout.resolveRelative(snapshotDir, file);
    }
}
