package io.tickstore.vectors.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A collection's HNSW graph as a file, {@code <collection>.hnsw}, format version 1 (vectors/FORMAT.md): a 64-byte
 * header (what the graph indexes: dimension, rows, the CRC32C of their embeddings; how it was built: m, beam width,
 * seed), each node's top level, each node's neighbours and their scores level by level, and a CRC32C of everything
 * before it. Little-endian throughout. The file holds no vector: it is only ever read beside the table it indexes.
 */
final class GraphFile {
    static final byte[] MAGIC = "TSHNSW\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = 64;
    static final String SUFFIX = ".hnsw";

    private GraphFile() {
    }

    /** What a graph file says about itself. */
    record Header(int dimension, int maxConnections, int beamWidth, long seed, int nodes, int levels, int entryNode, int vectorsCrc) {
    }

    /** A graph file read and checked: its header, each node's top level, and the edges ({@code neighbours[node][level]}). */
    record Contents(Header header, byte[] topLevels, int[][][] neighbours, float[][][] scores) {
    }

    static void write(Path file, Header header, OnHeapHnswGraph graph) throws IOException {
        int nodes = header.nodes();
        int[] top = GraphCopy.topLevels(graph, nodes);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(MAGIC).putInt(VERSION).putInt(HEADER_BYTES).putInt(header.dimension()).putInt(header.maxConnections())
                    .putInt(header.beamWidth()).putInt(nodes).putLong(header.seed()).putInt(header.levels()).putInt(header.entryNode())
                    .putInt(header.vectorsCrc());
            while (buffer.position() < HEADER_BYTES) {
                buffer.put((byte) 0);
            }
            for (int node = 0; node < nodes; node++) {
                buffer = room(channel, buffer, crc, 1);
                buffer.put((byte) top[node]);
            }
            for (int node = 0; node < nodes; node++) {
                for (int level = 0; level <= top[node]; level++) {
                    NeighborArray edges = graph.getNeighbors(level, node);
                    int size = edges.size();
                    buffer = room(channel, buffer, crc, 4 + 8 * size);
                    buffer.putInt(size);
                    int[] ids = edges.nodes();
                    for (int i = 0; i < size; i++) {
                        buffer.putInt(ids[i]);
                    }
                    for (int i = 0; i < size; i++) {
                        buffer.putFloat(edges.getScores(i));
                    }
                }
            }
            flush(channel, buffer, crc);
            buffer.putInt((int) crc.getValue());
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ByteBuffer room(FileChannel channel, ByteBuffer buffer, CRC32C crc, int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return buffer;
        }
        flush(channel, buffer, crc);
        return buffer.capacity() >= bytes ? buffer : ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void flush(FileChannel channel, ByteBuffer buffer, CRC32C crc) throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Reads and checks a graph file. A file that is not one, is damaged or of another version is a
     * {@link BadGraphFile} saying why (the caller rebuilds the graph; it is derived data).
     */
    static Contents read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER_BYTES + 4 || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new BadGraphFile(file + " is not a graph file (no TSHNSW magic, or shorter than a header)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw new BadGraphFile(file + " fails its CRC32C: damaged or cut short");
        }
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new BadGraphFile(file + " is of format version " + version + "; this reader knows version " + VERSION);
        }
        int headerBytes = in.getInt();
        if (headerBytes < 52 || headerBytes > bytes.length - 4) {
            throw new BadGraphFile(file + ": header length " + headerBytes + " is impossible");
        }
        int dimension = in.getInt();
        int m = in.getInt();
        int beam = in.getInt();
        int nodes = in.getInt();
        long seed = in.getLong();
        int levels = in.getInt();
        int entry = in.getInt();
        int vectorsCrc = in.getInt();
        Header header = new Header(dimension, m, beam, seed, nodes, levels, entry, vectorsCrc);
        if (nodes < 0 || m < 1 || levels < 0 || levels > 64 || nodes > 0 && (entry < 0 || entry >= nodes)) {
            throw new BadGraphFile(file + ": header fields out of range (" + header + ")");
        }
        try {
            in.position(headerBytes);
            byte[] top = new byte[nodes];
            in.get(top);
            int[][][] neighbours = new int[nodes][][];
            float[][][] scores = new float[nodes][][];
            for (int node = 0; node < nodes; node++) {
                int levelsOfNode = top[node] + 1;
                if (top[node] < 0 || levelsOfNode > levels) {
                    throw new BadGraphFile(file + ": node " + node + " reaches level " + top[node] + " of a graph of " + levels);
                }
                neighbours[node] = new int[levelsOfNode][];
                scores[node] = new float[levelsOfNode][];
                for (int level = 0; level < levelsOfNode; level++) {
                    int size = in.getInt();
                    int max = level == 0 ? 2 * m : m;
                    if (size < 0 || size > max) {
                        throw new BadGraphFile(file + ": node " + node + " has " + size + " neighbours on level " + level + ", at most " + max);
                    }
                    int[] ids = new int[size];
                    for (int i = 0; i < size; i++) {
                        ids[i] = in.getInt();
                        if (ids[i] < 0 || ids[i] >= nodes) {
                            throw new BadGraphFile(file + ": node " + node + " names neighbour " + ids[i] + " of " + nodes + " nodes");
                        }
                    }
                    float[] s = new float[size];
                    for (int i = 0; i < size; i++) {
                        s[i] = in.getFloat();
                    }
                    neighbours[node][level] = ids;
                    scores[node][level] = s;
                }
            }
            if (in.position() != bytes.length - 4) {
                throw new BadGraphFile(file + ": " + (bytes.length - 4 - in.position()) + " bytes follow the last node");
            }
            return new Contents(header, top, neighbours, scores);
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new BadGraphFile(file + " ends inside its nodes");
        }
    }

    /** Puts the file's nodes and edges into an empty growable graph. */
    static void fill(Contents contents, OnHeapHnswGraph graph) {
        byte[] top = contents.topLevels();
        for (int node = 0; node < top.length; node++) {
            for (int level = top[node]; level >= 0; level--) {
                graph.addNode(level, node);
            }
        }
        for (int node = 0; node < top.length; node++) {
            for (int level = 0; level <= top[node]; level++) {
                NeighborArray edges = graph.getNeighbors(level, node);
                int[] ids = contents.neighbours()[node][level];
                float[] s = contents.scores()[node][level];
                for (int i = 0; i < ids.length; i++) {
                    edges.addOutOfOrder(ids[i], s[i]);
                }
            }
        }
        if (top.length > 0) {
            graph.trySetNewEntryNode(contents.header().entryNode(), contents.header().levels() - 1);
        }
    }

    /** Why a graph file cannot be used; the graph is rebuilt instead. */
    static final class BadGraphFile extends IOException {
        private static final long serialVersionUID = 1L;

        BadGraphFile(String message) {
            super(message);
        }
    }
}
