package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tickstore.columns.testing.AllKinds;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins version 2 of the table hash (a table with a column of another kind than scalar), as {@link ContentHash}'s javadoc
 * defines it: rebuilt here value by value through the public API, and by numpy and hashlib from files laid out as a
 * snapshot lays them out (codes and a dictionary, offsets and data).
 */
class ContentHashKindsDefinitionTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private Table sampleTable() {
        Schema schema = AllKinds.schema("kinds");
        Table table = Table.allocate(schema, memory.root(), 4);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 30; i++) {
            long row = table.addRow();
            for (int c = 0; c < schema.columnCount(); c++) {
                if (random.nextInt(4) > 0) {
                    AllKinds.write(table, c, row, AllKinds.randomValue(random, schema.column(c)), random);
                }
            }
        }
        table.removeRow(4);
        return table;
    }

    @Test
    void theVersion2TableHashIsTheDocumentedByteStream() {
        try (Table table = sampleTable()) {
            assertEquals(HexFormat.of().formatHex(sha256(stream(table))), ContentHash.hex(table));
        }
    }

    @Test
    void codesDoNotEnterTheHashButStringsDo() {
        Schema schema = Schema.builder("t", 1).categorical("c").build();
        try (Table a = Table.allocate(schema, memory.root(), 4); Table b = Table.allocate(schema, memory.root(), 4)) {
            b.intern(0, "y");
            for (Table t : new Table[] {a, b}) {
                t.setString(0, t.addRow(), "x");
                t.setString(0, t.addRow(), "y");
            }
            assertNotEquals(a.getCode(0, 0), b.getCode(0, 0));
            assertEquals(ContentHash.hex(a), ContentHash.hex(b));
            b.setString(0, 1, "z");
            assertNotEquals(ContentHash.hex(a), ContentHash.hex(b));
        }
    }

    /** The stream built from the public API, independent of how the table lays its values out. */
    private static byte[] stream(Table table) {
        Stream s = new Stream();
        s.string("tickstore.table.v2");
        s.string(table.name());
        s.value(table.schema().columnCount(), 4);
        for (ColumnSpec column : table.schema().columns()) {
            s.string(column.name());
            s.string(column.layout().toString());
        }
        s.value(table.rowCount(), 8);
        for (long row = 0; row < table.rowCount(); row++) {
            s.value(table.entityId(row), 8);
        }
        for (int c = 0; c < table.schema().columnCount(); c++) {
            int width = table.columnType(c).byteWidth();
            for (long row = 0; row < table.rowCount(); row++) {
                switch (table.columnKind(c)) {
                    case SCALAR:
                        s.value(table.getBits(c, row), width);
                        break;
                    case ARRAY:
                        for (int i = 0; i < table.arrayLength(c); i++) {
                            s.value(table.getBits(c, row, i), width);
                        }
                        break;
                    case STRING_LIST: {
                        ByteArrayOutputStream items = new ByteArrayOutputStream();
                        for (String item : table.getStrings(c, row)) {
                            items.writeBytes(item.getBytes(StandardCharsets.UTF_8));
                            items.write(0);
                        }
                        s.value(items.size(), 4);
                        s.bytes(items.toByteArray());
                        break;
                    }
                    default:
                        s.string(table.getString(c, row));
                        break;
                }
            }
        }
        return s.out.toByteArray();
    }

    /** numpy and hashlib, from codes plus a dictionary and offsets plus data, as a snapshot stores them. */
    @Test
    void numpyAndHashlibAgreeOnAVersion2TableHash(@TempDir Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(pythonHasNumpy(), "python3 with numpy is not available");
        try (Table table = sampleTable()) {
            StringBuilder columns = new StringBuilder();
            for (int c = 0; c < table.schema().columnCount(); c++) {
                ColumnSpec spec = table.schema().column(c);
                columns.append(spec.name()).append(' ').append(spec.layout()).append(' ').append(spec.type().numpyDescr()).append('\n');
                switch (spec.kind()) {
                    case SCALAR: case ARRAY: case CATEGORICAL: {
                        byte[] raw = new byte[(int) table.columnByteLength(c)];
                        table.columnView(c, 0, raw.length).get(raw);
                        Files.write(dir.resolve(spec.name() + ".bin"), raw);
                        if (spec.kind() == ColumnKind.CATEGORICAL) {
                            Files.writeString(dir.resolve(spec.name() + ".dict"), String.join("\u0000", table.dictionary(c).entries()));
                        }
                        break;
                    }
                    default: {
                        Stream offsets = new Stream();
                        ByteArrayOutputStream data = new ByteArrayOutputStream();
                        offsets.value(0, 8);
                        for (long row = 0; row < table.rowCount(); row++) {
                            byte[] value = new byte[table.valueLength(c, row)];
                            table.readValue(c, row, java.nio.ByteBuffer.wrap(value));
                            data.writeBytes(value);
                            offsets.value(data.size(), 8);
                        }
                        Files.write(dir.resolve(spec.name() + ".offsets"), offsets.out.toByteArray());
                        Files.write(dir.resolve(spec.name() + ".data"), data.toByteArray());
                    }
                }
            }
            byte[] ids = new byte[(int) (table.rowCount() * 8)];
            table.entityIdView(0, ids.length).get(ids);
            Files.write(dir.resolve("entity_ids.bin"), ids);
            Files.writeString(dir.resolve("columns.txt"), columns);
            Files.writeString(dir.resolve("hash.py"), PYTHON);
            Process python = new ProcessBuilder("python3", "hash.py", table.name(), Long.toString(table.rowCount()))
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!python.waitFor(60, TimeUnit.SECONDS)) {
                python.destroyForcibly();
                throw new AssertionError("python3 did not finish within 60 s: " + output);
            }
            assertEquals(0, python.exitValue(), output);
            assertEquals(ContentHash.hex(table), output);
        }
    }

    private static final String PYTHON = String.join("\n",
            "import hashlib, struct, sys",
            "import numpy as np",
            "def string(b):",
            "    return struct.pack('<I', len(b)) + b",
            "name, rows = sys.argv[1], int(sys.argv[2])",
            "columns = [line.split(' ') for line in open('columns.txt').read().splitlines()]",
            "h = hashlib.sha256()",
            "h.update(string(b'tickstore.table.v2') + string(name.encode()) + struct.pack('<I', len(columns)))",
            "for column, layout, descr in columns:",
            "    h.update(string(column.encode()) + string(layout.encode()))",
            "h.update(struct.pack('<Q', rows))",
            "h.update(np.fromfile('entity_ids.bin', dtype='<i8').tobytes())",
            "for column, layout, descr in columns:",
            "    if layout.startswith('cat<'):",
            "        codes = np.fromfile(column + '.bin', dtype=np.dtype(descr))",
            "        names = np.array(open(column + '.dict', encoding='utf-8').read().split('\\0'), dtype=object)",
            "        h.update(b''.join(string(s.encode()) for s in names[codes]))",
            "    elif layout in ('str', 'json', 'str[]'):",
            "        offsets = np.fromfile(column + '.offsets', dtype='<i8')",
            "        data = np.fromfile(column + '.data', dtype='|u1').tobytes()",
            "        h.update(b''.join(string(data[offsets[i]:offsets[i + 1]]) for i in range(rows)))",
            "    else:",
            "        h.update(np.fromfile(column + '.bin', dtype=np.dtype(descr)).tobytes())",
            "print(h.hexdigest())",
            "");

    private static boolean pythonHasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static final class Stream {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            value(utf8.length, 4);
            bytes(utf8);
        }

        void value(long v, int width) {
            for (int i = 0; i < width; i++) {
                out.write((int) (v >>> (8 * i)) & 0xFF);
            }
        }

        void bytes(byte[] b) {
            out.write(b, 0, b.length);
        }
    }
}
