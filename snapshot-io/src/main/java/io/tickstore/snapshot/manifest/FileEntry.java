package io.tickstore.snapshot.manifest;

import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.format.Crc32c;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the manifest records about one .npy file of a snapshot: where it is, what it holds and the checksum
 * of its bytes. Column files, entity id files and the extra files of the other kinds of columns (a categorical
 * column's dictionary, a variable-length column's offsets and data) are all described this way.
 *
 * @param file         path relative to the snapshot directory, '/'-separated, never leaving it
 * @param type         element type; the file's numpy dtype is {@code type.numpyDescr()}; null for a dictionary
 *                     file, which holds strings
 * @param unicodeChars characters per string of a dictionary file ({@code '<Un'}); 0 for every other file
 * @param rowShape     the dimensions after the first: an array column's shape per row; empty for a one-dimensional file
 * @param rows         the first dimension: rows, values, strings or (for a data file) bytes
 * @param dataOffset   where the values start (the .npy header's size)
 * @param dataBytes    {@code rows * valuesPerRow() * itemBytes()}
 * @param fileBytes    {@code dataOffset + dataBytes}, the exact size on disk
 * @param crc32c       CRC32C of all {@code fileBytes} bytes, header included
 */
public record FileEntry(String file, ColumnType type, int unicodeChars, List<Integer> rowShape, long rows, int dataOffset, long dataBytes,
                        long fileBytes, int crc32c) {
    public FileEntry {
        Objects.requireNonNull(file, "file");
        if ((type == null) == (unicodeChars == 0)) {
            throw new IllegalArgumentException(file + ": a file holds values of a type or strings, not " + (type == null ? "neither" : "both"));
        }
        rowShape = List.copyOf(rowShape);
    }

    /** A one-dimensional file of {@code type} values, as every file of a format version 1 snapshot is. */
    public FileEntry(String file, ColumnType type, long rows, int dataOffset, long dataBytes, long fileBytes, int crc32c) {
        this(file, type, 0, List.of(), rows, dataOffset, dataBytes, fileBytes, crc32c);
    }

    /** The numpy descr of the file's values, e.g. {@code <f4}, {@code <U12}. */
    public String dtype() {
        return type != null ? type.numpyDescr() : "<U" + unicodeChars;
    }

    /** Bytes one value takes: its type's width, or 4 per character of a string. */
    public int itemBytes() {
        return type != null ? type.byteWidth() : 4 * unicodeChars;
    }

    /** Values a row holds: the product of {@link #rowShape()}, 1 for a one-dimensional file. */
    public long valuesPerRow() {
        long product = 1;
        for (int dim : rowShape) {
            product *= dim;
        }
        return product;
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
