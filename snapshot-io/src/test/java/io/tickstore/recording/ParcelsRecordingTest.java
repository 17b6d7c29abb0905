package io.tickstore.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.ContentHash;
import io.tickstore.columns.World;
import io.tickstore.columns.sim.SimulationSettings;
import io.tickstore.columns.sim.SimulationSystem;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.examples.parcels.Parcels;
import io.tickstore.snapshot.replay.RunHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parcels example (a column of every kind beyond scalars) through a recording with {@code verifyReplay(true)}: every
 * checkpoint equals its rebuild from the previous one and the log, every tick rebuilds to the live hash, and a run
 * stopped and resumed ends where the uninterrupted one does.
 */
class ParcelsRecordingTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path dir;

    private RecordingBuilder parcels(Path runDir) {
        return Recording.at(runDir).checkpointEvery(10).fsync(false).logBufferRecords(512).verifyReplay(true)
                .simulation(new Parcels(), new SimulationSettings(17, 400));
    }

    private List<String> record(Recording rec, long untilTick) throws IOException {
        List<String> hashes = new ArrayList<>();
        List<SimulationSystem> systems = new Parcels().systems(rec.world());
        while (rec.tick() < untilTick) {
            rec.step(systems);
            hashes.add(ContentHash.hex(rec.world()));
        }
        return hashes;
    }

    @Test
    void everyTickOfTheParcelsRebuildsExactly() throws IOException {
        Path runDir = dir.resolve("parcels");
        List<String> live;
        try (Recording rec = parcels(runDir).createOrResume(memory.root())) {
            live = record(rec, 60);
        }
        try (RunHistory history = RunHistory.open(runDir)) {
            for (int t = 1; t <= 60; t++) {
                try (World world = history.reconstructAt(t, memory.root())) {
                    assertEquals(live.get(t - 1), ContentHash.hex(world), "tick " + t);
                }
            }
        }
    }

    @Test
    void aStoppedRunResumesToTheUninterruptedOne() throws IOException {
        List<String> straight;
        try (Recording rec = parcels(dir.resolve("straight")).createOrResume(memory.root())) {
            straight = record(rec, 45);
        }
        Path runDir = dir.resolve("stopped");
        try (Recording rec = parcels(runDir).createOrResume(memory.root())) {
            record(rec, 23);
        }
        try (Recording rec = parcels(runDir).createOrResume(memory.root())) {
            List<String> rest = record(rec, 45);
            assertEquals(straight.subList(23, 45), rest);
        }
    }
}
