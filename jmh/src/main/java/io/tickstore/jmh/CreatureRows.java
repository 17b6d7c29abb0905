package io.tickstore.jmh;

import io.tickstore.columns.Table;
import java.util.ArrayList;

/** Turns the creature table into a list of {@link CreatureRow} objects, one per live row. */
final class CreatureRows {
    private CreatureRows() {
    }

    static ArrayList<CreatureRow> of(Table creatures) {
        int posX = creatures.columnIndex("pos_x");
        int posY = creatures.columnIndex("pos_y");
        int velX = creatures.columnIndex("vel_x");
        int velY = creatures.columnIndex("vel_y");
        int energy = creatures.columnIndex("energy");
        int birthT = creatures.columnIndex("birth_t");
        int id = creatures.columnIndex("id");
        int gen = creatures.columnIndex("gen");
        int rows = Math.toIntExact(creatures.rowCount());
        ArrayList<CreatureRow> list = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            list.add(new CreatureRow(creatures.entityId(row),
                    creatures.getFloat(posX, row), creatures.getFloat(posY, row),
                    creatures.getFloat(velX, row), creatures.getFloat(velY, row),
                    creatures.getFloat(energy, row), creatures.getDouble(birthT, row),
                    creatures.getUnsignedInt(id, row), creatures.getUnsignedInt(gen, row)));
        }
        return list;
    }
}
