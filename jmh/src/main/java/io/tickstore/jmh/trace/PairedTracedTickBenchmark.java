package io.tickstore.jmh.trace;

import io.tickstore.columns.trace.TraceCollector;
import io.tickstore.columns.trace.TraceLevel;
import io.tickstore.columns.trace.TraceRecorder;
import io.tickstore.examples.creatures.CreatureSimulation;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TracedTickBenchmark}'s comparison made robust to a machine whose load drifts: one fork, iterations that
 * alternate between the untraced tick (even iterations) and the tick traced at {@code level} (odd ones), each
 * iteration {@value TracedTickBenchmark#TICKS} ticks from a fresh world of the same seed. Each odd iteration is paired
 * with the even one just before it, seconds apart, so load that changes over minutes falls on both sides of a pair
 * alike. JMH's own score mixes both sides and means nothing here; {@code jmh/trace-overhead.sh} reads the
 * per-iteration times from the JSON result and prints the median ratio of the pairs.
 *
 * <p>On a machine shared with other work, wall time measures the neighbours as much as the tick, so each iteration
 * also records the CPU time the benchmark thread spent in its ticks (from the end of the iteration's setup to the
 * start of its teardown, {@code ThreadMXBean.getCurrentThreadCpuTime}) and, when the system property
 * {@code tickstore.cpuTimes} names a file, appends {@code level sink side nanos} to it; the script reports the
 * ratios of those too. A recorder's writer thread is not the simulation thread, and is not counted: the figure is what
 * tracing costs the tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, batchSize = TracedTickBenchmark.TICKS)
@Measurement(iterations = 40, batchSize = TracedTickBenchmark.TICKS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx4g"})
public class PairedTracedTickBenchmark {
    @Param({"100000"})
    public int creatures;

    @Param({"NONE", "DEBUG"})
    public String level;

    @Param({"none", "discard"})
    public String sink;

    private RootAllocator allocator;
    private TraceRecorder recorder;
    private TracedTickBenchmark.Ticker ticker;
    private final PairedIterations pairs = new PairedIterations();

    @Setup(Level.Trial)
    public void allocator() {
        allocator = new RootAllocator();
    }

    @Setup(Level.Iteration)
    public void freshWorld() {
        boolean traced = pairs.next();
        recorder = traced ? TraceRecorder.create(TraceLevel.parse(level), allocator, sink.equals("discard") ? batch -> { } : null) : null;
        ticker = new TracedTickBenchmark.Ticker(CreatureSimulation.newWorld(allocator, TracedTickBenchmark.SEED, creatures),
                traced ? recorder : TraceCollector.NONE);
        pairs.startClock();
    }

    @Benchmark
    public long tick() {
        return ticker.step();
    }

    @TearDown(Level.Iteration)
    public void closeWorld() throws java.io.IOException {
        pairs.finish(level, sink);
        if (recorder != null) {
            recorder.close();
        }
        ticker.world.close();
    }

    @TearDown(Level.Trial)
    public void free() {
        allocator.close();
    }
}
