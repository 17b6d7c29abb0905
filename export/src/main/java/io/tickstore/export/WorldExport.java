package io.tickstore.export;

import io.tickstore.columns.Table;
import io.tickstore.columns.World;
import io.tickstore.snapshot.internal.Directories;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Every table of a world exported at once, one file per table ({@code DIR/creatures.arrow}, {@code DIR/kinds.arrow}),
 * in any {@link ExportFormat}.
 *
 * <p>A directory that does not exist yet appears whole or not at all: the files are written into a hidden
 * {@code .DIR.tmp-XXXXXXXX} beside it, which is renamed into place when every file is complete (a failure removes
 * it). Into a directory that exists, each file is written as {@link OutputTarget} writes a regular file: under a
 * temporary name and renamed over any file of that name, so a reader sees the old file or the whole new one; other
 * files in it are left alone.
 */
public final class WorldExport {
    private WorldExport() {
    }

    /**
     * One table's file.
     *
     * @param table the table
     * @param file where it was written
     * @param rows its rows
     * @param bytes the file's size
     */
    public record ExportedFile(String table, Path file, long rows, long bytes) {
    }

    /** The metadata an export of {@code world} carries: its tick ({@value ArrowExport#META_TICK}). */
    public static Map<String, String> metadata(World world) {
        return Map.of(ArrowExport.META_TICK, Long.toString(world.tick()));
    }

    /** Writes every table of {@code world} into {@code dir} in {@code format}; returns the files in table name order. */
    public static List<ExportedFile> toDirectory(World world, ExportFormat format, Path dir, BufferAllocator allocator)
            throws IOException {
        return toDirectory(world, world.tables().stream().map(Table::name).toList(), format, dir, allocator);
    }

    /** Writes the tables named {@code tables} (of {@code world}) into {@code dir}, one file each, as above. */
    public static List<ExportedFile> toDirectory(World world, List<String> tables, ExportFormat format, Path dir, BufferAllocator allocator)
            throws IOException {
        for (String name : tables) {
            world.table(name); // a table the world lacks is refused before anything is written
        }
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return writeAll(world, tables, format, target, target, allocator);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(dir.toString(), null, "is not a directory; an export of every table writes a directory"
                    + " of files, one per table (name a new or an existing directory, or choose one table)");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(String.valueOf(parent), null, "no such directory to write " + target.getFileName() + " in");
        }
        Path temp = parent.resolve("." + target.getFileName() + ".tmp-" + Directories.nonce());
        Files.createDirectory(temp);
        try {
            List<ExportedFile> files = writeAll(world, tables, format, temp, target, allocator);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return files;
        } finally {
            Directories.deleteRecursively(temp);
        }
    }

    private static List<ExportedFile> writeAll(World world, List<String> tables, ExportFormat format, Path into, Path named,
                                               BufferAllocator allocator) throws IOException {
        Map<String, String> metadata = metadata(world);
        List<ExportedFile> files = new ArrayList<>();
        for (String name : tables) {
            Table table = world.table(name);
            OutputTarget out = OutputTarget.of(into.resolve(table.name() + format.extension()));
            format.write(table, metadata, out, allocator);
            files.add(new ExportedFile(table.name(), named.resolve(table.name() + format.extension()), table.rowCount(), out.bytesWritten()));
        }
        return files;
    }
}
