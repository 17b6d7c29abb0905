package io.tickstore.jmh.regress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which benchmark is measured against which peer or floor. A peer is taken with the same values of the parameters
 * both have (the mmap floor at the same {@code rows} and {@code extraColumns}); a parameter only Tickstore has
 * ({@code threads}) gives one ratio per value against the same peer.
 */
final class Peers {
    /** Tickstore's benchmark and its peer, both without the package prefix. */
    record Pairing(String ours, String peer) {
    }

    static final List<Pairing> PAIRINGS = List.of(
            new Pairing("SnapshotWriteBenchmark.tickstoreSnapshot", "WritePeersBenchmark.fileChannelFloor"),
            new Pairing("SnapshotWriteBenchmark.tickstoreSnapshot", JmhResults.NUMPY + "np.save per column"),
            new Pairing("RecycledSnapshotWriteBenchmark.recycledSnapshot", "WritePeersBenchmark.fileChannelFloor"),
            new Pairing("RecycledSnapshotWriteBenchmark.recycledSnapshot", "WritePeersBenchmark.fileChannelOverwriteFloor"),
            new Pairing("SnapshotReadBenchmark.tickstoreSnapshot", "ReadPeersBenchmark.fileChannelFloor"),
            new Pairing("SnapshotReadBenchmark.tickstoreSnapshot", JmhResults.NUMPY + "np.load per column"),
            new Pairing("CopyOnWriteOpenBenchmark.copyOnWriteOpen", "CopyOnWriteOpenBenchmark.fullReadVerified"),
            new Pairing("CopyOnWriteOpenBenchmark.copyOnWriteOpen", "CopyOnWriteOpenBenchmark.fullReadUnverified"),
            new Pairing("MmapOpenBenchmark.tickstoreMappedColumn", "MmapOpenBenchmark.fileChannelMap"),
            new Pairing("MmapOpenBenchmark.tickstoreMappedColumn", JmhResults.NUMPY + "np.load mmap + first read"),
            new Pairing("ColumnScanBenchmark.mappedColumnGetFloatLoop", "ColumnScanBenchmark.heapFloatArrayLoop"),
            new Pairing("ColumnScanBenchmark.mappedColumnStats", "ColumnScanBenchmark.heapFloatArrayLoop"),
            new Pairing("eventlog.EventAppendBenchmark.tickstoreEventLog", "eventlog.EventAppendBenchmark.chronicleQueueAppender"),
            new Pairing("eventlog.CheckpointStallBenchmark.tickstoreCheckpoint", "eventlog.CheckpointStallBenchmark.plainMemoryCopy"),
            new Pairing("recording.RecordedWriteBenchmark.recordedSetFloat", "recording.RecordedWriteBenchmark.unrecordedSetFloat"),
            new Pairing("recording.RecordedTickBenchmark.recordedTick", "recording.RecordedTickBenchmark.unrecordedTick"),
            new Pairing("trace.TracedTickBenchmark.tracedTick", "trace.TracedTickBenchmark.untracedTick"));

    private Peers() {
    }

    /** Every ratio the measurements allow, in the order of {@link #PAIRINGS}, then of the measurements. */
    static List<Ratio> ratios(List<Measurement> measurements) {
        List<Ratio> ratios = new ArrayList<>();
        for (Pairing pairing : PAIRINGS) {
            for (Measurement ours : measurements) {
                if (!ours.benchmark().equals(pairing.ours()) || !Double.isFinite(ours.nanos())) {
                    continue;
                }
                for (Measurement peer : measurements) {
                    if (peer.benchmark().equals(pairing.peer()) && Double.isFinite(peer.nanos()) && peer.nanos() > 0
                            && sameSharedParams(ours.params(), peer.params())) {
                        ratios.add(Ratio.of(ours, peer));
                        break;
                    }
                }
            }
        }
        return ratios;
    }

    private static boolean sameSharedParams(Map<String, String> ours, Map<String, String> peer) {
        for (Map.Entry<String, String> p : peer.entrySet()) {
            String mine = ours.get(p.getKey());
            if (mine != null && !mine.equals(p.getValue())) {
                return false;
            }
        }
        return true;
    }
}
