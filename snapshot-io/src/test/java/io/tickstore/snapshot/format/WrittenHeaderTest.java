package io.tickstore.snapshot.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tickstore.columns.ColumnType;
import io.tickstore.snapshot.SnapshotFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link HeaderFields#written}, the shortcut for the dictionary as numpy and Tickstore write it, reads what it
 * accepts to exactly the fields the general parser reads, and leaves every other spelling to the general parser.
 */
class WrittenHeaderTest {
    static final Path FILE = Path.of("snap/creatures/energy.npy");

    private static String dictionaryOf(byte[] header) {
        String text = new String(header, 10, header.length - 10, StandardCharsets.US_ASCII);
        return text.substring(0, text.lastIndexOf('}') + 1);
    }

    private static void sameAsGeneral(String literal) throws SnapshotFormatException {
        HeaderFields shortcut = HeaderFields.written(literal);
        assertNotNull(shortcut, literal);
        HeaderFields general = HeaderFields.general(literal, 1, FILE);
        assertEquals(general.descr, shortcut.descr, literal);
        assertEquals(general.shape, shortcut.shape, literal);
        assertEquals(general.shapeText, shortcut.shapeText, literal);
        assertEquals(general.fortranOrder, shortcut.fortranOrder, literal);
    }

    @Test
    void everyHeaderTickstoreWritesTakesTheShortcutToTheGeneralParsersFields() throws SnapshotFormatException {
        for (ColumnType type : ColumnType.values()) {
            for (long length : new long[] {0, 1, 9, 10, 1_000_000, Long.MAX_VALUE / 16}) {
                sameAsGeneral(dictionaryOf(NpyHeader.encode(type, length, new int[0])));
                sameAsGeneral(dictionaryOf(NpyHeader.encode(type, length, new int[] {768})));
                sameAsGeneral(dictionaryOf(NpyHeader.encode(type, length, new int[] {4, 3, 2})));
            }
        }
        sameAsGeneral(dictionaryOf(NpyHeader.encodeUnicode(12, 5)));
    }

    @Test
    void whatNumpyWritesTakesTheShortcutToo() throws SnapshotFormatException {
        for (String literal : List.of("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                "{'descr': '|b1', 'fortran_order': True, 'shape': (0,), }",
                "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 4), }",
                "{'descr': '>f4', 'fortran_order': True, 'shape': (3, 4, 0), }",
                "{'descr': '=U7', 'fortran_order': False, 'shape': (123456789012345678,), }")) {
            sameAsGeneral(literal);
        }
    }

    @Test
    void everyOtherSpellingGoesToTheGeneralParser() {
        List<String> others = new ArrayList<>(List.of(
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2,)}",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3,), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2,3), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (02,), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2_0,), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (1234567890123456789,), }",
                "{'descr': '<f8', 'fortran_order': false, 'shape': (2,), }",
                "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }",
                "{'descr': \"<f8\", 'fortran_order': False, 'shape': (2,), }",
                "{'descr': '<f\\x38', 'fortran_order': False, 'shape': (2,), }",
                "{'descr': '', 'fortran_order': False, 'shape': (2,), }",
                "{'descr': '<f8', 'shape': (2,), 'fortran_order': False, }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }}",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2,),  }",
                "{ 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                "{'descr': '<f8', 'fortran_order': False, 'shape': [2], }"));
        for (String literal : others) {
            assertNull(HeaderFields.written(literal), literal);
        }
    }
}
