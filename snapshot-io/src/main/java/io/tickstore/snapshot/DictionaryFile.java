package io.tickstore.snapshot;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Table;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.internal.fault.FaultPoint;
import io.tickstore.snapshot.internal.fault.Faults;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Writes a categorical column's dictionary as a .npy array of fixed-width unicode strings ({@code '<Un'}, n the
 * longest entry's code points, at least 1): entry i is the string of code i, in UTF-32 code points padded with zeros,
 * as numpy stores strings, so {@code numpy.load(dict)[codes]} turns a column's codes into its strings. No stored string
 * holds U+0000, so the padding numpy strips is never part of one.
 */
final class DictionaryFile extends ColumnFilePart {
    DictionaryFile(Table table, int column, String relativePath, boolean force) {
        super(table, column, relativePath, force);
    }

    @Override
    public void run() throws IOException {
        List<String> entries = table.dictionary(column).entries();
        int chars = 1;
        for (String s : entries) {
            chars = Math.max(chars, s.codePointCount(0, s.length()));
        }
        byte[] header = NpyHeader.encodeUnicode(chars, entries.size());
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(entries.size(), chars), 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (String s : entries) {
            int start = data.position();
            s.codePoints().forEach(data::putInt);
            data.position(start + 4 * chars);
        }
        data.flip();
        try (NpyOutput out = new NpyOutput(path, header)) {
            Faults.atWrite(FaultPoint.SNAPSHOT_COLUMN_FILE, path, () -> out.writeData(data.duplicate().limit(data.limit() / 2)));
            out.writeData(data);
            finish(out, null, chars, entries.size());
        }
    }

    @Override
    public ColumnType valueType() {
        return null;
    }
}
