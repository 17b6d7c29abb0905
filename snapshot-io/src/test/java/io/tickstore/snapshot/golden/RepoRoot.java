package io.tickstore.snapshot.golden;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's root directory, where {@code data/} lives, from tests and from the generator. */
public final class RepoRoot {
    /** Set by the parent pom's surefire configuration to the multi-module root. */
    public static final String ENV = "TICKSTORE_REPO_ROOT";

    private RepoRoot() {
    }

    /**
     * {@value #ENV} when it names a directory; otherwise the nearest directory at or above the working directory
     * that holds a {@code data/} directory.
     *
     * @throws IllegalStateException when neither finds it
     */
    public static Path locate() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("data"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root: set " + ENV + " or run from inside the repository"
                + " (looked for a data/ directory above " + Path.of("").toAbsolutePath() + ")");
    }
}
