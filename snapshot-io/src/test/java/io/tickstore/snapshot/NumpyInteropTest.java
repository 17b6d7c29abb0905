package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ColumnValues;
import io.tickstore.columns.Table;
import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.columns.testing.Python;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.NpyHeaders;
import io.tickstore.snapshot.format.SnapshotLayout;
import io.tickstore.snapshot.manifest.ManifestCodec;
import io.tickstore.snapshot.verify.CheckStatus;
import io.tickstore.snapshot.verify.FileCheck;
import io.tickstore.snapshot.verify.SnapshotVerifier;
import io.tickstore.snapshot.verify.VerifyReport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * numpy opens Tickstore's column files as they are ({@code numpy.load(path, mmap_mode='r')}) and sees the
 * same dtype, length and values; Tickstore parses the files numpy writes and refuses the headers numpy refuses;
 * Python recomputes the manifest's self-checksum from the documented canonical form. Needs {@code python3} with
 * numpy; skipped without it.
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

    /** Prints, per file, "loaded" when numpy.load reads it and "refused" with numpy's reason when it does not. */
    private static final String VERDICTS = String.join("\n",
            "import sys, warnings, numpy",
            "warnings.simplefilter('ignore')",
            "for path in sys.argv[1:]:",
            "    try:",
            "        numpy.load(path)",
            "        print('loaded')",
            "    except Exception as e:",
            "        print('refused', type(e).__name__, str(e).splitlines()[0] if str(e) else '')");

    /** A hand-made header and the bytes of data behind it. */
    private record HeaderCase(String name, int major, String dict, int alignment, int dataBytes) {
        HeaderCase(String name, String dict) {
            this(name, 1, dict, 64, 16);
        }

        byte[] file() {
            return NpyHeaders.file(NpyHeaders.header(major, dict, alignment), dataBytes);
        }
    }

    /**
     * The rules numpy's loader applies to the header dictionary, Tickstore applies too: every header numpy refuses
     * (another key, a missing key, a shape that is not a tuple of integers, an order that is not a bool, text that is
     * not a literal) Tickstore refuses, and every one it reads (whatever quotes, spacing, order of keys, a repeated
     * key, a Python 2 long, 16-byte alignment) Tickstore reads.
     */
    @Test
    void tickstoreRefusesTheHeadersNumpyRefusesAndReadsTheOnesNumpyReads() throws Exception {
        List<HeaderCase> cases = List.of(
                new HeaderCase("as-numpy-writes", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"),
                new HeaderCase("extra-key", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }"),
                new HeaderCase("missing-shape", "{'descr': '<f8', 'fortran_order': False, }"),
                new HeaderCase("missing-descr", "{'fortran_order': False, 'shape': (2,), }"),
                new HeaderCase("shape-list", "{'descr': '<f8', 'fortran_order': False, 'shape': [2], }"),
                new HeaderCase("shape-int", "{'descr': '<f8', 'fortran_order': False, 'shape': (2), }"),
                new HeaderCase("shape-text", "{'descr': '<f8', 'fortran_order': False, 'shape': ('2',), }"),
                new HeaderCase("shape-float", "{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,), }"),
                new HeaderCase("shape-negative", "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }"),
                new HeaderCase("shape-leading-zero", "{'descr': '<f8', 'fortran_order': False, 'shape': (02,), }"),
                new HeaderCase("order-int", "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }"),
                new HeaderCase("order-text", "{'descr': '<f8', 'fortran_order': 'False', 'shape': (2,), }"),
                new HeaderCase("descr-int", "{'descr': 8, 'fortran_order': False, 'shape': (2,), }"),
                new HeaderCase("not-a-dict", "[('descr', '<f8'), ('fortran_order', False), ('shape', (2,))]"),
                new HeaderCase("missing-comma", "{'descr': '<f8' 'fortran_order': False, 'shape': (2,), }"),
                new HeaderCase("lowercase-false", "{'descr': '<f8', 'fortran_order': false, 'shape': (2,), }"),
                new HeaderCase("fortran-order-1d", "{'descr': '<f8', 'fortran_order': True, 'shape': (2,), }"),
                new HeaderCase("double-quotes", "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2,)}"),
                new HeaderCase("keys-reordered", "{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}"),
                new HeaderCase("string-prefixes", "{u'descr': r'<f8', 'fortran_order': False, 'shape': (2,), }"),
                new HeaderCase("bytes-descr", "{'descr': b'<f8', 'fortran_order': False, 'shape': (2,), }"),
                new HeaderCase("repeated-key", "{'descr': '<i4', 'fortran_order': False, 'shape': (4,), 'descr': '<f4'}"),
                new HeaderCase("python2-long", "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }"),
                new HeaderCase("aligned-to-16", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 16, 16),
                new HeaderCase("version-2", 2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 64, 16),
                new HeaderCase("version-3-extra-key", 3, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}", 64, 16));
        List<String> paths = new ArrayList<>();
        List<String> tickstore = new ArrayList<>();
        for (HeaderCase c : cases) {
            Path file = temp.resolve(c.name() + ".npy");
            byte[] bytes = c.file();
            Files.write(file, bytes);
            paths.add(file.toString());
            try {
                NpyHeader.parse(ByteBuffer.wrap(bytes), bytes.length, file);
                tickstore.add(c.name() + ": loaded");
            } catch (SnapshotFormatException e) {
                assertEquals(TickstoreException.Problem.BAD_HEADER, e.problem(), e.getMessage());
                assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                tickstore.add(c.name() + ": refused");
            }
        }
        List<String> numpy = new ArrayList<>();
        List<String> verdicts = python(VERDICTS, paths);
        for (int i = 0; i < cases.size(); i++) {
            numpy.add(cases.get(i).name() + ": " + verdicts.get(i).split(" ")[0]);
        }
        assertEquals(numpy, tickstore, "numpy said:\n" + String.join("\n", verdicts));
        assertEquals(cases.get(0).name() + ": loaded", numpy.get(0));
        assertEquals(cases.get(1).name() + ": refused", numpy.get(1));
    }

    /**
     * Two rules Tickstore adds to numpy's loader, both the layout numpy's writer always produced: the header ends in a
     * newline after space padding, and nothing but spaces follows the dictionary.
     */
    @Test
    void tickstoreAddsNumpysOwnLayoutToWhatNumpysLoaderChecks() throws Exception {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        List<byte[]> files = List.of(
                NpyHeaders.file(NpyHeaders.header(1, dict, " ".repeat(53)), 16),
                NpyHeaders.file(NpyHeaders.header(1, dict + " # comment", " ".repeat(43) + "\n"), 16));
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = temp.resolve("layout-" + i + ".npy");
            Files.write(file, files.get(i));
            paths.add(file.toString());
            byte[] bytes = files.get(i);
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> NpyHeader.parse(ByteBuffer.wrap(bytes), bytes.length, file));
            assertEquals(TickstoreException.Problem.BAD_HEADER, e.problem());
        }
        assertEquals(List.of("loaded", "loaded"), python(VERDICTS, paths), "numpy's loader does not check the layout");
    }

    /**
     * A column file of a snapshot whose header numpy refuses fails verification and loading, with a BAD_HEADER that
     * names the file and the key; numpy refuses the same file.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"'extra': 0, ", "drop 'shape'", "'shape': [ROWS], "})
    void aSnapshotFileWithAHeaderNumpyRefusesFailsVerificationNamingTheKey(String change) throws Exception {
        Path snapshot;
        try (World world = SampleWorlds.creatures(memory.root(), 7, 50, 2)) {
            snapshot = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
        }
        Path energy = SnapshotLayout.columnFile(snapshot, "creatures", "energy");
        byte[] bytes = Files.readAllBytes(energy);
        NpyHeader original = NpyHeader.parse(ByteBuffer.wrap(bytes), bytes.length, energy);
        String rows = Long.toString(original.length());
        String dict;
        String key;
        if (change.startsWith("drop")) {
            dict = "{'descr': '<f4', 'fortran_order': False, }";
            key = "no key 'shape'";
        } else if (change.contains("shape")) {
            dict = "{'descr': '<f4', 'fortran_order': False, " + change.replace("ROWS", rows) + "}";
            key = "'shape' is [" + rows + "]";
        } else {
            dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ",), " + change + "}";
            key = "key 'extra'";
        }
        byte[] header = NpyHeaders.headerOfLength(1, dict, original.dataOffset());
        System.arraycopy(header, 0, bytes, 0, header.length);
        Files.write(energy, bytes);

        assertTrue(python(VERDICTS, List.of(energy.toString())).get(0).startsWith("refused"), "numpy refuses it");
        VerifyReport report = SnapshotVerifier.verify(snapshot);
        assertEquals(1, report.failures().size(), report.summary());
        FileCheck bad = report.firstBad().orElseThrow();
        assertEquals(energy, bad.path());
        assertEquals(CheckStatus.BAD_HEADER, bad.status());
        assertTrue(bad.detail().startsWith(energy + ": header"), bad.toString());
        assertTrue(bad.detail().contains(key), bad.toString());
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotReader.read(snapshot, memory.root()));
        assertEquals(energy, e.file());
        assertTrue(e.getMessage().contains(key), e.getMessage());
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
        return Python.run(script, args.toArray(new String[0]));
    }

    private static boolean pythonWithNumpy() {
        return Python.hasNumpy();
    }
}
