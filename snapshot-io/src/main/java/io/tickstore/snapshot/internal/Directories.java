package io.tickstore.snapshot.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;

/** File-system steps shared by the writer and the stores: directory fsync, recursive delete, temp-name nonces. */
public final class Directories {
    private static final SecureRandom NONCES = new SecureRandom();

    private Directories() {
    }

    /**
     * Makes a directory's entries durable: after creating, renaming or deleting entries in it, the change
     * survives a power cut only once the directory itself is fsynced (POSIX; {@code FileChannel.force} on a
     * directory opened for reading does that on Linux and macOS).
     */
    public static void fsync(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw FileErrors.naming(dir, e);
        }
    }

    /** Deletes a file or a directory tree without following symbolic links; a missing path is not an error. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** 8 random hex digits, to make a temporary name unique among concurrent and crashed writers. */
    public static String nonce() {
        byte[] bytes = new byte[4];
        NONCES.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
