package io.tickstore.jmh;

/**
 * The options every forked benchmark JVM is started with, as compile-time constants so that
 * {@code @Fork(jvmArgsAppend = ...)} can name them.
 *
 * <p>Arrow and Agrona reach into {@code java.nio} and {@code jdk.internal.misc}; the heap is fixed so that the
 * row-object peers (a million objects, several times over) are measured with the same headroom on every host.
 */
public final class BenchmarkJvm {
    public static final String OPEN_NIO = "--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED";
    public static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    public static final String HEAP = "-Xmx4g";

    private BenchmarkJvm() {
    }
}
