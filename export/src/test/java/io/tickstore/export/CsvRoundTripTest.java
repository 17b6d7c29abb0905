package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.WriteOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV export parsed back by Python's csv module and numpy holds every value bit for bit: f32 (subnormals, the
 * extremes, -0.0, infinities, NaN), f64, u64 above 2^63 and every integer type, compared with the snapshot's .npy
 * files of the same world.
 *
 * <p>Runs python3 with numpy; skipped, saying so in one line, where {@code python3 -c "import numpy"} fails.
 */
class CsvRoundTripTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    private static final String CHECK = String.join("\n",
            "import csv, sys, numpy as np",
            "csv_path, snapshot = sys.argv[1], sys.argv[2]",
            "with open(csv_path, newline='') as f:",
            "    rows = list(csv.reader(f))",
            "header, body = rows[0], rows[1:]",
            "for i, name in enumerate(header):",
            "    stored = np.load(snapshot + '/values/' + name + '.npy')",
            "    text = [r[i] for r in body]",
            "    kind = stored.dtype.kind",
            "    if kind == 'f':",
            "        parsed = np.array([float(t) for t in text], dtype=np.float64).astype(stored.dtype)",
            "        nan = np.isnan(stored)",
            "        assert (np.isnan(parsed) == nan).all(), name",
            "        same = parsed[~nan].view(np.uint8) == stored[~nan].view(np.uint8)",
            "        assert same.all(), (name, [t for t, p, s in zip(text, parsed, stored) if p.tobytes() != s.tobytes()][:5])",
            "    elif kind == 'b':",
            "        assert (np.array([t == 'true' for t in text]) == stored).all(), name",
            "    else:",
            "        parsed = np.array([int(t) for t in text], dtype=stored.dtype)",
            "        assert (parsed == stored).all(), name",
            "    print(name, len(text), 'values exact')",
            "");

    @Test
    void pythonsCsvModuleAndNumpyReadEveryValueBackBitForBit() throws Exception {
        Assumptions.assumeTrue(numpyAvailable(), "python3 with numpy is not installed: skipping the CSV round trip through Python");
        Schema.Builder builder = Schema.builder("values", 1);
        for (ColumnType type : ColumnType.values()) {
            builder.column("v_" + type.typeName(), type);
        }
        Schema schema = builder.build();
        int rows = 5_000;
        SplittableRandom random = new SplittableRandom(5);
        try (World world = new World(memory.root())) {
            Table table = world.createTable(schema, rows);
            table.appendRows(rows);
            long[] specialF32 = {Float.floatToRawIntBits(0.1f), Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Float.MIN_VALUE),
                Float.floatToRawIntBits(Float.MAX_VALUE), Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
                Float.floatToRawIntBits(Float.NEGATIVE_INFINITY), Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(1.17549435e-38f)};
            long[] specialF64 = {Double.doubleToRawLongBits(0.1), Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.MIN_VALUE),
                Double.doubleToRawLongBits(Double.MAX_VALUE), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
                Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(2.2250738585072014E-308)};
            for (int c = 0; c < schema.columnCount(); c++) {
                ColumnType type = schema.column(c).type();
                for (long row = 0; row < rows; row++) {
                    long bits = random.nextLong();
                    switch (type) {
                        case F32:
                            bits = row < specialF32.length ? specialF32[(int) row] & 0xFFFF_FFFFL : bits & 0xFFFF_FFFFL;
                            if (Float.isNaN(Float.intBitsToFloat((int) bits))) {
                                bits = Float.floatToRawIntBits(Float.NaN);   // a NaN's payload has no spelling in text
                            }
                            break;
                        case F64:
                            bits = row < specialF64.length ? specialF64[(int) row] : bits;
                            if (Double.isNaN(Double.longBitsToDouble(bits))) {
                                bits = Double.doubleToRawLongBits(Double.NaN);
                            }
                            break;
                        case BOOL:
                            bits &= 1;
                            break;
                        case U64:
                            bits = row == 0 ? -1L : bits;
                            break;
                        default:
                            bits = truncate(type, bits);
                    }
                    table.setBits(c, row, bits);
                }
            }
            Path snapshot = temp.resolve("snapshot");
            try (SnapshotWriter writer = new SnapshotWriter(WriteOptions.defaults())) {
                writer.writeAs(world, snapshot);
            }
            Path csv = temp.resolve("values.csv");
            CsvExport.write(table, csv);
            Path script = Files.writeString(temp.resolve("check.py"), CHECK);
            // _entity_id is checked against values/_entity_id.npy like any column
            Process p = new ProcessBuilder("python3", script.toString(), csv.toString(), snapshot.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
            assertEquals(0, p.exitValue(), output);
            assertEquals(1 + schema.columnCount(), output.lines().filter(l -> l.endsWith(rows + " values exact")).count(), output);
        }
    }

    private static long truncate(ColumnType type, long bits) {
        switch (type) {
            case I8: return (byte) bits;
            case U8: return bits & 0xFF;
            case I16: return (short) bits;
            case U16: return bits & 0xFFFF;
            case I32: return (int) bits;
            case U32: return bits & 0xFFFF_FFFFL;
            default: return bits;
        }
    }

    static boolean numpyAvailable() {
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
}
