package io.tickstore.snapshot.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-made .npy headers, for the headers {@link NpyHeader#encode} never writes. */
public final class NpyHeaders {
    private NpyHeaders() {
    }

    /**
     * Magic, version {@code major}.0, length, then {@code dict} padded with spaces and ended by a newline, the whole
     * header a multiple of {@code alignment} bytes: numpy's layout.
     */
    public static byte[] header(int major, String dict, int alignment) {
        int preamble = major == 1 ? 10 : 12;
        int total = (preamble + dict.length() + 1 + alignment - 1) / alignment * alignment;
        return header(major, dict, " ".repeat(total - preamble - dict.length() - 1) + "\n");
    }

    /** A header of exactly {@code bytes} bytes, padded as numpy pads, or null when {@code dict} does not fit. */
    public static byte[] headerOfLength(int major, String dict, int bytes) {
        int preamble = major == 1 ? 10 : 12;
        int padding = bytes - preamble - dict.length() - 1;
        return padding < 0 ? null : header(major, dict, " ".repeat(padding) + "\n");
    }

    /** Magic, version, length, {@code dict} and then exactly {@code tail}: for layouts numpy would not write. */
    public static byte[] header(int major, String dict, String tail) {
        int preamble = major == 1 ? 10 : 12;
        byte[] text = (dict + tail).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(preamble + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).array();
    }

    /** {@code header} followed by {@code dataBytes} zero bytes. */
    public static byte[] file(byte[] header, int dataBytes) {
        byte[] file = new byte[header.length + dataBytes];
        System.arraycopy(header, 0, file, 0, header.length);
        return file;
    }
}
