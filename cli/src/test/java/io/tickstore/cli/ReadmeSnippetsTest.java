package io.tickstore.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in every README compiles against the code as it is, so the documentation cannot drift from the
 * API. A snippet that declares a class is compiled as a file of its own; any other is the body of a method of a class
 * that has, as fields, the things the READMEs' prose sets up around their snippets ({@code allocator}, {@code world},
 * {@code runDir}, ...), so a snippet that declares its own shadows them. A {@code ...} standing for code the reader
 * fills in (an empty block, a lambda's body, a line) is removed first; one in a string or a comment stays.
 * (The README's "Embed it" program is also run, by {@link ReadmeEmbedTest}.)
 */
class ReadmeSnippetsTest {
    @TempDir
    Path dir;

    static final String IMPORTS = String.join("\n",
            "import io.tickstore.backends.*;", "import io.tickstore.columns.*;", "import io.tickstore.columns.sim.*;",
            "import io.tickstore.examples.creatures.*;", "import io.tickstore.examples.orchard.*;", "import io.tickstore.export.*;",
            "import io.tickstore.mmap.*;", "import io.tickstore.recording.*;", "import io.tickstore.snapshot.*;",
            "import io.tickstore.snapshot.checkpoint.*;", "import io.tickstore.snapshot.format.*;", "import io.tickstore.snapshot.eventlog.*;",
            "import io.tickstore.snapshot.migrate.*;", "import io.tickstore.snapshot.replay.*;", "import io.tickstore.snapshot.store.*;",
            "import io.tickstore.snapshot.verify.*;", "import java.nio.*;", "import java.nio.file.*;", "import java.util.*;",
            "import org.apache.arrow.memory.*;", "import org.apache.arrow.vector.*;", "import io.tickstore.columns.testing.*;",
            "import org.junit.jupiter.api.*;", "import org.junit.jupiter.api.extension.*;", "") + "\n";

    /** What the READMEs' prose sets up around their snippets. */
    static final String CONTEXT = String.join("\n",
            "    BufferAllocator allocator; World world; Table table; Schema schema; Schema creaturesV2; Path runDir; Path dir;",
            "    long tick; long creatureId; int entities; Recording rec; RecordingObserver journal; RecordingBuilder.WorldInit init;",
            "    float[] xs; ByteBuffer littleEndianBytes; ByteBuffer into; java.io.OutputStream out; EventLogWriter log;",
            "    Schema particles; Table loadedTable; SimRandom random; Path run;",
            "    Progress bar; interface Progress { void update(long done, long total); }",
            "    io.tickstore.columns.testing.LeakCheckingAllocator memory;", "");

    @Test
    void everyJavaSnippetInEveryReadmeCompiles() throws IOException {
        Path root = repositoryRoot();
        Path src = Files.createDirectories(dir.resolve("src"));
        List<Path> files = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        try (Stream<Path> readmes = Files.walk(root, 2)) {
            for (Path readme : (Iterable<Path>) readmes.filter(p -> p.getFileName().toString().equals("README.md"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/")).sorted()::iterator) {
                Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
                for (int block = 0; m.find(); block++) {
                    String name = "Snippet_" + root.relativize(readme).toString().replaceAll("[^A-Za-z0-9]", "_") + "_" + block;
                    String code = withoutEllipses(m.group(1));
                    Path file;
                    if (Pattern.compile("(?m)^(public )?(final )?(class|interface|record) ").matcher(code).find()) {
                        Matcher type = Pattern.compile("(?m)^(?:public )?(?:final )?(?:class|interface|record) (\\w+)").matcher(code);
                        type.find();
                        Path pkg = Files.createDirectories(src.resolve(name));
                        file = pkg.resolve(type.group(1) + ".java");
                        Files.writeString(file, "package " + name + ";\n" + (code.contains("import ") ? "" : IMPORTS) + code,
                                StandardCharsets.UTF_8);
                    } else {
                        // a snippet's own imports go to the top of the file, its statements into the method
                        StringBuilder imports = new StringBuilder();
                        StringBuilder body = new StringBuilder();
                        for (String line : code.split("\n")) {
                            (line.startsWith("import ") ? imports : body).append(line).append('\n');
                        }
                        file = src.resolve(name + ".java");
                        Files.writeString(file, imports + IMPORTS + "@SuppressWarnings(\"all\") abstract class " + name + " {\n"
                                + CONTEXT + "    void run() throws Exception {\n" + body + "\n    }\n}\n", StandardCharsets.UTF_8);
                    }
                    files.add(file);
                    origins.add(root.relativize(readme) + " java block " + (block + 1));
                }
            }
        }
        assertTrue(files.size() >= 20, "found " + files.size() + " snippets");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        List<String> options = List.of("-d", Files.createDirectories(dir.resolve("classes")).toString(), "-cp",
                ChildJvm.testClassPath(), "-proc:none", "-Xmaxerrs", "1000");
        boolean ok = javac.getTask(errors, null, null, options, null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromPaths(files)).call();
        assertTrue(ok, "README snippets that do not compile (" + String.join("; ", origins) + "):\n" + errors);
    }

    /** Removes the {@code ...} that stand for code (not those in strings or comments). */
    static String withoutEllipses(String code) {
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            int comment = codeEnd(line);
            String body = line.substring(0, comment);
            String rest = line.substring(comment);
            if (!inString(body)) {
                body = body.replace("{ ... }", "{ }").replace("-> ...", "-> { }").replace("(...)", "()");
                if (body.strip().equals("...")) {
                    body = "";
                }
            }
            out.append(body).append(rest).append('\n');
        }
        return out.toString();
    }

    /** Where a line's code ends: at a {@code //} outside a string literal. */
    private static int codeEnd(String line) {
        boolean string = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                string = !string;
            } else if (!string && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return i;
            }
        }
        return line.length();
    }

    private static boolean inString(String code) {
        int quote = code.indexOf('"');
        int dots = code.indexOf("...");
        return quote >= 0 && quote < dots && code.indexOf('"', quote + 1) > dots;
    }

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("snapshot-io")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
