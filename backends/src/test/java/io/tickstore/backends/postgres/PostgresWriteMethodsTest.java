package io.tickstore.backends.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.backends.PersistOutcome;
import io.tickstore.backends.testing.PostgresTestSchema;
import io.tickstore.backends.testing.TestWorlds;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write path gives the same journal: a world persisted with any write method and copy target hydrates (always
 * by binary COPY) to the same hash. Text COPY and batched INSERT carry a NaN as the canonical NaN, so their worlds
 * hold no other.
 */
class PostgresWriteMethodsTest {
    @RegisterExtension
    static final PostgresTestSchema postgres = new PostgresTestSchema("methods");
    /** Keyed by {@code METHOD/TARGET}; batched INSERT has no copy target. */
    private static final Map<String, PostgresRuntime> BACKENDS = new TreeMap<>();
    private static final String DEFAULT_PATH = "BINARY_COPY/JOURNAL";

    static List<String> paths() {
        return List.of("BINARY_COPY/JOURNAL", "BINARY_COPY/STAGING_TABLE", "TEXT_COPY/JOURNAL", "TEXT_COPY/STAGING_TABLE", "BATCHED_INSERT/JOURNAL");
    }

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @BeforeAll
    static void open() {
        for (String path : paths()) {
            String[] parts = path.split("/");
            BACKENDS.put(path, postgres.open(postgres.options().withPoolSize(1)
                    .withWriteMethod(WriteMethod.valueOf(parts[0])).withCopyTarget(CopyTarget.valueOf(parts[1]))));
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void theCreatureWorldRoundTrips(String path) {
        try (World world = TestWorlds.creatures(memory.root(), 31, 2_500, 3)) {
            UUID session = UUID.randomUUID();
            PostgresRuntime backend = BACKENDS.get(path);
            backend.createSession(session, world);
            assertEquals(PersistOutcome.STORED, backend.persistTick(session, world));
            assertEquals(PersistOutcome.UNCHANGED, backend.persistTick(session, world));
            try (World back = BACKENDS.get(DEFAULT_PATH).hydrate(session, world.tick(), memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void extremeValuesOfEveryTypeRoundTrip(String path) {
        try (World world = TestWorlds.allTypes(memory.root(), 2)) {
            Table t = world.table("all_types");
            int f32 = t.columnIndex("select");
            int f64 = t.columnIndex("MixedCase");
            for (long slot = 0; slot < t.rowCount(); slot++) {
                if (Float.isNaN(t.getFloat(f32, slot))) {
                    t.setFloat(f32, slot, Float.NaN);
                }
                if (Double.isNaN(t.getDouble(f64, slot))) {
                    t.setDouble(f64, slot, Double.NaN);
                }
            }
            UUID session = UUID.randomUUID();
            PostgresRuntime backend = BACKENDS.get(path);
            backend.createSession(session, world);
            backend.persistTick(session, world);
            try (World back = backend.hydrate(session, 2, memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void aGraphWorldOfTwoTablesRoundTrips(String path) {
        try (World world = TestWorlds.graph(memory.root(), 32, 2_000, 4, 1)) {
            UUID session = UUID.randomUUID();
            PostgresRuntime backend = BACKENDS.get(path);
            backend.createSession(session, world);
            backend.persistTick(session, world);
            try (World back = backend.hydrate(session, 1, memory.root())) {
                assertArrayEquals(ContentHash.of(world), ContentHash.of(back));
                assertEquals(8_000, back.table("edges").rowCount());
            }
        }
    }
}
