package io.tickstore.jmh.recording;

/** The flags every recording benchmark's fork needs (Arrow and Agrona reach into the JDK). */
final class RecordingJvm {
    static final String OPEN_NIO = "--add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED";
    static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    static final String HEAP = "-Xmx4g";

    private RecordingJvm() {
    }
}
