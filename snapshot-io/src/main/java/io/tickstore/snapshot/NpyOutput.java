package io.tickstore.snapshot;

import io.tickstore.snapshot.internal.FileErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A new .npy file being written by one of a snapshot's extra file writers (a dictionary, a variable-length column's
 * offsets or data): its header, then data in pieces, each counted into the file's CRC32C from the very bytes written;
 * forced when complete if asked. Failures name the file.
 */
final class NpyOutput implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final int headerBytes;
    private long dataBytes;

    NpyOutput(Path path, byte[] header) throws IOException {
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw FileErrors.naming(path, e);
        }
        this.headerBytes = header.length;
        crc.update(header, 0, header.length);
        write(ByteBuffer.wrap(header));
        dataBytes = 0;
    }

    /** Writes {@code data} from its position to its limit, counting it into the checksum. */
    void writeData(ByteBuffer data) throws IOException {
        dataBytes += data.remaining();
        crc.update(data.duplicate());
        write(data);
    }

    private void write(ByteBuffer buffer) throws IOException {
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw FileErrors.naming(path, e);
        }
    }

    /** Forces the file to the device (with {@code Durability.FSYNC}). */
    void force() throws IOException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw FileErrors.naming(path, e);
        }
    }

    int headerBytes() {
        return headerBytes;
    }

    long dataBytes() {
        return dataBytes;
    }

    int crc32c() {
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
