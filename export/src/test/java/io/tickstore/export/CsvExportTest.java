package io.tickstore.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickstore.columns.World;
import io.tickstore.columns.testing.LeakCheckingAllocator;
import io.tickstore.snapshot.SampleWorlds;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** CSV output: a header, then one line per live row with the entity id first. */
class CsvExportTest {
    @RegisterExtension
    final LeakCheckingAllocator memory = new LeakCheckingAllocator();

    @TempDir
    Path temp;

    @Test
    void everyTypeIsWrittenAsText() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 3)) {
            StringWriter out = new StringWriter();
            CsvExport.write(world.table(SampleWorlds.KINDS), out);
            assertEquals(List.of(
                    "_entity_id,v_i8,v_u8,v_i16,v_u16,v_i32,v_u32,v_i64,v_u64,v_f32,v_f64,v_bool",
                    "0,-128,0,-32768,0,-2147483648,0,-9223372036854775808,0,NaN,NaN,true",
                    "1,127,255,32767,65535,2147483647,4294967295,9223372036854775807,18446744073709551615,-0.0,-0.0,false",
                    "2,0,1,0,1,0,1,0,1,Infinity,Infinity,true"), out.toString().lines().toList());
        }
    }

    @Test
    void rowsFollowSlotOrderAfterRemovalsAndAFileIsWrittenWhole() throws IOException {
        try (World world = SampleWorlds.kindsWorld(memory.root(), 4)) {
            world.table(SampleWorlds.KINDS).removeEntity(1);
            Path file = temp.resolve("kinds.csv");
            CsvExport.write(world.table(SampleWorlds.KINDS), file);
            List<String> lines = Files.readAllLines(file);
            assertEquals(4, lines.size());
            assertEquals(List.of("0", "3", "2"), lines.subList(1, 4).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
            try (var entries = Files.list(temp)) {
                assertEquals(1, entries.count(), "no temporary file is left behind");
            }
        }
    }
}
