package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickstore.snapshot.eventlog.ChunkInfo;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose event log is damaged, not torn: one byte flipped in a chunk with valid chunks after it. Every command
 * that reads the log says so, naming the segment, the chunk and the offset, and points to {@code salvage}; none of
 * them changes a file. {@code salvage} cuts the log there, keeping what it removes, and the run resumes to the
 * clean run's world. A torn tail stays what a crash leaves: a warning for {@code verify}. And a tick with a snapshot
 * of its own replays even when the log holds no complete chunk.
 */
class CliLogDamageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 5;
    private static final int ENTITIES = 2_000;
    private static final int TICKS = 60;

    @TempDir
    static Path store;

    static List<String> live;

    @BeforeAll
    static void liveWorld() {
        live = LiveRuns.hashes(SEED, ENTITIES, TICKS);
    }

    private static Path newRun(String name) {
        CliRunner.Result made = CliRunner.run("run", "--store", store.toString(), "--run", name, "--entities",
                Integer.toString(ENTITIES), "--ticks", Integer.toString(TICKS), "--checkpoint-every", "20", "--seed",
                Long.toString(SEED), "--no-fsync", "--log-buffer-records", "1024");
        assertEquals(0, made.exitCode(), made::toString);
        return store.resolve(name);
    }

    private static List<ChunkInfo> chunks(Path runDir) throws IOException {
        try (EventLogReader log = EventLogReader.open(EventLogLayout.logDir(runDir))) {
            return log.chunks();
        }
    }

    @Test
    void aDamagedChunkIsReportedByEveryReaderChangesNothingAndSalvageLetsTheRunResume() throws IOException {
        Path runDir = newRun("damaged");
        List<ChunkInfo> chunks = chunks(runDir);
        ChunkInfo victim = chunks.stream().filter(c -> c.header().firstTick() >= 30).findFirst().orElseThrow();
        assertTrue(victim.sequence() < chunks.size() - 4, "valid chunks follow the damaged one in the same segment");
        assertEquals(victim.segment(), chunks.get(chunks.size() - 1).segment());
        flipByte(victim.segment(), victim.payloadOffset() + 100);
        Map<String, byte[]> before = contents(runDir);
        String where = "where chunk " + victim.sequence() + " belongs, not a torn tail";
        String fix = "./tickstore salvage " + runDir;

        CliRunner.Result verify = CliRunner.run("verify", runDir.toString());
        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.err().contains(victim.segment().toString()) && verify.err().contains(where)
                && verify.err().contains("at offset " + victim.offset()) && verify.err().contains(fix), verify::toString);
        assertEquals(1, verify.err().strip().split("\n").length, verify::toString);
        JsonNode verifyJson = JSON.readTree(CliRunner.run("verify", runDir.toString(), "--json").out());
        assertEquals(1, verifyJson.get("logs").asInt());
        assertEquals(victim.segment().toString(), verifyJson.get("problems").get(0).get("file").asText());

        for (String[] reader : new String[][] {{"replay", runDir.toString(), "--tick", "47"},
                {"log", runDir.toString(), "--from", "0", "--to", "60"},
                {"run", "--store", store.toString(), "--run", "damaged", "--resume"}}) {
            CliRunner.Result refused = CliRunner.run(reader);
            assertEquals(1, refused.exitCode(), refused::toString);
            assertEquals(1, refused.err().strip().split("\n").length, "one line: " + refused.err());
            assertTrue(refused.err().startsWith("tickstore: " + victim.segment()), refused::toString);
            assertTrue(refused.err().contains(where) && refused.err().contains("offset " + victim.offset())
                    && refused.err().contains(fix), refused::toString);
        }
        assertContentsEqual(before, contents(runDir));

        CliRunner.Result salvage = CliRunner.run("salvage", runDir.toString(), "--json");
        assertEquals(0, salvage.exitCode(), salvage::toString);
        JsonNode cut = JSON.readTree(salvage.out()).get("cut");
        assertEquals(victim.sequence(), cut.get("sequence").asLong());
        assertEquals(victim.offset(), cut.get("offset").asLong());
        long after = chunks.stream().filter(c -> c.sequence() > victim.sequence()).mapToLong(ChunkInfo::records).sum();
        assertEquals(after, cut.get("recordsRemoved").asLong(), "every record of the intact chunks after the damage");
        assertEquals(victim.records(), cut.get("damagedChunkRecords").asLong());
        Path salvaged = Path.of(cut.get("salvagedTo").asText());
        assertTrue(Files.isRegularFile(salvaged.resolve("salvage.json")));
        assertArrayEquals(before.get(runDir.relativize(victim.segment()).toString()),
                Files.readAllBytes(salvaged.resolve(victim.segment().getFileName())), "the damaged segment, kept whole");

        CliRunner.Result clean = CliRunner.run("verify", runDir.toString());
        assertEquals(0, clean.exitCode(), clean::toString);
        CliRunner.Result resumed = CliRunner.run("run", "--store", store.toString(), "--run", "damaged", "--resume", "--json");
        assertEquals(0, resumed.exitCode(), resumed::toString);
        JsonNode doc = JSON.readTree(resumed.out());
        assertEquals(TICKS, doc.get("finalTick").asLong());
        assertEquals(live.get(TICKS), doc.get("worldHash").asText(), "the salvaged run ends as the clean run");
        CliRunner.Result replay = CliRunner.run("replay", runDir.toString(), "--tick", "47", "--json");
        assertEquals(0, replay.exitCode(), replay::toString);
        assertEquals(live.get(47), JSON.readTree(replay.out()).get("worldHash").asText());
    }

    @Test
    void salvageOfAnUndamagedLogChangesNothing() throws IOException {
        Path runDir = newRun("undamaged");
        Map<String, byte[]> before = contents(runDir);
        CliRunner.Result salvage = CliRunner.run("salvage", runDir.toString());
        assertEquals(0, salvage.exitCode(), salvage::toString);
        assertTrue(salvage.out().startsWith("nothing to salvage: event log " + EventLogLayout.logDir(runDir) + " is not damaged"),
                salvage::toString);
        assertContentsEqual(before, contents(runDir));
    }

    @Test
    void aTornTailIsAWarningForVerifyNotAFailure() throws IOException {
        Path runDir = newRun("torn");
        List<ChunkInfo> chunks = chunks(runDir);
        ChunkInfo last = chunks.get(chunks.size() - 1);
        try (FileChannel channel = FileChannel.open(last.segment(), StandardOpenOption.WRITE)) {
            channel.truncate(last.end() - 30);
        }
        Map<String, byte[]> before = contents(runDir);
        CliRunner.Result verify = CliRunner.run("verify", runDir.toString());
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.err().startsWith("tickstore: warning: " + last.segment() + ": ends with an incomplete chunk"),
                verify::toString);
        assertTrue(verify.out().contains("all checksums hold"), verify::toString);
        JsonNode json = JSON.readTree(CliRunner.run("verify", runDir.toString(), "--json").out());
        assertTrue(json.get("ok").asBoolean());
        assertTrue(json.get("warnings").get(0).asText().contains("incomplete chunk of " + (last.header().chunkBytes() - 30) + " bytes"),
                json::toString);
        assertContentsEqual(before, contents(runDir));
    }

    @Test
    void replayOfTickZeroNeedsOnlyItsSnapshotWhenTheLogHoldsNoCompleteChunk() throws IOException {
        Path runDir = newRun("no-chunk");
        List<Path> segments;
        try (Stream<Path> files = Files.list(EventLogLayout.logDir(runDir))) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(EventLogLayout.SEGMENT_SUFFIX)).sorted().toList();
        }
        for (Path later : segments.subList(1, segments.size())) {
            Files.delete(later);
        }
        // what a kill before the first chunk was written whole leaves: a torn chunk and nothing else
        try (FileChannel channel = FileChannel.open(segments.get(0), StandardOpenOption.WRITE)) {
            channel.truncate(100);
        }
        Map<String, byte[]> before = contents(runDir);
        CliRunner.Result replay = CliRunner.run("replay", runDir.toString(), "--tick", "0", "--json");
        assertEquals(0, replay.exitCode(), replay::toString);
        JsonNode doc = JSON.readTree(replay.out());
        assertEquals(live.get(0), doc.get("worldHash").asText());
        assertEquals(-1, doc.get("lastCompleteTick").asLong());
        assertEquals(0, doc.get("recordsRead").asLong());
        assertContentsEqual(before, contents(runDir));
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            channel.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x01)).rewind();
            channel.write(b, offset);
        }
    }

    /** Every file under a run (relative path to bytes): what "nothing on disk changed" compares. */
    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private static void assertContentsEqual(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        // writer.lock names the process that last took the run's lock (a refused resume took it before it read the log)
        before.forEach((name, bytes) -> assertTrue(name.endsWith("writer.lock") || Arrays.equals(bytes, after.get(name)),
                name + " changed"));
    }
}
