package io.tickstore.snapshot.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.ColumnType;
import io.tickstore.columns.TickstoreException.Problem;
import io.tickstore.snapshot.SnapshotFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The header dictionary is read as numpy reads it: exactly the keys 'descr', 'fortran_order' and 'shape', a tuple
 * of integers for the shape, a bool for the order, a string for the dtype; and laid out as numpy lays it out.
 * ({@code NumpyInteropTest} checks the same headers against numpy itself.)
 */
class NpyHeaderRulesTest {
    static final Path FILE = Path.of("snap/creatures/energy.npy");

    private static NpyHeader parse(int major, String dict, int alignment, int dataBytes) throws SnapshotFormatException {
        byte[] file = NpyHeaders.file(NpyHeaders.header(major, dict, alignment), dataBytes);
        return NpyHeader.parse(ByteBuffer.wrap(file), file.length, FILE);
    }

    private static NpyHeader parse(String dict) throws SnapshotFormatException {
        return parse(1, dict, 64, 16);
    }

    private static SnapshotFormatException refused(String dict) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> parse(dict));
        assertEquals(Problem.BAD_HEADER, e.problem(), e.getMessage());
        assertEquals(FILE, e.file());
        return e;
    }

    @Test
    void whatNumpyWritesIsRead() throws SnapshotFormatException {
        NpyHeader header = parse("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }");
        assertEquals(ColumnType.F64, header.type());
        assertEquals(2, header.length());
        assertEquals(128, header.dataOffset());
    }

    @Test
    void anotherKeyIsRefusedNamingIt() {
        SnapshotFormatException e = refused("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }");
        assertEquals(FILE + ": header has key 'extra', so numpy refuses it: a .npy header has exactly the keys 'descr',"
                + " 'fortran_order' and 'shape'", e.getMessage());
    }

    @Test
    void aMissingKeyIsRefusedNamingIt() {
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, }").getMessage()
                .contains("header has no key 'shape'"));
        assertTrue(refused("{'descr': '<f8', 'shape': (2,), }").getMessage().contains("header has no key 'fortran_order'"));
        assertTrue(refused("{'fortran_order': False, 'shape': (2,), }").getMessage().contains("header has no key 'descr'"));
    }

    @Test
    void aShapeThatIsNotATupleOfIntegersIsRefused() {
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, 'shape': [2], }").getMessage()
                .contains("header's 'shape' is [2], not a tuple of integers"));
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, 'shape': (2), }").getMessage()
                .contains("header's 'shape' is 2, not a tuple of integers"), "(2) is the number 2, not a tuple");
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,), }").getMessage()
                .contains("header's 'shape' is (2.0,)"));
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, 'shape': ('2',), }").getMessage()
                .contains("header's 'shape' is ('2',)"));
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }").getMessage()
                .contains("negative length"));
    }

    @Test
    void anOrderThatIsNotABoolAndADtypeThatIsNotAStringAreRefused() {
        assertTrue(refused("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }").getMessage()
                .contains("header's 'fortran_order' is 0, not True or False"));
        assertTrue(refused("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }").getMessage()
                .contains("header's 'descr' is [('a', '<f8')], not a dtype string"));
    }

    @Test
    void whatPythonReadsTheSameWayIsReadTheSameWay() throws SnapshotFormatException {
        assertEquals(ColumnType.F64, parse("{\"descr\": \"<f8\", \"fortran_order\": True, \"shape\": (2,)}").type(),
                "double quotes, no trailing comma; one dimension is the same in either order");
        assertEquals(ColumnType.F32, parse("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), 'descr': '<f4'}").type(),
                "a repeated key keeps its last value, as in Python");
        assertEquals(ColumnType.F64, parse("{u'descr': u'<f8', 'fortran_order':False,'shape':( 2 , )}").type());
        assertEquals(2, parse("{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }").length(),
                "numpy reads a Python 2 long in a version 1.0 header");
        assertThrows(SnapshotFormatException.class, () -> parse(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }", 64, 16),
                "but not in version 3.0");
    }

    @Test
    void theLayoutIsNumpysSpacesThenANewlineWithTheDataAlignedTo16() throws SnapshotFormatException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        assertEquals(80, parse(1, dict, 16, 16).dataOffset(), "numpy before 1.14 aligned to 16");
        for (byte[] header : new byte[][] {
                NpyHeaders.header(1, dict, " ".repeat(53)),
                NpyHeaders.header(1, dict + " # comment", " ".repeat(43) + "\n"),
                NpyHeaders.header(1, dict, "\n" + " ".repeat(52) + "\n"),
                NpyHeaders.header(1, dict, " ".repeat(45) + "\n")}) {
            byte[] file = NpyHeaders.file(header, 16);
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> NpyHeader.parse(ByteBuffer.wrap(file), file.length, FILE), new String(header, 10, header.length - 10));
            assertEquals(Problem.BAD_HEADER, e.problem());
        }
    }

    @Test
    void whatIsNotALiteralIsRefusedSayingWhere() {
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), ").getMessage()
                .contains("something other than spaces"));
        assertTrue(refused("{'descr': '<f8' 'fortran_order': False, 'shape': (2,)}").getMessage()
                .contains("not a Python literal"));
        assertTrue(refused("{'descr': '<f8', 'fortran_order': false, 'shape': (2,)}").getMessage()
                .contains("'false' is not a literal"));
        assertTrue(refused("{'descr': '<f8', 'fortran_order': False, 'shape': (02,)}").getMessage()
                .contains("header's 'shape' is (02,)"), "Python 3 refuses leading zeros");
    }
}
