package io.tickstore.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.CodeSource;
import org.junit.jupiter.api.Test;

/**
 * Opening one column must not put SQLite, Arrow vectors, the CLI or JSON on a reader's classpath: the exporters live
 * in export/, the commands in cli/, and the manifest (the only JSON) is never read here. The test JVM's classpath is
 * this module's runtime classpath plus its test dependencies, none of which bring these either; the enforcer's
 * bannedDependencies rule in this module's pom refuses them at build time.
 */
class ReaderClasspathTest {
    private static final ClassLoader LOADER = ReaderClasspathTest.class.getClassLoader();

    @Test
    void noSqlite() {
        assertAbsent("org.sqlite.JDBC", "sqlite-jdbc");
    }

    @Test
    void noArrowVectors() {
        assertAbsent("org.apache.arrow.vector.FieldVector", "arrow-vector");
    }

    @Test
    void noPicocli() {
        assertAbsent("picocli.CommandLine", "picocli");
    }

    @Test
    void noJackson() {
        assertAbsent("com.fasterxml.jackson.databind.ObjectMapper", "jackson-databind");
        assertAbsent("com.fasterxml.jackson.core.JsonFactory", "jackson-core");
    }

    @Test
    void theExporterAndTheCliAreNotHereEither() {
        assertAbsent("io.tickstore.export.ArrowExport", "tickstore-export");
        assertAbsent("io.tickstore.cli.Main", "tickstore-cli");
    }

    /** The loader does see this module's real dependencies, so the absences above say something. */
    @Test
    void whatTheReaderNeedsIsThere() throws ClassNotFoundException {
        for (String name : new String[] {"io.tickstore.snapshot.format.NpyHeader", "io.tickstore.snapshot.format.SnapshotLayout",
                "io.tickstore.snapshot.SnapshotFormatException", "io.tickstore.columns.ColumnType", "org.agrona.IoUtil"}) {
            assertEquals(name, Class.forName(name, false, LOADER).getName());
        }
    }

    private static void assertAbsent(String className, String library) {
        Class<?> found;
        try {
            found = Class.forName(className, false, LOADER);
        } catch (ClassNotFoundException expected) {
            return;
        }
        CodeSource source = found.getProtectionDomain().getCodeSource();
        fail(library + " is on mmap-reader's classpath (" + className + " from "
                + (source == null ? "an unknown place" : source.getLocation()) + "); a reader of one column must not need it");
    }
}
