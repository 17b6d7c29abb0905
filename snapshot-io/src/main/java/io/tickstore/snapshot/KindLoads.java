package io.tickstore.snapshot;

import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.columns.internal.OffHeap;
import io.tickstore.snapshot.internal.StoredFile;
import io.tickstore.snapshot.manifest.ColumnEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * How the reader loads what a categorical or variable-length column keeps besides fixed-width rows: a dictionary file
 * into the table's dictionary, a variable-length column's offsets and data into its arena, and the default value of
 * such a column that did not exist when the snapshot was written. Every file is checked against its CRC32C (when the
 * read verifies) and its content against its form before a value is used: an offset out of order or past the data, a
 * dictionary entry that is not text a table stores, a code outside the dictionary, is a
 * {@link SnapshotFormatException} naming the file, never a read outside the memory loaded.
 */
final class KindLoads {
    private static final int CHUNK = 4 << 20;

    private KindLoads() {
    }

    /** Reads a dictionary file ({@code '<Un'}) into column {@code column}'s dictionary. */
    static void loadDictionary(StoredFile file, Table table, int column, boolean verify) throws IOException {
        long bytes = file.entry().dataBytes();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new SnapshotFormatException(file.path(), Problem.BAD_HEADER, "dictionary of " + bytes + " bytes is larger than a dictionary may be");
        }
        ByteBuffer data = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        file.readData(0, data);
        data.flip();
        if (verify) {
            CRC32C crc = file.startChecksum();
            crc.update(data.duplicate());
            file.checkChecksum(crc);
        }
        int chars = file.entry().unicodeChars();
        List<String> entries = new ArrayList<>((int) file.entry().rows());
        StringBuilder text = new StringBuilder();
        for (long entry = 0; entry < file.entry().rows(); entry++) {
            text.setLength(0);
            boolean ended = false;
            for (int i = 0; i < chars; i++) {
                int cp = data.getInt();
                if (cp == 0) {
                    ended = true;
                } else if (ended || cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw new SnapshotFormatException(file.path(), Problem.BAD_HEADER, "dictionary entry " + entry + " holds "
                            + (ended ? "U+0000 inside it" : "code point " + Integer.toHexString(cp)) + ", which no stored string holds");
                } else {
                    text.appendCodePoint(cp);
                }
            }
            entries.add(text.toString());
        }
        try {
            table.loadDictionary(column, entries);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SnapshotFormatException(file.path(), Problem.BAD_HEADER, e.getMessage(), e);
        }
    }

    /** Checks that every loaded code of a categorical column is in its dictionary. */
    static void checkCodes(Path codesFile, Table table, int column, long rows) throws SnapshotFormatException {
        int size = table.dictionary(column).size();
        long address = table.columnAddress(column);
        int width = table.columnType(column).byteWidth();
        for (long row = 0; row < rows; row++) {
            long code;
            switch (width) {
                case 1: code = org.agrona.UnsafeApi.getByte(address + row) & 0xFFL; break;
                case 2: code = org.agrona.UnsafeApi.getShort(address + row * 2) & 0xFFFFL; break;
                default: code = org.agrona.UnsafeApi.getInt(address + row * 4) & 0xFFFF_FFFFL; break;
            }
            if (code >= size) {
                throw new SnapshotFormatException(codesFile, Problem.BAD_HEADER, "row " + row + " holds code " + code
                        + ", outside its dictionary's " + size + " entries");
            }
        }
    }

    /** Loads a variable-length column from its offsets and data files. */
    static void loadValues(Path snapshotDir, ColumnEntry entry, Table table, int column, long rows, boolean verify) throws IOException {
        try (StoredFile offsets = StoredFile.open(snapshotDir, entry.offsets());
             StoredFile data = StoredFile.open(snapshotDir, entry.data())) {
            long dataBytes = data.entry().dataBytes();
            long base = table.prepareLoadedValues(column, dataBytes);
            CRC32C offsetsCrc = verify ? offsets.startChecksum() : null;
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            long previous = 0;
            long index = 0;
            long total = rows + 1;
            while (index < total) {
                int count = (int) Math.min(CHUNK / 8, total - index);
                chunk.clear().limit(count * 8);
                offsets.readData(index * 8, chunk);
                chunk.flip();
                if (offsetsCrc != null) {
                    offsetsCrc.update(chunk.duplicate());
                }
                for (int i = 0; i < count; i++, index++) {
                    long offset = chunk.getLong(i * 8);
                    if (index == 0 ? offset != 0 : offset < previous || offset > dataBytes) {
                        throw new SnapshotFormatException(offsets.path(), Problem.BAD_HEADER, "offset " + index + " is " + offset
                                + (index == 0 ? ", not 0" : ", " + (offset < previous ? "below the one before it, " + previous
                                : "past the data's " + dataBytes + " bytes")));
                    }
                    if (index > 0) {
                        table.setLoadedValueRef(column, index - 1, previous, offset - previous);
                    }
                    previous = offset;
                }
            }
            if (previous != dataBytes) {
                throw new SnapshotFormatException(offsets.path(), Problem.LENGTH_MISMATCH, "the last offset is " + previous
                        + " but the data file holds " + dataBytes + " bytes");
            }
            if (offsetsCrc != null) {
                offsets.checkChecksum(offsetsCrc);
            }
            CRC32C dataCrc = verify ? data.startChecksum() : null;
            for (long at = 0; at < dataBytes; at += CHUNK) {
                int length = (int) Math.min(CHUNK, dataBytes - at);
                ByteBuffer view = OffHeap.view(base + at, length);
                data.readData(at, view);
                if (dataCrc != null) {
                    view.flip();
                    dataCrc.update(view);
                }
            }
            if (dataCrc != null) {
                data.checkChecksum(dataCrc);
            }
        }
    }

    /** Gives every one of {@code rows} rows of a variable-length column its default, a copy each (a row's bytes are its own). */
    static void fillValues(Table table, int column, long rows, byte[] value) {
        long base = table.prepareLoadedValues(column, Math.multiplyExact(rows, (long) value.length));
        for (long row = 0; row < rows; row++) {
            if (value.length > 0) {
                org.agrona.UnsafeApi.copyMemory(value, org.agrona.UnsafeApi.arrayBaseOffset(byte[].class), null, base + row * value.length, value.length);
            }
            table.setLoadedValueRef(column, row, row * value.length, value.length);
        }
    }
}
