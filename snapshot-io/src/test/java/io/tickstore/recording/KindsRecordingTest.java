package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnKind;
import io.tickstore.columns.ContentHash;
import io.tickstore.columns.Schema;
import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimRandom;
import io.tickstore.columns.testing.AllKinds;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded world of every kind of column, written at random through the Table API (whole arrays and single
 * elements, new and known categorical strings and codes, text, JSON and lists, births, deaths, a clear), replays
 * exactly: {@code verifyReplay} compares every checkpoint with its rebuild, dictionaries and codes included, and every
 * tick rebuilds to the hash the live world had. A resumed run continues exactly as the uninterrupted one.
 */
class KindsRecordingTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    static final Schema KINDS = AllKinds.schema("kinds");

    static void populate(World world, SimRandom random) {
        Table t = world.createTable(KINDS, 16);
        SplittableRandom r = new SplittableRandom(random.nextLong());
        for (int i = 0; i < 30; i++) {
            long row = t.addRow();
            for (int c = 0; c < KINDS.columnCount(); c++) {
                AllKinds.write(t, c, row, AllKinds.randomValue(r, KINDS.column(c)), r);
            }
        }
    }

    /** One tick: about twenty writes of random kinds, a birth and a death, now and then a clear. */
    static void tick(Recording rec) {
        Table t = rec.world().table("kinds");
        SplittableRandom r = new SplittableRandom(rec.random().nextLong());
        if (r.nextInt(40) == 0) {
            t.clear();
        }
        for (int w = 0; w < 20 && t.rowCount() > 0; w++) {
            long row = r.nextLong(t.rowCount());
            int c = r.nextInt(KINDS.columnCount());
            if (t.columnKind(c) == ColumnKind.CATEGORICAL && r.nextInt(4) == 0) {
                t.setCode(c, row, r.nextInt(t.dictionary(c).size()));
            } else {
                AllKinds.write(t, c, row, AllKinds.randomValue(r, KINDS.column(c)), r);
            }
        }
        if (t.rowCount() > 1) {
            t.removeRow(r.nextLong(t.rowCount()));
        }
        long born = t.addRow();
        int c = r.nextInt(KINDS.columnCount());
        AllKinds.write(t, c, born, AllKinds.randomValue(r, KINDS.column(c)), r);
    }

    private RecordingBuilder builder(Path runDir, long seed) {
        return Recording.at(runDir).checkpointEvery(7).fsync(false).logBufferRecords(64).seed(seed).verifyReplay(true);
    }

    @Test
    void randomWritesOfEveryKindReplayExactly() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            Path runDir = dir.resolve("run-" + seed);
            List<String> live = new ArrayList<>();
            try (Recording rec = builder(runDir, seed).create(memory.root(), KindsRecordingTest::populate)) {
                live.add(ContentHash.hex(rec.world()));
                for (int t = 1; t <= 30; t++) {
                    tick(rec);
                    rec.endTick();
                    live.add(ContentHash.hex(rec.world()));
                }
            }
            try (RunHistory history = RunHistory.open(runDir)) {
                for (int t = 0; t <= 30; t++) {
                    try (World world = history.reconstructAt(t, memory.root())) {
                        assertEquals(live.get(t), ContentHash.hex(world), "seed " + seed + " tick " + t);
                    }
                }
            }
            try (EventLogReader log = EventLogReader.open(EventLogLayout.logDir(runDir))) {
                assertTrue(log.chunks().stream().anyMatch(c -> c.header().version() == 2), "values went to value areas");
                assertTrue(log.codebook().keyNames().contains("kinds.county.$dict"));
                assertTrue(log.codebook().keyNames().contains("kinds.tensor.$element"));
            }
        }
    }

    @Test
    void aResumedRunOfEveryKindContinuesExactly() throws IOException {
        List<String> straight = new ArrayList<>();
        try (Recording rec = builder(dir.resolve("straight"), 9).create(memory.root(), KindsRecordingTest::populate)) {
            for (int t = 1; t <= 25; t++) {
                tick(rec);
                rec.endTick();
                straight.add(ContentHash.hex(rec.world()));
            }
        }
        Path runDir = dir.resolve("resumed");
        try (Recording rec = builder(runDir, 9).create(memory.root(), KindsRecordingTest::populate)) {
            for (int t = 1; t <= 11; t++) {
                tick(rec);
                rec.endTick();
            }
        }
        try (Recording rec = builder(runDir, 9).resume(memory.root())) {
            assertEquals(11, rec.tick());
            for (int t = 12; t <= 25; t++) {
                tick(rec);
                rec.endTick();
                assertEquals(straight.get(t - 1), ContentHash.hex(rec.world()), "tick " + t);
            }
        }
        try (RunHistory history = RunHistory.open(runDir); World rebuilt = history.reconstructAt(23, memory.root())) {
            assertEquals(straight.get(22), ContentHash.hex(rebuilt), "a tick after the resume, rebuilt from its snapshot and log");
        }
    }
}
