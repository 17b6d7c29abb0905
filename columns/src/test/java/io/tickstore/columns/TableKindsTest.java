package io.tickstore.columns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickstore.columns.internal.TableRecorder;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The accessors of array, categorical and variable-length columns, their defaults, growth, removal and loaders. */
class TableKindsTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    static final Schema HEXES = Schema.builder("hexes", 1)
            .column("id", ColumnType.U32)
            .array("embedding", ColumnType.F32, 8)
            .column("position", ColumnLayout.array(ColumnType.F64, 3), 1, "-1.5")
            .array("tensor", ColumnType.F64, 4, 3)
            .column("county", ColumnLayout.categorical(ColumnType.U16), 1, "none")
            .categorical("terrain", ColumnType.U8)
            .string("note")
            .json("attributes")
            .stringList("org_ids")
            .build();

    @Test
    void newRowsHoldEveryDefault() {
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            long row = t.addRow();
            assertEquals(0f, t.getFloat(1, row, 7));
            assertEquals(-1.5, t.getDouble(2, row, 2));
            assertEquals("none", t.getString(4, row));
            assertEquals(0, t.getCode(4, row), "a new table's default is code 0");
            assertEquals("", t.getString(5, row));
            assertEquals("", t.getString(6, row));
            assertEquals("null", t.getString(7, row));
            assertEquals(List.of(), t.getStrings(8, row));
            assertEquals(8, t.arrayLength(1));
            assertEquals(12, t.arrayLength(3));
        }
    }

    @Test
    void arraysAreRowMajorElementsInOneBuffer() {
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            long a = t.addRow();
            long b = t.addRow();
            for (int i = 0; i < 12; i++) {
                t.setDouble(3, b, i, i);
            }
            t.setArray(1, a, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
            float[] back = new float[8];
            t.getArray(1, a, back);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, back);
            assertEquals(5.0, t.getDouble(3, b, 3 * 1 + 2), "[1][2] of a 4x3 tensor");
            ByteBuffer raw = t.columnView(3, 96, 96).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(11.0, raw.getDouble(11 * 8), "row b's elements follow row a's");
            assertEquals(96, t.valueLength(3, b));
            assertEquals(t.columnAddress(3) + 96, t.valueAddress(3, b));
            assertThrows(IndexOutOfBoundsException.class, () -> t.getFloat(1, a, 8));
            assertThrows(IllegalArgumentException.class, () -> t.getFloat(1, a), "a scalar getter of an array column");
            assertThrows(IllegalArgumentException.class, () -> t.getDouble(1, a, 0), "an f64 getter of an f32 array");
            assertThrows(IllegalArgumentException.class, () -> t.setArray(1, a, new float[7]));
            assertThrows(IllegalArgumentException.class, () -> t.getBits(1, a));
        }
    }

    @Test
    void categoricalRowsHoldCodesIntoTheTablesDictionary() {
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            long a = t.addRow();
            long b = t.addRow();
            t.setString(4, a, "Travis");
            t.setString(4, b, "Bexar");
            t.setString(4, a, "Bexar");
            assertEquals("Bexar", t.getString(4, a));
            CategoryDictionary dictionary = t.dictionary(4);
            assertEquals(List.of("none", "Travis", "Bexar"), dictionary.entries());
            assertEquals(2, t.getCode(4, a));
            assertEquals(2, t.getBits(4, b));
            assertEquals(1, dictionary.codeOf("Travis"));
            assertEquals(-1, dictionary.codeOf("Harris"));
            byte[] utf8 = "xxTravisyy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(1, dictionary.codeOfUtf8(utf8, 2, 6));
            t.setCode(4, b, 1);
            assertEquals("Travis", t.getString(4, b));
            assertThrows(IllegalArgumentException.class, () -> t.setCode(4, b, 3), "a code the dictionary does not hold");
            assertThrows(IllegalArgumentException.class, () -> t.setBits(4, b, 99));
            assertThrows(IllegalArgumentException.class, () -> t.setString(4, b, "nul\u0000"));
            assertThrows(IllegalArgumentException.class, () -> t.getShort(4, b), "a code is not a u16 value");
        }
    }

    @Test
    void aFullDictionaryNamesTheWiderCode() {
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            long row = t.addRow();
            for (int i = 1; i < 256; i++) {
                t.setString(5, row, "t" + i);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.setString(5, row, "one too many"));
            assertTrue(e.getMessage().contains("cat<u16>"), e.getMessage());
            t.setString(5, row, "t7");
        }
    }

    @Test
    void variableLengthValuesSurviveGrowthRemovalAndRewrites() {
        try (Table t = Table.allocate(HEXES, memory.root(), 2)) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                long row = t.addRow();
                String note = "note " + i + " é😀".repeat(i % 7);
                t.setString(6, row, note);
                expected.add(note);
            }
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < expected.size(); i += 3) {
                    String note = expected.get(i) + "+" + round;
                    t.setString(6, i, note);
                    expected.set(i, note);
                }
                for (int i = 1; i < expected.size(); i += 5) {
                    String shorter = expected.get(i).substring(0, Math.min(3, expected.get(i).length()));
                    t.setString(6, i, shorter);
                    expected.set(i, shorter);
                }
            }
            t.removeRow(0);
            expected.set(0, expected.remove(expected.size() - 1));
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), t.getString(6, i), "row " + i);
            }
            t.clear();
            long row = t.addRow();
            assertEquals("", t.getString(6, row));
        }
    }

    @Test
    void jsonIsKeptCanonicalAndListsKeepEveryString() {
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            long row = t.addRow();
            t.setString(7, row, "{ \"z\": [1, 2e1], \"a\": {\"k\": \"v\"} }");
            assertEquals("{\"a\":{\"k\":\"v\"},\"z\":[1,20]}", t.getString(7, row));
            assertThrows(IllegalArgumentException.class, () -> t.setString(7, row, "{\"a\":"));
            List<String> orgs = List.of("org-1", "", "é,😀", "\"quoted\"");
            t.setStrings(8, row, orgs);
            assertEquals(orgs, t.getStrings(8, row));
            assertEquals(5 + 1 + 1 + "é,😀".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1 + 8 + 1, t.valueLength(8, row));
            ByteBuffer stored = ByteBuffer.allocate(t.valueLength(8, row));
            t.readValue(8, row, stored);
            assertEquals(0, stored.get(stored.limit() - 1), "each string ends in a 0 byte");
            assertThrows(IllegalArgumentException.class, () -> t.setValue(7, row, ByteBuffer.wrap("{\"b\":1,\"a\":2}".getBytes())),
                    "raw JSON bytes must be canonical already");
            t.setValue(7, row, ByteBuffer.wrap("[true]".getBytes()));
            assertEquals("[true]", t.getString(7, row));
            assertThrows(IllegalArgumentException.class, () -> t.setValue(8, row, ByteBuffer.wrap(new byte[] {'a'})), "no terminator");
            assertThrows(IllegalArgumentException.class, () -> t.setValue(6, row, ByteBuffer.wrap(new byte[] {(byte) 0xC3})), "bad UTF-8");
            assertThrows(IllegalArgumentException.class, () -> t.setStrings(8, row, java.util.Arrays.asList("a", null)));
        }
    }

    @Test
    void loadersPlaceValuesAndAdoptChecksEveryReference() {
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            t.ensureCapacity(2);
            long data = t.prepareLoadedValues(6, 5);
            org.agrona.UnsafeApi.putByte(data, (byte) 'h');
            org.agrona.UnsafeApi.putByte(data + 1, (byte) 'i');
            org.agrona.UnsafeApi.putByte(data + 2, (byte) 'y');
            org.agrona.UnsafeApi.putByte(data + 3, (byte) 'o');
            org.agrona.UnsafeApi.putByte(data + 4, (byte) 'u');
            t.setLoadedValueRef(6, 0, 0, 2);
            t.setLoadedValueRef(6, 1, 2, 3);
            assertThrows(IllegalArgumentException.class, () -> t.setLoadedValueRef(6, 1, 4, 2), "past the loaded bytes");
            for (int c : new int[] {7, 8}) {
                t.putLoadedString(c == 7 ? 7 : 6, 0, c == 7 ? "{ }" : "hi");
            }
            t.putLoadedString(7, 1, "[ 1 ]");
            t.putLoadedStrings(8, 0, List.of("a"));
            t.putLoadedStrings(8, 1, List.of());
            t.loadDictionary(4, List.of("x", "y"));
            t.columnView(4, 0, 4).putShort(0, (short) 1).putShort(2, (short) 0);
            t.loadDictionary(5, List.of(""));
            t.columnView(5, 0, 2).put(0, (byte) 0).put(1, (byte) 0);
            t.adoptLoadedRows(2, 2);
            assertEquals("hi", t.getString(6, 0));
            assertEquals("{}", t.getString(7, 0));
            assertEquals("[1]", t.getString(7, 1));
            assertEquals("y", t.getString(4, 0));
            assertEquals(List.of("x", "y", "none"), t.dictionary(4).entries(), "the default is added when the loaded dictionary lacks it");
            assertEquals("none", t.getString(4, t.addRow()));
        }
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            t.ensureCapacity(1);
            t.loadDictionary(4, List.of("x"));
            t.columnView(4, 0, 2).putShort(0, (short) 7);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.adoptLoadedRows(1, 1));
            assertTrue(e.getMessage().contains("code 7"), e.getMessage());
        }
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            t.ensureCapacity(1);
            t.columnView(6, 0, 16).putLong(0, 1L << 40).putLong(8, 5);
            assertThrows(IllegalArgumentException.class, () -> t.adoptLoadedRows(1, 1), "a reference outside the values is never adopted");
            assertThrows(IllegalArgumentException.class, () -> t.loadDictionary(4, List.of("a", "a")));
        }
    }

    @Test
    void aCopyHoldsTheSameContentInDenseValues() {
        try (Table source = Table.allocate(HEXES, memory.root(), 4); Table copy = Table.allocate(HEXES, memory.root(), 4)) {
            for (int i = 0; i < 50; i++) {
                long row = source.addRow();
                source.setString(6, row, "n" + i);
                source.setString(4, row, "c" + i % 7);
                source.setStrings(8, row, List.of("o" + i));
                source.setFloat(1, row, i % 8, i);
            }
            source.removeRow(3);
            source.setString(6, 5, "a much longer note than before");
            copy.copyRowsFrom(source);
            assertEquals(ContentHash.hex(source), ContentHash.hex(copy));
            assertTrue(WorldDiff.first(source, copy).isEmpty(), WorldDiff.first(source, copy).toString());
            source.setString(4, 0, "new county");
            copy.copyRowsFrom(source);
            assertEquals(source.dictionary(4).entries(), copy.dictionary(4).entries(), "a copy follows new entries");
        }
    }

    @Test
    void aRecorderHearsEveryKindOfWrite() {
        try (Table t = Table.allocate(HEXES, memory.root(), 4)) {
            List<String> heard = new ArrayList<>();
            long row = t.addRow();
            t.attachRecorder(new TableRecorder() {
                public void added(long entityId) {
                    heard.add("added " + entityId);
                }

                public void removed(long entityId) {
                    heard.add("removed " + entityId);
                }

                public void set(long entityId, int column, long bits) {
                    heard.add("set " + column + " " + bits);
                }

                public void setValue(long entityId, int column, long address, int length) {
                    heard.add("value " + column + " " + length);
                }

                public void setElement(long entityId, int column, int index, long bits) {
                    heard.add("element " + column + " " + index + " " + Float.intBitsToFloat((int) bits));
                }

                public void dictionaryAdded(int column, int code, String entry) {
                    heard.add("dictionary " + column + " " + code + " " + entry);
                }
            });
            t.setFloat(1, row, 2, 0.5f);
            t.setString(4, row, "Travis");
            t.setString(4, row, "Travis");
            t.setArray(1, row, new float[8]);
            t.setString(6, row, "hé");
            t.setStrings(8, row, List.of("a", "b"));
            assertEquals(List.of("element 1 2 0.5", "dictionary 4 1 Travis", "set 4 1", "set 4 1", "value 1 32", "value 6 3", "value 8 4"), heard);
            t.detachRecorder();
        }
    }
}
