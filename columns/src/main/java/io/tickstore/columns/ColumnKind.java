package io.tickstore.columns;

/**
 * What one row of a column holds. {@link ColumnLayout} pairs a kind with its element type and shape.
 *
 * <table>
 *   <caption>kinds</caption>
 *   <tr><th>kind</th><th>type text</th><th>a row holds</th><th>in memory</th></tr>
 *   <tr><td>{@link #SCALAR}</td><td>{@code f32}</td><td>one value of a {@link ColumnType}</td><td>the value</td></tr>
 *   <tr><td>{@link #ARRAY}</td><td>{@code f32[768]}, {@code f64[4,3]}</td><td>a fixed-shape array of values, row-major</td>
 *       <td>the elements, one row after another in one buffer</td></tr>
 *   <tr><td>{@link #CATEGORICAL}</td><td>{@code cat<u16>}</td><td>a string from the column's dictionary</td>
 *       <td>its code (u8, u16 or u32); the strings in the table's {@link CategoryDictionary}</td></tr>
 *   <tr><td>{@link #STRING}</td><td>{@code str}</td><td>UTF-8 text of any length</td><td>variable-length</td></tr>
 *   <tr><td>{@link #JSON}</td><td>{@code json}</td><td>a JSON value, held in its canonical text ({@link JsonText})</td>
 *       <td>variable-length</td></tr>
 *   <tr><td>{@link #STRING_LIST}</td><td>{@code str[]}</td><td>a list of strings</td><td>variable-length</td></tr>
 * </table>
 *
 * Variable-length values live in an arena the table owns, addressed per row; a snapshot stores them as Arrow's
 * offsets-plus-data layout, two {@code .npy} files (see FORMAT.md).
 */
public enum ColumnKind {
    SCALAR,
    ARRAY,
    CATEGORICAL,
    STRING,
    JSON,
    STRING_LIST;

    /** Whether rows of this kind have values of varying length (text, JSON, lists). */
    public boolean isVariableLength() {
        return this == STRING || this == JSON || this == STRING_LIST;
    }

    /** Whether a row's value is a string (categorical, text or JSON text). */
    public boolean isText() {
        return this == CATEGORICAL || this == STRING || this == JSON;
    }
}
