package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by numpy itself ({@code np.save}, with numpy's own header layout and padding) open and read
 * back value for value, and the stats agree with numpy's nanmin, nanmax and nanmean.
 *
 * <p>These tests run python3 with numpy. They are skipped when {@code python3 -c "import numpy"} fails.
 */
class NumpyInteropTest {
    private static boolean numpyAvailable;

    @TempDir
    Path dir;

    @BeforeAll
    static void findNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            numpyAvailable = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            numpyAvailable = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            numpyAvailable = false;
        }
    }

    /** Runs a python3 script with numpy imported as np and {@code out} bound to the test directory; returns stdout. */
    private String python(String script) throws IOException, InterruptedException {
        Assumptions.assumeTrue(numpyAvailable, "python3 with numpy is not installed: skipping the numpy interop test");
        Path file = dir.resolve("script.py");
        Files.writeString(file, "import numpy as np, os\nout = " + pythonString(dir.toString()) + "\n" + script);
        Process p = new ProcessBuilder("python3", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static long[] bits(MappedColumn column) {
        long[] bits = new long[(int) column.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = column.getBits(i);
        }
        return bits;
    }

    @Test
    void arraysAndStringsNumpySavesReadRowByRow() throws Exception {
        python(String.join("\n",
                "np.save(os.path.join(out, 'embedding.npy'), np.arange(12, dtype=np.float32).reshape(4, 3))",
                "np.save(os.path.join(out, 'tensor.npy'), np.arange(24, dtype=np.float64).reshape(2, 4, 3))",
                "np.save(os.path.join(out, 'names.npy'), np.array(['plain', '東京', '', '🦊']))",
                ""));
        try (MappedColumn embedding = MappedColumn.open(dir.resolve("embedding.npy"));
             MappedColumn tensor = MappedColumn.open(dir.resolve("tensor.npy"))) {
            assertEquals(4, embedding.rows());
            assertEquals(3, embedding.rowLength());
            assertEquals(7.0f, embedding.row(2).getFloat(1));
            assertEquals(2, tensor.rows());
            assertEquals(12, tensor.rowLength());
            assertEquals(1 * 12 + 2 * 3 + 1, tensor.row(1).getDouble(2 * 3 + 1), "row 1, [2][1], C order");
            assertEquals(11.0, tensor.stats(0, 12).max(), "stats of row 0: its 12 elements");
        }
        assertEquals(java.util.List.of("plain", "東京", "", "🦊"), MappedCategories.readDictionary(dir.resolve("names.npy")));
    }

    @Test
    void everyDtypeNumpySavesReadsBack() throws Exception {
        python(String.join("\n",
                "arrays = {",
                "  'i8': np.array([-128, -1, 0, 1, 127], dtype=np.int8),",
                "  'u8': np.array([0, 1, 255], dtype=np.uint8),",
                "  'i16': np.array([-32768, -2, 0, 300, 32767], dtype=np.int16),",
                "  'u16': np.array([0, 40000, 65535], dtype=np.uint16),",
                "  'i32': np.array([-2**31, -7, 0, 123456789, 2**31 - 1], dtype=np.int32),",
                "  'u32': np.array([0, 3000000000, 2**32 - 1], dtype=np.uint32),",
                "  'i64': np.array([-2**63, -1, 0, 2**53, 2**63 - 1], dtype=np.int64),",
                "  'u64': np.array([0, 2**63, 2**64 - 1], dtype=np.uint64),",
                "  'f32': np.array([-1.5, 0.0, 3.25, np.nan, np.inf], dtype=np.float32),",
                "  'f64': np.array([np.pi, -0.0, 1e300, np.nan, -np.inf], dtype=np.float64),",
                "  'bool': np.array([True, False, True], dtype=np.bool_),",
                "}",
                "for name, a in arrays.items():",
                "    np.save(os.path.join(out, name + '.npy'), a)",
                ""));
        assertBits("i8", -128, -1, 0, 1, 127);
        assertBits("u8", 0, 1, 255);
        assertBits("i16", -32768, -2, 0, 300, 32767);
        assertBits("u16", 0, 40000, 65535);
        assertBits("i32", Integer.MIN_VALUE, -7, 0, 123456789, Integer.MAX_VALUE);
        assertBits("u32", 0, 3_000_000_000L, 0xFFFF_FFFFL);
        assertBits("i64", Long.MIN_VALUE, -1, 0, 1L << 53, Long.MAX_VALUE);
        assertBits("u64", 0, 1L << 63, -1L);
        assertBits("f32", floatBits(-1.5f), floatBits(0f), floatBits(3.25f), floatBits(Float.NaN),
                floatBits(Float.POSITIVE_INFINITY));
        assertBits("f64", Double.doubleToRawLongBits(Math.PI), Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(1e300), Double.doubleToRawLongBits(Double.NaN),
                Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
        assertBits("bool", 1, 0, 1);
    }

    private void assertBits(String typeName, long... expected) throws IOException {
        try (MappedColumn column = MappedColumn.open(dir.resolve(typeName + ".npy"))) {
            assertEquals(ColumnType.byName(typeName), column.type());
            assertArrayEquals(expected, bits(column), typeName);
        }
    }

    private static long floatBits(float f) {
        return Float.floatToRawIntBits(f) & 0xFFFF_FFFFL;
    }

    @Test
    void numpyFormatVersions2And3ReadLikeVersion1() throws Exception {
        python(String.join("\n",
                "a = np.arange(5, dtype=np.int32) * 11",
                "for v in [(1, 0), (2, 0), (3, 0)]:",
                "    with open(os.path.join(out, 'v%d.npy' % v[0]), 'wb') as f:",
                "        np.lib.format.write_array(f, a, version=v)",
                ""));
        for (int version = 1; version <= 3; version++) {
            try (MappedColumn column = MappedColumn.open(dir.resolve("v" + version + ".npy"))) {
                assertEquals(5, column.length(), "version " + version);
                assertEquals(44, column.getInt(4), "version " + version);
            }
        }
    }

    @Test
    void anEmptyNumpyArrayOpensWithLengthZero() throws Exception {
        python("np.save(os.path.join(out, 'empty.npy'), np.zeros(0, dtype=np.float64))\n");
        try (MappedColumn column = MappedColumn.open(dir.resolve("empty.npy"))) {
            assertEquals(0, column.length());
            assertEquals(0, column.stats().count());
        }
    }

    @Test
    void statsAgreeWithNumpysNanFunctions() throws Exception {
        String printed = python(String.join("\n",
                "rng = np.random.default_rng(7)",
                "a = rng.normal(10.0, 3.0, 100_000)",
                "a[::1000] = np.nan",
                "np.save(os.path.join(out, 'x.npy'), a)",
                "print(repr(float(np.nanmin(a))), repr(float(np.nanmax(a))), repr(float(np.nanmean(a))),"
                        + " int(np.isnan(a).sum()))",
                ""));
        List<String> fields = List.of(printed.trim().split(" "));
        try (MappedColumn column = MappedColumn.open(dir.resolve("x.npy"))) {
            ColumnStats stats = column.stats();
            assertEquals(Double.parseDouble(fields.get(0)), stats.min());
            assertEquals(Double.parseDouble(fields.get(1)), stats.max());
            double numpyMean = Double.parseDouble(fields.get(2));
            assertEquals(numpyMean, stats.mean(), Math.abs(numpyMean) * 1e-14);
            assertEquals(Long.parseLong(fields.get(3)), stats.nanCount());
            assertFalse(Double.isNaN(stats.mean()));
        }
    }
}
