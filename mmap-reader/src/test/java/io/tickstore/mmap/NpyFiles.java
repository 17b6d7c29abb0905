package io.tickstore.mmap;

import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.format.NpyHeader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes .npy files for tests: a header from {@link NpyHeader#encode} followed by little-endian values, exactly
 * what a snapshot column file holds. Also builds hand-made headers for the damage tests.
 */
final class NpyFiles {
    private NpyFiles() {
    }

    /** A column file of {@code type} holding the given raw values (see {@code ColumnValues}); parents created. */
    static Path write(Path file, ColumnType type, long... bits) {
        ByteBuffer data = ByteBuffer.allocate(bits.length << type.log2Width()).order(ByteOrder.LITTLE_ENDIAN);
        for (long b : bits) {
            switch (type.log2Width()) {
                case 0: data.put((byte) b); break;
                case 1: data.putShort((short) b); break;
                case 2: data.putInt((int) b); break;
                default: data.putLong(b); break;
            }
        }
        return writeBytes(file, NpyHeader.encode(type, bits.length), data.array());
    }

    static Path writeDoubles(Path file, double... values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return write(file, ColumnType.F64, bits);
    }

    static Path writeFloats(Path file, float... values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]) & 0xFFFF_FFFFL;
        }
        return write(file, ColumnType.F32, bits);
    }

    static Path writeInts(Path file, int... values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = values[i];
        }
        return write(file, ColumnType.I32, bits);
    }

    /** The bytes of the parts, one after the other; parents created. */
    static Path writeBytes(Path file, byte[]... parts) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            int total = 0;
            for (byte[] part : parts) {
                total += part.length;
            }
            ByteBuffer all = ByteBuffer.allocate(total);
            for (byte[] part : parts) {
                all.put(part);
            }
            Files.write(file, all.array());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A header of any version with any dictionary text, padded with spaces to a multiple of 64 and ended by a
     * newline, the way numpy lays it out; for writing headers that {@link NpyHeader#encode} never would.
     */
    static byte[] header(int major, int minor, String dict) {
        int preamble = major == 1 ? 10 : 12;
        int total = (preamble + dict.length() + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) major).put((byte) minor);
        if (major == 1) {
            b.putShort((short) (total - preamble));
        } else {
            b.putInt(total - preamble);
        }
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    /** {@code n} zero bytes. */
    static byte[] zeros(int n) {
        return new byte[n];
    }
}
