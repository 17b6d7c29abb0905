package io.tickstore.columns;

import static io.tickstore.columns.ColumnType.BOOL;
import static io.tickstore.columns.ColumnType.F32;
import static io.tickstore.columns.ColumnType.F64;
import static io.tickstore.columns.ColumnType.I16;
import static io.tickstore.columns.ColumnType.I32;
import static io.tickstore.columns.ColumnType.I64;
import static io.tickstore.columns.ColumnType.I8;
import static io.tickstore.columns.ColumnType.U16;
import static io.tickstore.columns.ColumnType.U32;
import static io.tickstore.columns.ColumnType.U64;
import static io.tickstore.columns.ColumnType.U8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

    @Test
    void everyTypeHasItsNumpyNameDescrAndWidth() {
        assertType(I8, "i8", "|i1", 1);
        assertType(U8, "u8", "|u1", 1);
        assertType(I16, "i16", "<i2", 2);
        assertType(U16, "u16", "<u2", 2);
        assertType(I32, "i32", "<i4", 4);
        assertType(U32, "u32", "<u4", 4);
        assertType(I64, "i64", "<i8", 8);
        assertType(U64, "u64", "<u8", 8);
        assertType(F32, "f32", "<f4", 4);
        assertType(F64, "f64", "<f8", 8);
        assertType(BOOL, "bool", "|b1", 1);
        assertEquals(11, ColumnType.values().length, "a new type needs a row in this test");
    }

    private static void assertType(ColumnType type, String name, String descr, int width) {
        assertEquals(name, type.typeName());
        assertEquals(name, type.toString());
        assertEquals(descr, type.numpyDescr());
        assertEquals(width, type.byteWidth());
        assertEquals(width, 1 << type.log2Width());
        assertSame(type, ColumnType.byName(name));
        assertSame(type, ColumnType.byName(name.toUpperCase()), "names are case-insensitive");
        assertSame(type, ColumnType.byNumpyDescr(descr));
    }

    @Test
    void unknownNamesAndDescrsAreNull() {
        assertNull(ColumnType.byName("f16"));
        assertNull(ColumnType.byName(null));
        assertNull(ColumnType.byNumpyDescr(">f4"), "big-endian data is not a column type");
        assertNull(ColumnType.byNumpyDescr("<U8"));
    }

    @Test
    void kindsGroupTheFamilies() {
        assertEquals(EnumSet.of(I8, I16, I32, I64), ofKind(ColumnType.Kind.SIGNED));
        assertEquals(EnumSet.of(U8, U16, U32, U64), ofKind(ColumnType.Kind.UNSIGNED));
        assertEquals(EnumSet.of(F32, F64), ofKind(ColumnType.Kind.FLOAT));
        assertEquals(EnumSet.of(BOOL), ofKind(ColumnType.Kind.BOOL));
        for (ColumnType type : ColumnType.values()) {
            assertEquals(type.kind() == ColumnType.Kind.SIGNED || type.kind() == ColumnType.Kind.UNSIGNED, type.isInteger());
            assertEquals(type.kind() == ColumnType.Kind.FLOAT, type.isFloat());
        }
    }

    private static Set<ColumnType> ofKind(ColumnType.Kind kind) {
        Set<ColumnType> types = EnumSet.noneOf(ColumnType.class);
        for (ColumnType type : ColumnType.values()) {
            if (type.kind() == kind) {
                types.add(type);
            }
        }
        return types;
    }

    /**
     * The whole widening matrix, written out so that a change to any cell is a visible change here. A type
     * widens to another exactly when every value of it is representable there: integers within their family
     * to larger widths, unsigned to strictly larger signed, integers to a float whose mantissa holds them
     * (24 bits for f32, 53 for f64), f32 to f64. Nothing narrows and bool converts to nothing.
     */
    @Test
    void widensToExactlyWhenEveryValueIsRepresentable() {
        assertWidensTo(I8, I8, I16, I32, I64, F32, F64);
        assertWidensTo(I16, I16, I32, I64, F32, F64);
        assertWidensTo(I32, I32, I64, F64);
        assertWidensTo(I64, I64);
        assertWidensTo(U8, U8, U16, U32, U64, I16, I32, I64, F32, F64);
        assertWidensTo(U16, U16, U32, U64, I32, I64, F32, F64);
        assertWidensTo(U32, U32, U64, I64, F64);
        assertWidensTo(U64, U64);
        assertWidensTo(F32, F32, F64);
        assertWidensTo(F64, F64);
        assertWidensTo(BOOL, BOOL);
    }

    private static void assertWidensTo(ColumnType from, ColumnType... targets) {
        Set<ColumnType> expected = EnumSet.noneOf(ColumnType.class);
        expected.addAll(java.util.List.of(targets));
        for (ColumnType to : ColumnType.values()) {
            assertEquals(expected.contains(to), from.widensTo(to), from + " -> " + to);
        }
    }
}
