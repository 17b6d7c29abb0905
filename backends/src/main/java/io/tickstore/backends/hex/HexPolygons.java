package io.tickstore.backends.hex;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * An H3 cell's boundary as a PostGIS {@code geometry(Polygon, 4326)} in EWKB, the form geometry's binary input reads:
 * little-endian, the polygon type with the SRID flag, SRID 4326, one closed ring of (longitude, latitude) points.
 */
final class HexPolygons {
    private static final int WKB_POLYGON = 3;
    private static final int EWKB_SRID_FLAG = 0x20000000;
    static final int SRID = 4326;

    private HexPolygons() {
    }

    /** The cell's polygon, EWKB. */
    static byte[] ewkb(long cell) {
        List<LatLng> boundary = H3Holder.H3.cellToBoundary(cell);
        int points = boundary.size() + 1;
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + 4 + 4 + points * 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 1).putInt(WKB_POLYGON | EWKB_SRID_FLAG).putInt(SRID).putInt(1).putInt(points);
        for (LatLng p : boundary) {
            b.putDouble(p.lng).putDouble(p.lat);
        }
        b.putDouble(boundary.get(0).lng).putDouble(boundary.get(0).lat);
        return b.array();
    }

    private static final class H3Holder {
        static final H3Core H3;

        static {
            try {
                H3 = H3Core.newInstance();
            } catch (IOException e) {
                throw new UncheckedIOException("the H3 library's native part could not be loaded", e);
            }
        }
    }
}
