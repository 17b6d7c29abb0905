package io.tickstore.snapshot.golden;

import io.tickstore.columns.ColumnLayout;
import io.tickstore.columns.ColumnType;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Writes the golden snapshot {@code data/golden/snapshot-v2}: format version 2 as this code writes it, with a column of
 * every kind version 2 added, kept in the repository so every later reader is tested against it
 * ({@code GoldenSnapshotV2Test}).
 *
 * <p>The world, every value spelled out here so the file never depends on other test code: a {@code hexes} table of
 * {@value #ROWS} rows (one removed again, so the variable-length values were not in slot order) with a scalar,
 * categorical columns of u8 and u16 codes, arrays of three shapes and four element types (NaN payloads, -0.0 and
 * infinities among the floats), a {@code str}, a {@code json} and a {@code str[]} column, their strings in one to
 * four UTF-8 bytes a character; and an {@code empty} table of the same columns with no rows. Written with the same
 * fixed clock as {@link GoldenSnapshotGenerator}, at tick {@value #TICK}.
 *
 * <pre>
 * java … io.tickstore.snapshot.golden.GoldenSnapshotV2Generator [output directory, default data/golden/snapshot-v2]
 * </pre>
 */
public final class GoldenSnapshotV2Generator {
    public static final int ROWS = 12;
    public static final long TICK = 9;
    /** Where the golden snapshot lives, relative to the repository root. */
    public static final String GOLDEN_DIR = "data/golden/snapshot-v2";

    static final String[] COUNTIES = {"Travis", "Bexar", "Doña Ana", "東京", "🦊 County"};
    static final String[] TERRAINS = {"hill", "river", "plain"};

    private GoldenSnapshotV2Generator() {
    }

    static Schema schema(String name) {
        return Schema.builder(name, 1)
                .column("id", ColumnType.U32)
                .column("county", ColumnLayout.categorical(ColumnType.U16), 1, "unknown")
                .column("terrain", ColumnLayout.categorical(ColumnType.U8), 1, "plain")
                .array("position", ColumnType.F64, 3)
                .column("embedding", ColumnLayout.array(ColumnType.F32, 8), 1, "0.5")
                .array("tensor", ColumnType.F64, 4, 3)
                .array("counts", ColumnType.U16, 2)
                .array("flags", ColumnType.BOOL, 3)
                .string("note")
                .column("attributes", ColumnLayout.JSON, 1, "{}")
                .stringList("org_ids")
                .build();
    }

    /** The golden world; the caller closes it. */
    public static World goldenWorld(BufferAllocator allocator) {
        World world = new World(allocator);
        try {
            world.createTable(schema("empty"), 0);
            Table t = world.createTable(schema("hexes"), ROWS);
            float[] specials = {Float.NaN, Float.intBitsToFloat(0x7fc00123), -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE};
            for (int i = 0; i < ROWS; i++) {
                long row = t.addRow();
                t.setInt(0, row, 1000 + i * 7);
                if (i % 4 != 3) {
                    t.setString(1, row, COUNTIES[(i * 3) % COUNTIES.length]);
                }
                t.setString(2, row, TERRAINS[i % TERRAINS.length]);
                t.setArray(3, row, new double[] {i * 0.5, -i, i == 5 ? Double.longBitsToDouble(0x7ff8000000000abcL) : 1e-300 * i});
                for (int e = 0; e < 8; e++) {
                    if ((i + e) % 3 == 0) {
                        t.setBits(4, row, e, Float.floatToRawIntBits(e < specials.length && i % 2 == 0 ? specials[e] : i + e / 8f) & 0xFFFF_FFFFL);
                    }
                }
                for (int e = 0; e < 12; e++) {
                    t.setDouble(5, row, e, i * 100 + e);
                }
                t.setShort(6, row, 0, (short) (65535 - i));
                t.setShort(6, row, 1, (short) i);
                t.setBoolean(7, row, i % 3, true);
                t.setString(8, row, i % 5 == 0 ? "" : "note " + i + " é中😀".substring(0, i % 4));
                t.setString(9, row, i % 4 == 0 ? "{}" : "{\"hex\": " + i + ", \"tags\": [\"a\", \"é\"], \"w\": " + (i * 0.25) + ", \"ok\": " + (i % 2 == 0) + "}");
                t.setStrings(10, row, i % 3 == 0 ? List.of() : List.of("org-" + i, "", "é😀" + i).subList(0, 1 + i % 3));
            }
            t.setString(8, 2, "a note rewritten longer than it was, so its bytes moved");
            t.removeRow(4);
            world.setTick(TICK);
            world.setRngState(new byte[] {2, 0, 2, 6});
            return world;
        } catch (RuntimeException e) {
            world.close();
            throw e;
        }
    }

    /** Writes the golden world as a snapshot in {@code runDir} and returns the snapshot directory. */
    public static Path writeSnapshot(Path runDir, BufferAllocator allocator, Durability durability) throws IOException {
        try (World world = goldenWorld(allocator)) {
            return SnapshotWriter.write(world, runDir, GoldenSnapshotGenerator.options().withDurability(durability)).dir();
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : RepoRoot.locate().resolve(GOLDEN_DIR);
        out = out.toAbsolutePath().normalize();
        Path parent = out.getParent();
        Files.createDirectories(parent);
        Path work = Files.createTempDirectory(parent, ".golden-");
        try (RootAllocator allocator = LeakCheckingAllocator.newDirtyRoot()) {
            Path snapshot = writeSnapshot(work, allocator, Durability.FSYNC);
            String hash;
            try (World world = goldenWorld(allocator)) {
                hash = ContentHash.hex(world);
            }
            Directories.deleteRecursively(out);
            Files.move(snapshot, out, StandardCopyOption.ATOMIC_MOVE);
            System.out.println("wrote " + out);
            System.out.println("world content hash " + hash);
        } finally {
            Directories.deleteRecursively(work);
        }
    }
}
