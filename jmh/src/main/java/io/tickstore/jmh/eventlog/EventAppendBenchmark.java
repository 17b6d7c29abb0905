package io.tickstore.jmh.eventlog;

import io.tickstore.snapshot.Durability;
import io.tickstore.snapshot.eventlog.EventLogOptions;
import io.tickstore.snapshot.eventlog.EventLogWriter;
import io.tickstore.snapshot.eventlog.ValueKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What appending one event record costs the simulation thread, with the background writer running: Tickstore's
 * event log beside Chronicle Queue's appender writing the same 28 bytes and java.util.logging writing one formatted
 * line per record, in the same run.
 *
 * <p>One record is a few nanoseconds, below what a timestamp can resolve, so one operation is a batch of
 * {@value #BATCH} records ({@code @OperationsPerInvocation}): JMH's SampleTime samples batches and divides by the
 * batch, so the median and the p99.9 are per record at batch granularity, and a batch that waits for the disk
 * (back-pressure) shows in the tail. Every iteration writes a fresh log (created in {@code @Setup(Level.Iteration)},
 * closed and deleted after it), so files do not grow without bound; nothing is forced to disk ({@code PAGE_CACHE}
 * for Tickstore, Chronicle's default, JUL's FileHandler flushes its stream after every record as it always does).
 *
 * <p>The records: tick = n / 1024, entity = n % 100,000, key = n % 8, value = n * 0.5 for the n-th record. Targets:
 * Tickstore's median at most 10 ns a record, and at most the median of each peer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {EventLogJvm.OPEN_NIO, EventLogJvm.EXPORT_MISC, EventLogJvm.HEAP, EventLogJvm.CQ_NIO_CH,
        EventLogJvm.CQ_REF, EventLogJvm.CQ_SUN_MISC, EventLogJvm.CQ_JAVAC_FILE, EventLogJvm.CQ_JAVAC, EventLogJvm.CQ_LANG,
        EventLogJvm.CQ_REFLECT, EventLogJvm.CQ_IO, EventLogJvm.CQ_UTIL})
public class EventAppendBenchmark {
    /** Records appended per operation. */
    public static final int BATCH = 100;

    private Scratch scratch;
    private RootAllocator allocator;
    private int iteration;
    private long n;

    private EventLogWriter log;
    private int[] keys;
    private SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private Logger logger;
    private FileHandler handler;

    @Setup(Level.Trial)
    public void createScratch() throws IOException {
        scratch = Scratch.create("append");
        allocator = new RootAllocator();
    }

    @Setup(Level.Iteration)
    public void openLogs() throws IOException {
        iteration++;
        Path dir = scratch.resolve("iteration-" + iteration);
        log = EventLogWriter.create(dir.resolve("tickstore"), allocator,
                EventLogOptions.defaults().withDurability(Durability.PAGE_CACHE).withShutdownHook(false));
        keys = new int[8];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = log.key("creatures.column" + k, ValueKind.F64);
        }
        queue = SingleChronicleQueueBuilder.single(dir.resolve("chronicle").toFile()).build();
        appender = queue.createAppender();
        logger = Logger.getLogger("tickstore.jmh.events." + iteration);
        logger.setUseParentHandlers(false);
        handler = new FileHandler(dir.resolve("jul.log").toString(), false);
        handler.setFormatter(new LineFormatter());
        logger.addHandler(handler);
        logger.setLevel(java.util.logging.Level.INFO);
    }

    /** The message alone, one line per record: the least a logging framework can be asked to format. */
    static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long tickstoreEventLog() {
        EventLogWriter w = log;
        long i = n;
        for (int r = 0; r < BATCH; r++, i++) {
            w.append(i >> 10, i % 100_000, keys[(int) (i & 7)], i * 0.5);
        }
        n = i;
        return i;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long chronicleQueueAppender() {
        ExcerptAppender a = appender;
        long i = n;
        for (int r = 0; r < BATCH; r++, i++) {
            try (DocumentContext dc = a.writingDocument()) {
                Bytes<?> bytes = dc.wire().bytes();
                bytes.writeLong(i >> 10).writeLong(i % 100_000).writeInt((int) (i & 7)).writeDouble(i * 0.5);
            }
        }
        n = i;
        return i;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long javaUtilLogging() {
        Logger l = logger;
        long i = n;
        for (int r = 0; r < BATCH; r++, i++) {
            l.info("tick " + (i >> 10) + " entity " + (i % 100_000) + " key " + (i & 7) + " value " + (i * 0.5));
        }
        n = i;
        return i;
    }

    @TearDown(Level.Iteration)
    public void closeLogs() throws IOException {
        log.close();
        appender.close();
        queue.close();
        logger.removeHandler(handler);
        handler.close();
        Scratch.delete(scratch.resolve("iteration-" + iteration));
    }

    @TearDown(Level.Trial)
    public void deleteScratch() throws IOException {
        allocator.close();
        scratch.close();
    }
}
