package io.tickstore.snapshot.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * I/O failures that say which file they happened on, in words.
 *
 * <p>{@code FileChannel.write} and {@code force} throw a bare {@link IOException} whose whole message is the
 * operating system's ("No space left on device", "Input/output error"): no path. {@link #naming} gives such an
 * exception its file, as a {@link FileSystemException}, so every write path of the library can say where the
 * disk filled up. {@link #whatHappened} turns the JDK's {@link FileSystemException} subclasses, whose message is
 * often the bare path ({@link AccessDeniedException}'s is), into the words a person reads.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /**
     * {@code e} with {@code file} attached when it names no file: a bare {@link IOException} without a cause (what
     * the JDK throws for a failed write, fsync or read) becomes a {@link FileSystemException} on {@code file}
     * whose reason is the original message, with {@code e} as its cause. Anything else already says more (a
     * {@link FileSystemException} has its file, a {@link io.tickstore.snapshot.SnapshotFormatException} names its file, an
     * {@code InterruptedIOException} is not about a file) and is returned as it is.
     */
    public static IOException naming(Path file, IOException e) {
        if (e.getClass() != IOException.class || e.getCause() != null) {
            return e;
        }
        String message = e.getMessage();
        FileSystemException named = new FileSystemException(file.toString(), null,
                message == null || message.isBlank() ? "input/output error" : lowerFirst(message));
        named.initCause(e);
        return named;
    }

    /**
     * A {@link FileSystemException} as one line, the path at fault first: {@code /data/runs: permission denied}.
     * Permission to create a file is the directory's, so a denied path that does not exist, in a directory that
     * is not writable, is reported as that directory's: {@code /data/runs: permission denied (cannot create
     * .seed-7.tmp-1a2b3c4d there)}.
     */
    public static String describe(FileSystemException e) {
        if (e.getFile() == null) {
            return whatHappened(e);
        }
        if (e instanceof AccessDeniedException && e.getOtherFile() == null) {
            Path denied = Path.of(e.getFile());
            Path parent = denied.toAbsolutePath().getParent();
            if (parent != null && !Files.exists(denied, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(parent)
                    && !Files.isWritable(parent)) {
                Path shown = denied.getParent() != null ? denied.getParent() : parent;
                return shown + ": " + whatHappened(e) + " (cannot create " + denied.getFileName() + " there)";
            }
        }
        return e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile()) + ": " + whatHappened(e);
    }

    /**
     * What a {@link FileSystemException} means, in words and without its path: "permission denied", "is not a
     * directory", "no such file or directory", ..., followed by the exception's reason when that adds something
     * ("already exists: run ... already has a snapshot at tick 5 ...").
     */
    public static String whatHappened(FileSystemException e) {
        String words = wordsFor(e);
        String reason = e.getReason() == null ? null : lowerFirst(e.getReason().strip());
        if (words == null) {
            return reason == null || reason.isEmpty() ? "input/output error" : reason;
        }
        if (reason == null || reason.isEmpty() || reason.equalsIgnoreCase(words)) {
            return words;
        }
        // A reason that says it in its own words ("already holds an event log") needs no preamble.
        return firstWord(reason).equals(firstWord(words)) ? reason : words + ": " + reason;
    }

    private static String wordsFor(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "is not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            // mkdir on a plain file says EEXIST; "already exists" alone would not tell why that is a problem.
            return e.getReason() == null && isPlainFile(e.getFile()) ? "already exists and is not a directory" : "already exists";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof NotLinkException) {
            return "is not a symbolic link";
        }
        if (e instanceof FileSystemLoopException) {
            return "is in a loop of symbolic links";
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return "cannot be renamed atomically (another file system?)";
        }
        return null;
    }

    private static boolean isPlainFile(String file) {
        try {
            Path path = Path.of(file);
            return Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path);
        } catch (RuntimeException notAPath) {
            return false;
        }
    }

    private static String firstWord(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    /** "No space left on device" reads as "no space left on device"; "IO error" keeps its capitals. */
    private static String lowerFirst(String text) {
        if (text.length() >= 2 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }
}
