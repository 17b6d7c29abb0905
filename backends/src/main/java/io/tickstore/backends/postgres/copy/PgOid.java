package io.tickstore.backends.postgres.copy;

/** The PostgreSQL type OIDs the binary encoders know (fixed since the catalogue was created; see pg_type.dat). */
public final class PgOid {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int VARCHAR = 1043;
    public static final int TIMESTAMPTZ = 1184;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    private PgOid() {
    }
}
