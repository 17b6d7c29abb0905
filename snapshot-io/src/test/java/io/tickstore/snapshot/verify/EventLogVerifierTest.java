package io.tickstore.snapshot.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.SampleWorlds;
import io.tickstore.snapshot.SnapshotWriter;
import io.tickstore.snapshot.eventlog.EventLogLayout;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.ValueKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifying a run checks its event log too: codebook, append counter, every chunk. A torn tail is a warning (a
 * crash leaves one and the log survives it); damage fails, naming the segment, chunk and offset.
 */
class EventLogVerifierTest {
    private static final long CHUNK_BYTES = 80 + 16 * 28 + 16;

    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path store;

    /** A run with one snapshot and a log of ten chunks of 16 records. */
    private Path run(String name) throws IOException {
        Path runDir = store.resolve(name);
        try (World world = SampleWorlds.creatures(memory.root(), 7, 50, 1)) {
            SnapshotWriter.write(world, runDir, SnapshotVerifierTest.FAST);
        }
        EventLogOptions options = EventLogOptions.defaults().withBufferRecords(16).withDurability(Durability.PAGE_CACHE)
                .withShutdownHook(false);
        try (EventLogWriter log = EventLogWriter.create(EventLogLayout.logDir(runDir), memory.root(), options)) {
            int key = log.key("k", ValueKind.F64);
            for (int i = 0; i < 160; i++) {
                log.append(i / 10, i % 7, key, i);
            }
        }
        return runDir;
    }

    private static Path segment(Path runDir) {
        return EventLogLayout.segment(EventLogLayout.logDir(runDir), 0);
    }

    @Test
    void aHealthyLogVerifiesCodebookCounterAndSegment() throws IOException {
        Path runDir = run("healthy");
        List<LogVerifyReport> reports = EventLogVerifier.verifyAll(runDir);
        assertEquals(1, reports.size());
        LogVerifyReport report = reports.get(0);
        assertTrue(report.ok(), report.summary());
        assertEquals(3, report.checks().size(), report.checks().toString());
        assertEquals(10, report.chunks());
        assertEquals(160, report.records());
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());
        assertEquals("OK " + EventLogLayout.logDir(runDir) + " (10 chunks, 160 records)", report.summary());
    }

    @Test
    void aTornTailIsAWarningNotAFailure() throws IOException {
        Path runDir = run("torn");
        try (FileChannel channel = FileChannel.open(segment(runDir), StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 20);
        }
        LogVerifyReport report = EventLogVerifier.verify(EventLogLayout.logDir(runDir));
        assertTrue(report.ok(), report.summary());
        assertEquals(9, report.chunks());
        assertEquals(2, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).startsWith(segment(runDir) + ": ends with an incomplete chunk of "
                + (CHUNK_BYTES - 20) + " bytes at offset " + 9 * CHUNK_BYTES), report.warnings().get(0));
        assertTrue(report.warnings().get(1).contains("16 records were appended but are in no complete chunk"),
                report.warnings().get(1));
    }

    @Test
    void aDamagedChunkFailsNamingSegmentChunkAndOffset() throws IOException {
        Path runDir = run("damaged");
        try (FileChannel channel = FileChannel.open(segment(runDir), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x55}), 4 * CHUNK_BYTES + 200);
        }
        LogVerifyReport report = EventLogVerifier.verify(EventLogLayout.logDir(runDir));
        assertFalse(report.ok());
        FileCheck bad = report.firstBad().orElseThrow();
        assertEquals(segment(runDir), bad.path());
        assertEquals(CheckStatus.MISMATCH, bad.status());
        assertTrue(bad.detail().contains("chunk 4 at offset " + 4 * CHUNK_BYTES + " fails its CRC32C"), bad.detail());
        assertTrue(bad.detail().contains("not a torn tail"), bad.detail());
        assertTrue(report.summary().startsWith("FAILED " + EventLogLayout.logDir(runDir)), report.summary());
    }

    @Test
    void aDamagedCodebookOrCounterFails() throws IOException {
        Path codebookRun = run("codebook");
        Path codebook = EventLogLayout.codebook(EventLogLayout.logDir(codebookRun));
        Files.writeString(codebook, Files.readString(codebook).replace("\"k\"", "\"q\""));
        FileCheck bad = EventLogVerifier.verify(EventLogLayout.logDir(codebookRun)).firstBad().orElseThrow();
        assertEquals(codebook, bad.path());
        assertEquals(CheckStatus.MISMATCH, bad.status());

        Path counterRun = run("counter");
        Path counter = EventLogLayout.counter(EventLogLayout.logDir(counterRun));
        Files.write(counter, new byte[10]);
        bad = EventLogVerifier.verify(EventLogLayout.logDir(counterRun)).firstBad().orElseThrow();
        assertEquals(counter, bad.path());
        assertEquals(CheckStatus.BAD_HEADER, bad.status());
    }

    @Test
    void aStoreHasEveryRunsLogVerifiedAndASnapshotHasNone() throws IOException {
        Path first = run("a");
        run("b");
        List<LogVerifyReport> reports = EventLogVerifier.verifyAll(store);
        assertEquals(2, reports.size());
        assertTrue(reports.stream().allMatch(LogVerifyReport::ok));
        try (var snapshots = Files.list(first)) {
            Path snapshot = snapshots.filter(p -> p.getFileName().toString().startsWith("tick-")).findFirst().orElseThrow();
            assertTrue(EventLogVerifier.verifyAll(snapshot).isEmpty());
        }
    }
}
