package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the byte stream documented in {@link ContentHash}'s javadoc: the stream is assembled here from scratch,
 * reading values through the typed API, and must hash to what {@link ContentHash} computes. A change to
 * either the code or the definition breaks this test; change both or neither.
 */
class ContentHashDefinitionTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    private World sampleWorld() {
        World world = new World(memory.root());
        // created out of name order on purpose: the definition hashes tables in name order
        Table bodies = world.createTable(TestSchemas.allTypes("bodies"), 16);
        Table atoms = world.createTable(Schema.builder("atoms", 2)
                .column("charge", ColumnType.I8)
                .column("spin", ColumnType.F32, 2)
                .build(), 16);
        world.createTable(Schema.builder("nothing", 1).column("x", ColumnType.U16).build(), 16);
        SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < 40; i++) {
            long slot = bodies.addRow();
            for (int c = 0; c < bodies.schema().columnCount(); c++) {
                bodies.setBits(c, slot, TestSchemas.canonicalBits(bodies.columnType(c), random.nextLong()));
            }
        }
        bodies.removeRow(3);
        bodies.removeEntity(20);
        for (int i = 0; i < 5; i++) {
            long slot = atoms.addRow(100 - i);
            atoms.setByte(0, slot, (byte) -i);
            atoms.setFloat(1, slot, i / 3f);
        }
        world.setTick(987_654_321_000L);
        world.setRngState(new byte[] {9, 8, 7, 6, 5});
        return world;
    }

    @Test
    void theWorldHashIsTheDocumentedByteStream() {
        try (World world = sampleWorld()) {
            LittleEndianStream stream = new LittleEndianStream();
            stream.string("tickstore.world.v1");
            stream.i64(world.tick());
            byte[] rng = world.rngState();
            stream.u32(rng.length);
            stream.bytes(rng);
            List<String> names = List.of("atoms", "bodies", "nothing");
            stream.u32(names.size());
            for (String name : names) {
                stream.string(name);
                stream.bytes(sha256(tableStream(world.table(name))));
            }
            assertEquals(HexFormat.of().formatHex(sha256(stream.toByteArray())), ContentHash.hex(world));
        }
    }

    @Test
    void theTableHashIsTheDocumentedByteStream() {
        try (World world = sampleWorld()) {
            for (Table table : world.tables()) {
                assertEquals(HexFormat.of().formatHex(sha256(tableStream(table))), ContentHash.hex(table), table.name());
            }
        }
    }

    /** The table stream built value by value from the public API, independent of the buffers' layout. */
    private static byte[] tableStream(Table table) {
        LittleEndianStream stream = new LittleEndianStream();
        stream.string("tickstore.table.v1");
        stream.string(table.name());
        Schema schema = table.schema();
        stream.u32(schema.columnCount());
        for (ColumnSpec column : schema.columns()) {
            stream.string(column.name());
            stream.string(column.type().typeName());
        }
        stream.i64(table.rowCount());
        for (long row = 0; row < table.rowCount(); row++) {
            stream.i64(table.entityId(row));
        }
        for (int c = 0; c < schema.columnCount(); c++) {
            for (long row = 0; row < table.rowCount(); row++) {
                stream.value(table.getBits(c, row), table.columnType(c).byteWidth());
            }
        }
        return stream.toByteArray();
    }

    /**
     * The same table hash recomputed by numpy and hashlib from raw column files, as an outside client would.
     * Needs python3 with numpy; skipped (not failed) where {@code python3 -c "import numpy"} fails.
     */
    @Test
    void numpyAndHashlibAgreeOnATableHash(@TempDir Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(pythonHasNumpy(), "python3 with numpy is not available");
        try (World world = sampleWorld()) {
            Table table = world.table("bodies");
            StringBuilder columns = new StringBuilder();
            for (int c = 0; c < table.schema().columnCount(); c++) {
                ColumnSpec column = table.schema().column(c);
                write(dir.resolve(column.name() + ".bin"), table.columnView(c, 0, (int) table.columnByteLength(c)));
                columns.append(column.name()).append(' ').append(column.type().typeName()).append(' ')
                        .append(column.type().numpyDescr()).append('\n');
            }
            write(dir.resolve("entity_ids.bin"), table.entityIdView(0, (int) (table.rowCount() * 8)));
            Files.writeString(dir.resolve("columns.txt"), columns);
            Files.writeString(dir.resolve("hash.py"), PYTHON_TABLE_HASH);

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

    private static final String PYTHON_TABLE_HASH = String.join("\n",
            "import hashlib, struct, sys",
            "import numpy as np",
            "def string(s):",
            "    b = s.encode('utf-8')",
            "    return struct.pack('<I', len(b)) + b",
            "name, rows = sys.argv[1], int(sys.argv[2])",
            "columns = [line.split(' ') for line in open('columns.txt').read().splitlines()]",
            "h = hashlib.sha256()",
            "h.update(string('tickstore.table.v1') + string(name) + struct.pack('<I', len(columns)))",
            "for column, type_name, descr in columns:",
            "    h.update(string(column) + string(type_name))",
            "h.update(struct.pack('<Q', rows))",
            "ids = np.fromfile('entity_ids.bin', dtype='<i8')",
            "assert len(ids) == rows",
            "h.update(ids.tobytes())",
            "for column, type_name, descr in columns:",
            "    values = np.fromfile(column + '.bin', dtype=np.dtype(descr))",
            "    assert len(values) == rows, column",
            "    h.update(values.tobytes())",
            "print(h.hexdigest())",
            "");

    private static boolean pythonHasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void write(Path file, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Little-endian integers and u32-length-prefixed UTF-8 strings, as the definition spells them. */
    private static final class LittleEndianStream {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            u32(utf8.length);
            bytes(utf8);
        }

        void u32(long v) {
            value(v, 4);
        }

        void i64(long v) {
            value(v, 8);
        }

        /** The low {@code width} bytes of {@code v}, least significant first. */
        void value(long v, int width) {
            for (int i = 0; i < width; i++) {
                out.write((int) (v >>> (8 * i)) & 0xFF);
            }
        }

        void bytes(byte[] b) {
            out.write(b, 0, b.length);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
