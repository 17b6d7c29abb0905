package io.tickstore.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.columns.testing.Python;
import io.tickstore.snapshot.format.NpyHeader;
import io.tickstore.snapshot.format.SnapshotLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * numpy opens the files of the other kinds of columns as FORMAT.md says: an array column as a 2-D or 3-D array through
 * mmap, a categorical column's codes through mmap and its strings with the two-line recipe, a variable-length column's
 * offsets and data through mmap; and Tickstore reads the multi-dimensional and string arrays numpy writes.
 */
class KindsNumpyInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prints one JSON document per column, from the snapshot's files alone, exactly as FORMAT.md's recipes read them. */
    private static final String READ = String.join("\n",
            "import sys, json, struct, numpy",
            "snap, table = sys.argv[1], sys.argv[2]",
            "m = json.load(open(snap + '/manifest.json'))",
            "t = next(t for t in m['tables'] if t['name'] == table)",
            "for c in t['columns']:",
            "    kind = c['type']",
            "    if kind.startswith('cat<'):",
            "        names = numpy.load(snap + '/' + c['dictionary']['file'])",
            "        strings = names[numpy.load(snap + '/' + c['file'], mmap_mode='r')]",
            "        print(json.dumps({'name': c['name'], 'values': [str(s) for s in strings]}))",
            "    elif kind in ('str', 'json', 'str[]'):",
            "        o = numpy.load(snap + '/' + c['offsets']['file'], mmap_mode='r')",
            "        d = numpy.load(snap + '/' + c['data']['file'], mmap_mode='r')",
            "        raw = [bytes(d[o[i]:o[i + 1]]) for i in range(len(o) - 1)]",
            "        values = [r.split(b'\\0')[:-1] for r in raw] if kind == 'str[]' else raw",
            "        if kind == 'str[]':",
            "            values = [[s.decode('utf-8') for s in v] for v in values]",
            "        else:",
            "            values = [v.decode('utf-8') for v in values]",
            "        if kind == 'json':",
            "            values = [json.loads(v) for v in values]",
            "        print(json.dumps({'name': c['name'], 'values': values}))",
            "    else:",
            "        a = numpy.load(snap + '/' + c['file'], mmap_mode='r')",
            "        assert isinstance(a, numpy.memmap), c['name']",
            "        bits = a.view('<u%d' % a.dtype.itemsize) if a.dtype.kind != 'b' else a.view('|u1')",
            "        print(json.dumps({'name': c['name'], 'dtype': a.dtype.str, 'shape': list(a.shape),",
            "                          'values': [int(x) for x in bits.reshape(-1)]}))");

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @BeforeAll
    static void requirePythonWithNumpy() {
        Assumptions.assumeTrue(pythonWithNumpy(), "python3 with numpy is not installed: skipping the numpy interop tests");
    }

    @Test
    void numpyReadsEveryKindAsFormatMdSays() throws Exception {
        try (World world = SampleWorlds.allKindsWorld(memory.root(), 8, 60)) {
            Path snapshot = SnapshotWriter.write(world, temp, WriteOptions.defaults().withDurability(Durability.PAGE_CACHE)).dir();
            Table table = world.table(SampleWorlds.ALL_KINDS);
            List<String> lines = python(READ, List.of(snapshot.toString(), SampleWorlds.ALL_KINDS));
            assertEquals(table.schema().columnCount(), lines.size());
            for (int c = 0; c < table.schema().columnCount(); c++) {
                JsonNode column = JSON.readTree(lines.get(c));
                assertEquals(table.schema().column(c).name(), column.get("name").asText());
                JsonNode values = column.get("values");
                ColumnKind kind = table.columnKind(c);
                if (kind == ColumnKind.SCALAR || kind == ColumnKind.ARRAY) {
                    List<Integer> shape = new ArrayList<>(List.of((int) table.rowCount()));
                    for (int dim : table.columnLayout(c).shape()) {
                        shape.add(dim);
                    }
                    assertEquals(shape.toString().replace(" ", ""), column.get("shape").toString(), "numpy sees (rows, ...) for " + column.get("name"));
                    assertEquals(table.columnType(c).numpyDescr(), column.get("dtype").asText());
                    int i = 0;
                    for (long row = 0; row < table.rowCount(); row++) {
                        for (int e = 0; e < table.arrayLength(c); e++) {
                            long bits = kind == ColumnKind.ARRAY ? table.getBits(c, row, e) : table.getBits(c, row);
                            long unsigned = table.columnType(c).byteWidth() == 8 ? bits : bits & ((1L << (8 * table.columnType(c).byteWidth())) - 1);
                            assertEquals(Long.toUnsignedString(unsigned), values.get(i++).bigIntegerValue().toString());
                        }
                    }
                } else {
                    for (long row = 0; row < table.rowCount(); row++) {
                        JsonNode value = values.get((int) row);
                        switch (kind) {
                            case STRING_LIST: {
                                List<String> items = new ArrayList<>();
                                value.forEach(v -> items.add(v.asText()));
                                assertEquals(table.getStrings(c, row), items);
                                break;
                            }
                            case JSON:
                                assertEquals(JSON.readTree(table.getString(c, row)), value);
                                break;
                            default:
                                assertEquals(table.getString(c, row), value.asText(), "row " + row + " of " + column.get("name"));
                        }
                    }
                }
            }
        }
    }

    @Test
    void tickstoreReadsTheMultiDimensionalAndStringArraysNumpyWrites() throws Exception {
        Path tensor = temp.resolve("tensor.npy");
        Path strings = temp.resolve("strings.npy");
        Path fortran = temp.resolve("fortran.npy");
        python(String.join("\n",
                "import sys, numpy",
                "numpy.save(sys.argv[1], numpy.arange(24, dtype='<f8').reshape(2, 4, 3))",
                "numpy.save(sys.argv[2], numpy.array(['plain', 'hill', '', 'é😀']))",
                "numpy.save(sys.argv[3], numpy.asfortranarray(numpy.arange(6, dtype='<i4').reshape(2, 3)))"),
                List.of(tensor.toString(), strings.toString(), fortran.toString()));
        NpyHeader t = parse(tensor);
        assertEquals(2, t.length());
        assertArrayEquals(new int[] {4, 3}, t.rowShape());
        assertEquals(12, t.valuesPerRow());
        NpyHeader s = parse(strings);
        assertEquals("<U5", s.descr());
        assertEquals(4, s.length());
        SnapshotFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SnapshotFormatException.class, () -> parse(fortran));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Fortran order"), e.getMessage());
    }

    private static NpyHeader parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return NpyHeader.parse(ByteBuffer.wrap(bytes), bytes.length, file);
    }

    private static List<String> python(String script, List<String> args) throws IOException, InterruptedException {
        return Python.run(script, args.toArray(new String[0]));
    }

    private static boolean pythonWithNumpy() {
        return Python.hasNumpy();
    }
}
