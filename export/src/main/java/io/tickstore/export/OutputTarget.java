package io.tickstore.export;

import io.tickstore.snapshot.internal.AtomicFiles;
import io.tickstore.snapshot.internal.FileErrors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file an export writes, and how: decided once, from what is at the path, so that nothing but a regular
 * file is ever replaced.
 *
 * <table>
 *   <caption>What is at the path, and what happens</caption>
 *   <tr><td>nothing, or a regular file</td><td>written under a temporary name in the same directory, renamed over
 *       the path when complete: a reader sees the old file or the whole new one, and a failure leaves no partial
 *       file</td></tr>
 *   <tr><td>a FIFO or a character device ({@code /dev/null}, a terminal)</td><td>written directly, as a stream;
 *       nothing is renamed, so it stays what it was ({@code /dev/full} gives "no space left on device")</td></tr>
 *   <tr><td>a symbolic link to a FIFO or a character device ({@code /dev/stdout}, {@code /dev/fd/N})</td>
 *       <td>written through, as a stream</td></tr>
 *   <tr><td>any other symbolic link</td><td>refused, naming what it points to: renaming over it would replace the
 *       link, and writing through it would change a file the user did not name</td></tr>
 *   <tr><td>a directory, a block device, a socket</td><td>refused</td></tr>
 * </table>
 *
 * A format that needs a real file (SQLite opens its file by name and seeks in it) refuses a stream
 * ({@link #writeFile}). What went into a stream cannot be taken back: a failure part-way leaves the reader at the
 * other end with what was written so far. A failed write is a {@link FileSystemException} naming the path ("/dev/full: no space left
 * on device"). The process's standard output is a target too ({@link #standardOutput}, {@code --out -}), written as a
 * stream. One target takes one write.
 */
public final class OutputTarget {
    /** What a path is, as far as writing to it goes. */
    enum FileKind {
        MISSING("nothing"), REGULAR_FILE("a regular file"), DIRECTORY("a directory"), SYMBOLIC_LINK("a symbolic link"),
        FIFO("a FIFO"), CHARACTER_DEVICE("a character device"), BLOCK_DEVICE("a block device"), SOCKET("a socket"),
        STANDARD_OUTPUT("standard output"), OTHER("not a regular file");

        private final String words;

        FileKind(String words) {
            this.words = words;
        }

        boolean isStream() {
            return this == FIFO || this == CHARACTER_DEVICE || this == STANDARD_OUTPUT;
        }

        /** The file type bits of the mode ({@code S_IFMT}), where the platform has them. */
        static FileKind of(Path path, LinkOption... options) throws IOException {
            if (!Files.exists(path, options)) {
                return MISSING;
            }
            if (Files.isSymbolicLink(path) && options.length > 0) {
                return SYMBOLIC_LINK;
            }
            if (Files.isRegularFile(path, options)) {
                return REGULAR_FILE;
            }
            if (Files.isDirectory(path, options)) {
                return DIRECTORY;
            }
            int mode;
            try {
                mode = (Integer) Files.getAttribute(path, "unix:mode", options);
            } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
                return OTHER;
            }
            switch (mode & 0170000) {
                case 0010000: return FIFO;
                case 0020000: return CHARACTER_DEVICE;
                case 0060000: return BLOCK_DEVICE;
                case 0140000: return SOCKET;
                default: return OTHER;
            }
        }
    }

    /** Writes to a channel; returns what the caller wants back (a count). */
    @FunctionalInterface
    public interface ChannelWork<T> {
        T writeTo(WritableByteChannel out) throws IOException;
    }

    /** Writes text; returns what the caller wants back (a count). */
    @FunctionalInterface
    public interface TextWork<T> {
        T writeTo(Writer out) throws IOException;
    }

    /** Creates and fills a new file at the given path; returns what the caller wants back (a count). */
    @FunctionalInterface
    public interface FileWork<T> {
        T writeTo(Path newFile) throws IOException;
    }

    /** The name standard output goes by, as a path ({@code --out -}). */
    public static final String STANDARD_OUTPUT_NAME = "-";

    private final Path path;
    private final FileKind kind;
    /** Where a target that is the process's standard output writes; null for every target that is a path. */
    private final OutputStream stream;
    private boolean used;
    private long bytesWritten;

    private OutputTarget(Path path, FileKind kind) {
        this(path, kind, null);
    }

    private OutputTarget(Path path, FileKind kind, OutputStream stream) {
        this.path = path;
        this.kind = kind;
        this.stream = stream;
    }

    /**
     * Standard output ({@code out}, usually {@code System.out}), written as a stream: flushed when the write ends, never
     * closed. Its {@link #path()} is {@value #STANDARD_OUTPUT_NAME}.
     */
    public static OutputTarget standardOutput(OutputStream out) {
        return new OutputTarget(Path.of(STANDARD_OUTPUT_NAME), FileKind.STANDARD_OUTPUT, java.util.Objects.requireNonNull(out, "out"));
    }

    /**
     * Looks at {@code path} and decides how to write it (see the class comment).
     *
     * @throws FileSystemException naming the path, saying why it is refused; {@link NoSuchFileException} or
     *         {@link NotDirectoryException} naming the directory it would go in when that is missing
     */
    public static OutputTarget of(Path path) throws IOException {
        FileKind kind = FileKind.of(path, LinkOption.NOFOLLOW_LINKS);
        switch (kind) {
            case MISSING:
                requireDirectoryFor(path);
                return new OutputTarget(path, kind);
            case REGULAR_FILE:
                return new OutputTarget(path, kind);
            case SYMBOLIC_LINK: {
                // /dev/stdout, /dev/stderr and /dev/fd/N are links to a pipe or a terminal: writing through them
                // replaces nothing. Every other link leads to a file someone else named, or to nothing.
                FileKind leadsTo = FileKind.of(path);
                if (leadsTo.isStream()) {
                    return new OutputTarget(path, leadsTo);
                }
                throw new FileSystemException(path.toString(), null, "is a symbolic link to " + Files.readSymbolicLink(path)
                        + " (" + leadsTo.words + "); an export writes through a link only to a FIFO or a character device:"
                        + " name the file itself");
            }
            case DIRECTORY:
                throw new FileSystemException(path.toString(), null, "is a directory; an export writes a file (name one inside it)");
            default:
                if (kind.isStream()) {
                    return new OutputTarget(path, kind);
                }
                throw new FileSystemException(path.toString(), null, "is " + kind.words
                        + "; an export writes regular files, FIFOs and character devices only");
        }
    }

    private static void requireDirectoryFor(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || Files.isDirectory(parent)) {
            return;
        }
        if (Files.exists(parent)) {
            throw new NotDirectoryException(parent.toString());
        }
        throw new NoSuchFileException(parent.toString(), null, "no such directory to write " + path.getFileName() + " in");
    }

    public Path path() {
        return path;
    }

    /** Whether the target is written directly (a FIFO or a character device) rather than replaced atomically. */
    public boolean isStream() {
        return kind.isStream();
    }

    /** Whether the target is the process's standard output ({@link #standardOutput}). */
    public boolean isStandardOutput() {
        return kind == FileKind.STANDARD_OUTPUT;
    }

    /** "a regular file", "a FIFO", "a character device", "standard output", or "nothing" (a new file). */
    public String describe() {
        return kind.words;
    }

    /** Bytes the last write put out (for a SQLite file, its size once complete). */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Writes through a channel: to a temporary file renamed into place, or straight to the stream. */
    public <T> T write(ChannelWork<T> work) throws IOException {
        claim();
        if (stream != null) {
            // the process's stream is not ours to close: a channel over it that closes nothing, and one flush at the end
            try (CountingChannel channel = new CountingChannel(Channels.newChannel(new UnclosedStream(stream)))) {
                T result = work.writeTo(channel);
                stream.flush();
                return result;
            }
        }
        if (isStream()) {
            try (CountingChannel channel = new CountingChannel(FileChannel.open(path, StandardOpenOption.WRITE))) {
                return work.writeTo(channel);
            }
        }
        return replaceAtomically(temp -> {
            try (CountingChannel channel = new CountingChannel(FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE))) {
                return work.writeTo(channel);
            }
        });
    }

    /** Writes UTF-8 text; the writer is flushed when {@code work} returns. */
    public <T> T writeText(TextWork<T> work) throws IOException {
        return write(channel -> {
            Writer writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 1 << 16);
            T result = work.writeTo(writer);
            writer.flush();
            return result;
        });
    }

    /**
     * Has {@code work} create a complete file under a temporary name, then renames it over the path. For formats
     * that open their file by name; {@code format} ("a SQLite database") says in the refusal of a stream what
     * cannot be streamed.
     */
    public <T> T writeFile(String format, FileWork<T> work) throws IOException {
        if (isStream()) {
            throw new FileSystemException(path.toString(), null, "is " + kind.words + "; " + format
                    + " cannot be written as a stream: name a regular file");
        }
        claim();
        T result = replaceAtomically(work);
        bytesWritten = Files.size(path);
        return result;
    }

    private void claim() {
        if (used) {
            throw new IllegalStateException(path + " was written already; an output target takes one write");
        }
        used = true;
    }

    private <T> T replaceAtomically(FileWork<T> work) throws IOException {
        Path temp = AtomicFiles.temporaryFor(path.toAbsolutePath());
        try {
            T result = work.writeTo(temp);
            // Whatever took the path's place while the file was being written is not replaced unless it is a file.
            FileKind now = FileKind.of(path, LinkOption.NOFOLLOW_LINKS);
            if (now != FileKind.MISSING && now != FileKind.REGULAR_FILE) {
                throw new FileSystemException(path.toString(), null, "became " + now.words
                        + " while the export was written; it is left as it is");
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String toString() {
        return "OutputTarget[" + path + ", " + kind.words + (isStream() ? ", streamed" : ", replaced atomically") + "]";
    }

    /** A channel that counts what goes through it and names the target in a write failure. */
    private final class CountingChannel implements WritableByteChannel {
        private final WritableByteChannel channel;

        CountingChannel(WritableByteChannel channel) {
            this.channel = channel;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            try {
                int n = channel.write(src);
                bytesWritten += n;
                return n;
            } catch (IOException e) {
                throw FileErrors.naming(path, e);
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } catch (IOException e) {
                throw FileErrors.naming(path, e);
            }
        }
    }

    /** Standard output as a stream whose close only flushes: the process keeps writing to it afterwards. */
    private static final class UnclosedStream extends java.io.FilterOutputStream {
        UnclosedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
