package io.tickstore.snapshot.store;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-writer-per-run rule, enforced by the operating system: an exclusive lock on {@code RUN/writer.lock}
 * held for as long as anything writes the run (recording, resuming, salvaging a log).
 *
 * <pre>
 * RUN/writer.lock     pid=4242 host=sim-07 since=2026-11-28T17:03:11Z      (a hint for messages; the lock is what counts)
 * </pre>
 *
 * <h2>Why an OS lock</h2>
 * The kernel releases it when the holder dies, kill -9 included, so a crashed writer never leaves a stale lock
 * that a person has to delete; and it is taken before anything is read for recovery, so two resumes of one run
 * can never both cut its log. The file's text (pid, host, start time) is only for the message the second
 * writer gets; it is rewritten by each holder and means nothing once the lock is free.
 *
 * <p>POSIX record locks belong to the process, so the operating system would let a second writer in the same
 * JVM through; Java keeps a table of the locks the JVM holds, by file, and refuses an overlapping one with
 * {@link OverlappingFileLockException}, which becomes the same message.
 *
 * <p>The same POSIX rule makes a probe dangerous: closing <em>any</em> descriptor of the lock file releases every lock
 * the process holds on it, so {@link #isHeld} opening and closing the file inside the writer's JVM would silently
 * free the writer's lock. The locks this JVM holds are kept by file identity (device and inode, which the rename of
 * a new run keeps), and {@link #isHeld} answers for them without opening the file.
 *
 * <p>Readers take no lock: the writer never changes a published file in place (snapshots appear by rename,
 * log recovery replaces a segment by rename), so a reader needs no protection from it, and a reader can never
 * delay a writer.
 *
 * <p>Closing releases the lock; it is idempotent. The file itself stays: deleting it would let a third
 * process lock a new file while a second still waits on the old one.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "writer.lock";

    // the identities of the lock files this JVM holds locked, so isHeld never opens (and, closing, unlocks) one
    private static final Set<Object> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object identity;
    private boolean closed;

    private RunLock(Path file, FileChannel channel, FileLock lock, Object identity) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.identity = identity;
    }

    /**
     * Takes the writer lock of the run in {@code runDir} (an existing directory), or throws
     * {@link Problem#RUN_LOCKED} naming the run and the holder's pid when another writer has it.
     */
    public static RunLock acquire(Path runDir) throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new NoSuchFileException(runDir.toString(), null, "no run directory to lock");
        }
        Path file = runDir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw locked(runDir, "this process (a second recording or resume of the same run in one JVM)");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = describeHolder(channel);
            channel.close();
            throw locked(runDir, holder);
        }
        Object identity;
        try {
            writeHolder(channel);
            identity = identity(file);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
        if (identity != null) {
            HELD_HERE.add(identity);
        }
        return new RunLock(file, channel, lock, identity);
    }

    /**
     * Whether a writer holds the run now, without taking the lock and without creating anything: for status
     * reports ({@code inspect} says "running" or "crashed"). Empty when the run has never had a writer lock.
     */
    public static Optional<Boolean> isHeld(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Object identity = identity(file);
            if (identity != null && HELD_HERE.contains(identity)) {
                // held by this JVM: opening the file to probe it would release the lock when the probe closes
                return Optional.of(true);
            }
            // a shared lock needs only read access, so this works on a store the caller may not write
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                FileLock probe = channel.tryLock(0, Long.MAX_VALUE, true);
                if (probe == null) {
                    return Optional.of(true);
                }
                probe.release();
                return Optional.of(false);
            }
        } catch (OverlappingFileLockException e) {
            return Optional.of(true);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static TickstoreException locked(Path runDir, String holder) {
        Path name = runDir.toAbsolutePath().normalize().getFileName();
        return new TickstoreException(Problem.RUN_LOCKED, runDir + ": run '" + name + "' is being written by " + holder
                + "; one writer per run: wait for it to finish, or stop it (a killed writer releases the run at once)");
    }

    private static String describeHolder(FileChannel channel) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(512);
            channel.read(bytes, 0);
            String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).trim();
            String pid = field(text, "pid");
            if (pid == null) {
                return "another process";
            }
            String host = field(text, "host");
            String since = field(text, "since");
            return "pid " + pid + (host == null ? "" : " on " + host) + (since == null ? "" : " (since " + since + ")");
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String field(String text, String name) {
        for (String part : text.split("\\s+")) {
            if (part.startsWith(name + "=") && part.length() > name.length() + 1) {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void writeHolder(FileChannel channel) throws IOException {
        String host = hostName();
        String text = "pid=" + ProcessHandle.current().pid() + " host=" + host.replaceAll("\\s", "_") + " since="
                + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " jvm="
                + ManagementFactory.getRuntimeMXBean().getName().replaceAll("\\s", "_") + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        channel.truncate(0);
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
    }

    /** The host's name without a DNS lookup (which can hang on a machine without network): /etc/hostname, else $HOSTNAME. */
    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or unreadable: fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "unknown" : env.trim();
    }

    /** The file's device and inode (null where the file system has no such key). */
    private static Object identity(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock; idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel.isOpen()) {
                lock.release();
            }
        } finally {
            try {
                channel.close();
            } finally {
                // only once the lock is gone: until then a probe here must still be answered without opening the file
                if (identity != null) {
                    HELD_HERE.remove(identity);
                }
            }
        }
    }
}
