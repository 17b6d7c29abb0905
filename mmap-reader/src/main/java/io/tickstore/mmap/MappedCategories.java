package io.tickstore.mmap;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A categorical column ({@code cat<u16>}) of one snapshot: its codes through mmap ({@code COLUMN.npy}) and its
 * dictionary ({@code COLUMN.dict.npy}, an array of {@code '<Un'} strings) read whole at open, from those two files only.
 * {@link #getString} is what numpy's {@code names[codes]} gives; a code outside the dictionary is a
 * {@link SnapshotFormatException} naming the codes file.
 */
public final class MappedCategories implements AutoCloseable {
    private final MappedColumn codes;
    private final List<String> dictionary;

    private MappedCategories(MappedColumn codes, List<String> dictionary) {
        this.codes = codes;
        this.dictionary = dictionary;
    }

    /** Opens categorical column {@code column} of table {@code table} in {@code snapshotDir}. */
    public static MappedCategories open(Path snapshotDir, String table, String column) throws IOException {
        Path dictionaryFile = SnapshotLayout.dictionaryFile(snapshotDir, table, column);
        SnapshotLayout.requireNoSymbolicLinks(snapshotDir, dictionaryFile);
        List<String> dictionary = readDictionary(dictionaryFile);
        MappedColumn codes = MappedColumn.open(snapshotDir, table, column);
        if (codes.type() != ColumnType.U8 && codes.type() != ColumnType.U16 && codes.type() != ColumnType.U32 || codes.rowLength() != 1) {
            codes.close();
            throw new SnapshotFormatException(codes.file(), Problem.BAD_HEADER, "holds " + codes.type() + " values; a categorical column's codes are u8, u16 or u32");
        }
        return new MappedCategories(codes, dictionary);
    }

    /**
     * The strings of a dictionary file: a one-dimensional {@code '<Un'} array, each string UTF-32 code points padded with
     * zeros, as numpy stores strings (numpy's own files of strings read too).
     */
    public static List<String> readDictionary(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException(file, Problem.MISSING_FILE, "no such dictionary file", e);
        }
        try (channel) {
            long size = channel.size();
            ByteBuffer start = ByteBuffer.allocate((int) Math.min(size, NpyHeader.MAX_HEADER_BYTES));
            while (start.hasRemaining() && channel.read(start, start.position()) >= 0) {
                // positional reads until the buffer is full or the file ends
            }
            start.flip();
            NpyHeader header = NpyHeader.parse(start, size, file);
            if (header.type() != null || header.dataBytes() > Integer.MAX_VALUE - 8) {
                throw new SnapshotFormatException(file, Problem.BAD_HEADER, "holds " + header.descr() + " values, not a dictionary of strings");
            }
            ByteBuffer data = ByteBuffer.allocate((int) header.dataBytes()).order(ByteOrder.LITTLE_ENDIAN);
            while (data.hasRemaining() && channel.read(data, header.dataOffset() + data.position()) >= 0) {
                // the header checked the size, so this ends with the buffer full
            }
            data.flip();
            List<String> entries = new ArrayList<>((int) header.length());
            StringBuilder text = new StringBuilder();
            for (long i = 0; i < header.length(); i++) {
                text.setLength(0);
                for (int c = 0; c < header.unicodeChars(); c++) {
                    int cp = data.getInt();
                    if (cp != 0) {
                        if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
                            throw new SnapshotFormatException(file, Problem.BAD_HEADER, "entry " + i + " holds code point " + Integer.toHexString(cp));
                        }
                        text.appendCodePoint(cp);
                    }
                }
                entries.add(text.toString());
            }
            return Collections.unmodifiableList(entries);
        }
    }

    /** Rows of the column. */
    public long rows() {
        return codes.length();
    }

    /** Row {@code row}'s code. */
    public long getCode(long row) {
        return codes.getBits(row);
    }

    /** Row {@code row}'s string. */
    public String getString(long row) {
        long code = codes.getBits(row);
        if (code >= dictionary.size()) {
            throw new SnapshotFormatException(codes.file(), Problem.BAD_HEADER, "row " + row + " holds code " + code + ", outside its dictionary's "
                    + dictionary.size() + " entries");
        }
        return dictionary.get((int) code);
    }

    /** The dictionary: code i stands for entry i. */
    public List<String> dictionary() {
        return dictionary;
    }

    /** The codes, mapped. */
    public MappedColumn codes() {
        return codes;
    }

    /** Unmaps the codes; idempotent. */
    @Override
    public void close() {
        codes.close();
    }
}
