package io.tickstore.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * How each peer writes and reads the workload, as a user of that library would: the write benchmarks time the
 * writers, the read benchmarks time the readers over files the writers made in setup.
 *
 * <p>Every writer creates a new file ({@code CREATE_NEW}): the benchmarks delete the previous output before
 * each operation, outside the measured region, exactly as they do for Tickstore's snapshot directory, so every
 * format pays for allocating fresh page-cache pages and none pays for truncating an old file.
 */
final class PeerFormats {
    private static final int STREAM_BUFFER = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<CreatureRow>> ROW_LIST = new TypeReference<>() {
    };
    private static final ObjectWriter JSON_WRITER = JSON.writerFor(ROW_LIST);
    private static final ObjectReader JSON_READER = JSON.readerFor(ROW_LIST);

    private PeerFormats() {
    }

    // ------------------------------------------------------------------ Java serialization

    /** {@code ObjectOutputStream} of the whole list, buffered; returns the file's size. */
    static long writeJavaSerialization(List<CreatureRow> rows, Path file) throws IOException {
        try (ObjectOutputStream out = new ObjectOutputStream(newFile(file))) {
            out.writeObject(rows);
        }
        return Files.size(file);
    }

    static List<?> readJavaSerialization(Path file) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(openFile(file))) {
            return (List<?>) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(file + ": holds a class this JVM does not have", e);
        }
    }

    // ------------------------------------------------------------------ Jackson JSON

    /** A JSON array of one object per row, streamed through a buffered file stream; returns the file's size. */
    static long writeJson(List<CreatureRow> rows, Path file) throws IOException {
        try (OutputStream out = newFile(file)) {
            JSON_WRITER.writeValue(out, rows);
        }
        return Files.size(file);
    }

    static List<CreatureRow> readJson(Path file) throws IOException {
        try (InputStream in = openFile(file)) {
            return JSON_READER.readValue(in);
        }
    }

    // ------------------------------------------------------------------ Arrow IPC file

    /** One record batch of every vector in {@code root}, in the Arrow IPC file format; returns the bytes written. */
    static long writeArrow(VectorSchemaRoot root, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            writer.writeBatch();
            writer.end();
            return writer.bytesWritten();
        }
    }

    /** Loads every record batch of an Arrow IPC file into vectors, then frees them; returns the rows loaded. */
    static long readArrow(Path file, BufferAllocator allocator) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            long rows = 0;
            while (reader.loadNextBatch()) {
                rows += root.getRowCount();
            }
            return rows;
        }
    }

    // ------------------------------------------------------------------ the floor: raw bytes, one channel

    /** Writes every remaining byte of {@code bytes} (its position is left unchanged); returns the bytes written. */
    static long writeRaw(ByteBuffer bytes, Path file) throws IOException {
        return writeRaw(bytes, file, StandardOpenOption.CREATE_NEW);
    }

    /**
     * Writes the bytes over the start of a file that may exist, without truncating it: the pages it already has in
     * the page cache are overwritten, as a recycled snapshot's are.
     */
    static long overwriteRaw(ByteBuffer bytes, Path file) throws IOException {
        return writeRaw(bytes, file, StandardOpenOption.CREATE);
    }

    private static long writeRaw(ByteBuffer bytes, Path file, StandardOpenOption create) throws IOException {
        ByteBuffer source = bytes.duplicate();
        try (FileChannel channel = FileChannel.open(file, create, StandardOpenOption.WRITE)) {
            while (source.hasRemaining()) {
                channel.write(source);
            }
            return channel.position();
        }
    }

    /** Fills {@code into} from the start of the file; returns the bytes read. */
    static long readRaw(Path file, ByteBuffer into) throws IOException {
        into.clear();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (into.hasRemaining()) {
                if (channel.read(into) < 0) {
                    throw new IOException(file + ": ended after " + into.position() + " bytes, expected " + into.capacity());
                }
            }
        }
        return into.position();
    }

    private static OutputStream newFile(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                STREAM_BUFFER);
    }

    private static InputStream openFile(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER);
    }
}
