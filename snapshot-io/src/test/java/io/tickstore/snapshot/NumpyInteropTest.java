package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.ManifestCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * numpy opens Tickstore's column files as they are ({@code numpy.load(path, mmap_mode='r')}) and sees the
 * same dtype, length and values; Tickstore parses the files numpy writes; Python recomputes the manifest's
 * self-checksum from the documented canonical form. Needs {@code python3} with numpy; skipped without it.
 */
class NumpyInteropTest {
    /** Prints, per file: its dtype, its length, then every value (ints in decimal, floats as IEEE double bits). */
    private static final String DUMP = String.join("\n",
            "import sys, struct, numpy",
            "for path in sys.argv[1:]:",
            "    a = numpy.load(path, mmap_mode='r')",
            "    print(a.dtype.str, len(a))",
            "    for v in a:",
            "        if a.dtype.kind == 'b':",
            "            print('True' if v else 'False')",
            "        elif a.dtype.kind == 'f':",
            "            print('nan' if v != v else struct.pack('<d', float(v)).hex())",
            "        else:",
            "            print(int(v))");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @BeforeAll
    static void requirePythonWithNumpy() {
        Assumptions.assumeTrue(pythonWithNumpy(), "python3 with numpy is not installed: skipping the numpy interop tests");
    }

    @Test
    void numpyReadsEveryColumnTypeWithTheSameDtypeLengthAndValues() throws Exception {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 23)) {
            SnapshotInfo info = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE));
            Table table = world.table(SampleWorlds.KINDS);
            List<String> args = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (ColumnFileInfo file : info.files()) {
                args.add(file.file().toString());
                expected.add(file.type().numpyDescr() + " " + table.rowCount());
                for (long row = 0; row < table.rowCount(); row++) {
                    expected.add(file.isEntityIds() ? Long.toString(table.entityId(row))
                            : pythonText(file.type(), table.getBits(table.columnIndex(file.column()), row)));
                }
            }
            assertEquals(expected, python(DUMP, args));
        }
    }

    @Test
    void tickstoreParsesTheFilesNumpyWrites() throws Exception {
        List<String> args = new ArrayList<>();
        for (ColumnType type : ColumnType.values()) {
            args.add(temp.resolve(type.typeName() + ".npy").toString());
            args.add(type.numpyDescr());
        }
        python(String.join("\n",
                "import sys, numpy",
                "for path, dtype in zip(sys.argv[1::2], sys.argv[2::2]):",
                "    numpy.save(path, numpy.arange(5).astype(dtype))"), args);
        for (ColumnType type : ColumnType.values()) {
            Path file = temp.resolve(type.typeName() + ".npy");
            byte[] bytes = Files.readAllBytes(file);
            NpyHeader header = NpyHeader.parse(ByteBuffer.wrap(bytes), bytes.length, file);
            assertEquals(type, header.type());
            assertEquals(5, header.length());
        }
    }

    @Test
    void pythonRecomputesTheManifestChecksumFromTheCanonicalForm() throws Exception {
        Path snapshot;
        try (World world = SampleWorlds.creatures(memory.root(), 7, 20, 2)) {
            SampleWorlds.addKinds(world, 3);
            snapshot = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
        }
        List<String> out = python(String.join("\n",
                "import sys, json",
                "table = []",
                "for i in range(256):",
                "    c = i",
                "    for _ in range(8):",
                "        c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1",
                "    table.append(c)",
                "def crc32c(data):",
                "    crc = 0xFFFFFFFF",
                "    for b in data:",
                "        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)",
                "    return crc ^ 0xFFFFFFFF",
                "m = json.load(open(sys.argv[1]))",
                "recorded = m.pop('" + ManifestCodec.CRC_FIELD + "')",
                "print(recorded, '%08x' % crc32c(json.dumps(m, sort_keys=True, separators=(',', ':')).encode()))"),
                List.of(SnapshotLayout.manifest(snapshot).toString()));
        String[] crcs = out.get(0).split(" ");
        assertEquals(crcs[0], crcs[1]);
    }

    /** The line the dump script prints for one value. */
    private static String pythonText(ColumnType type, long bits) {
        switch (type) {
            case BOOL:
                return bits != 0 ? "True" : "False";
            case F32:
            case F64:
                double d = ColumnValues.toDouble(type, bits);
                if (Double.isNaN(d)) {
                    return "nan";
                }
                return String.format(Locale.ROOT, "%016x", Long.reverseBytes(Double.doubleToRawLongBits(d)));
            default:
                return ColumnValues.toText(type, bits);
        }
    }

    private static List<String> python(String script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("python3 did not finish in 60 s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "python3 failed:\n" + text);
        return text.lines().toList();
    }

    private static boolean pythonWithNumpy() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
