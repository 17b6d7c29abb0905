package io.tickstore.jmh.eventlog;

/**
 * The JVM options of the event log benchmarks' forks, as compile-time constants for {@code @Fork(jvmArgsAppend)}:
 * Arrow's and Agrona's (as every Tickstore benchmark), plus those Chronicle Queue documents for Java 17 and later
 * (it reaches into {@code sun.nio.ch}, {@code jdk.internal.ref}, {@code sun.misc} and opens {@code java.lang},
 * {@code java.lang.reflect}, {@code java.io}, {@code java.util} and the compiler for its generated code).
 */
final class EventLogJvm {
    static final String OPEN_NIO = "--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED";
    static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    static final String HEAP = "-Xmx4g";
    static final String CQ_NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String CQ_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    static final String CQ_SUN_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    static final String CQ_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    static final String CQ_JAVAC = "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED";
    static final String CQ_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String CQ_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String CQ_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    static final String CQ_UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";

    /** Where benchmarks write; the same property the other Tickstore benchmarks read. */
    static final String BASE_DIR_PROP = "tickstore.jmh.dir";

    private EventLogJvm() {
    }
}
