package io.tickstore.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a class of the test classpath in a separate JVM with the flags Arrow and Agrona need, its output going to
 * files (a full pipe would stall it). For tests that kill a process or watch it exit.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    static Process start(Path outFile, Class<?> main, String... args) throws IOException {
        return start(outFile, null, main.getName(), List.of(), args);
    }

    /**
     * Starts {@code mainClass} with {@code extraClassPath} before the test class path, in {@code workingDir} (the test's
     * when null).
     */
    static Process start(Path outFile, Path workingDir, String mainClass, List<Path> extraClassPath, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        StringBuilder classPath = new StringBuilder();
        for (Path extra : extraClassPath) {
            classPath.append(extra.toAbsolutePath()).append(java.io.File.pathSeparator);
        }
        classPath.append(testClassPath());
        command.add(classPath.toString());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outFile.toFile());
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        return builder.start();
    }

    /** The class path the tests run with: every module's classes and every dependency. */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
