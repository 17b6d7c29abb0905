package io.tickstore.jmh.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    @Test
    void everyRatioGetsAChartRenderedHeadlessAndALineInTheTable() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path history = Files.createDirectories(dir.resolve("history"));
        double[] writes = {12, 13, 11.5};
        for (int i = 0; i < writes.length; i++) {
            RunResult run = RegressFixtures.run(dir, "jmh-" + i + ".json", writes[i], 0.5);
            RunResults.write(new RunResult(run.format(), run.commit(), "2026-01-0" + (i + 1) + "T00:00:00Z", run.jdk(),
                    run.machine(), run.args(), 1, run.measurements(), run.ratios()), history.resolve("run-" + i + ".json"));
        }
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Path out = dir.resolve("report");

        Report.report(History.load(history), out, new PrintStream(terminal, true, StandardCharsets.UTF_8));

        List<Path> pngs;
        try (Stream<Path> files = Files.list(out)) {
            pngs = files.toList();
        }
        assertEquals(2, pngs.size(), pngs.toString());
        for (Path png : pngs) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(RatioChart.WIDTH, image.getWidth());
        }
        String table = terminal.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("3 runs, 2 ratios"), table);
        assertTrue(table.contains("1.150 ±"), table);
    }
}
