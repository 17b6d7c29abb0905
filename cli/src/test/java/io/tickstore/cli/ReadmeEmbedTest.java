package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.backends.Backends;
import io.tickstore.backends.Journal;
import io.tickstore.backends.RuntimePersistence;
import io.tickstore.recording.Recording;
import io.tickstore.recording.RunSettings;
import io.tickstore.recording.RunStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embed it" program, taken from the README itself, compiled and run twice in a fresh directory: the
 * first run creates and records 50 ticks, the second resumes and records 50 more, all journaled into SQLite. So the
 * snippet a new user copies cannot rot, and stays under 25 lines of code.
 */
class ReadmeEmbedTest {
    @TempDir
    Path dir;

    @Test
    void theEmbedProgramCompilesRunsAndResumes() throws Exception {
        String source = embedSnippet();
        long code = source.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("import ") && !l.equals("}") && !l.equals("})) {")).count();
        assertTrue(code <= 25, "the embed program has " + code + " lines of code; the README promises under 25");
        Path src = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(src.resolve("Herd.java"), source, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp", ChildJvm.testClassPath(),
                src.resolve("Herd.java").toString());
        assertEquals(0, compiled, "the README's program compiles");
        Path work = Files.createDirectories(dir.resolve("work"));
        run(work, classes);
        Path runDir = work.resolve("runs/herd");
        assertEquals(50, Recording.readSettings(runDir).status() == RunStatus.STOPPED ? lastTick(runDir) : -1);
        run(work, classes);
        RunSettings settings = Recording.readSettings(runDir);
        assertEquals(RunStatus.STOPPED, settings.status());
        assertEquals(100, lastTick(runDir), "the second run resumed at 50 and recorded 50 more");
        UUID session = UUID.fromString(settings.attribute(Journal.SESSION_ATTRIBUTE).orElseThrow());
        try (RuntimePersistence journal = Backends.open("sqlite:" + work.resolve("runs/herd.sqlite"))) {
            List<Long> expected = new ArrayList<>();
            for (long t = 0; t <= 100; t += 10) {
                expected.add(t);
            }
            assertEquals(expected, journal.ticks(session), "one session, every checkpoint, across both runs");
        }
    }

    private static long lastTick(Path runDir) throws IOException {
        try (var history = io.tickstore.snapshot.replay.RunHistory.open(runDir)) {
            return history.lastCompleteTick();
        }
    }

    private void run(Path work, Path classes) throws Exception {
        Path out = dir.resolve("herd.out");
        Process p = ChildJvm.start(out, work, "Herd", List.of(classes));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the program ends");
        assertEquals(0, p.exitValue(), Files.readString(out));
    }

    /** The first java block after the "## Embed it" heading of the repository's README. */
    static String embedSnippet() throws IOException {
        Path readme = Path.of("").toAbsolutePath();
        while (readme != null && !Files.exists(readme.resolve("README.md").resolveSibling("pom.xml"))
                || readme != null && !Files.readString(readme.resolve("README.md")).contains("## Embed it")) {
            readme = readme.getParent();
        }
        String text = Files.readString(readme.resolve("README.md"));
        String section = text.substring(text.indexOf("## Embed it"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertTrue(m.find(), "the Embed it section has a java block");
        return m.group(1);
    }
}
