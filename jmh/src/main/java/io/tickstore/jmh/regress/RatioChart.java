package io.tickstore.jmh.regress;

import io.tickstore.columns.TickstoreException;
import io.tickstore.columns.TickstoreException.Problem;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** One ratio's history as a PNG: a point per run with its error bar, runs oldest first, and the line of 1 (parity). */
final class RatioChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    private RatioChart() {
    }

    static void write(String name, List<History.Point> points, Path png) {
        YIntervalSeries series = new YIntervalSeries("ours ÷ peer");
        int x = 1;
        for (History.Point p : points) {
            series.add(x++, p.ratio().ratio(), p.ratio().low(), p.ratio().high());
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(series);

        NumberAxis runs = new NumberAxis("run (oldest first; " + points.get(0).run().date() + " to "
                + points.get(points.size() - 1).run().date() + ")");
        runs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis ratio = new NumberAxis("Tickstore's time ÷ the peer's (lower is better)");
        ratio.setAutoRangeIncludesZero(true);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        renderer.setErrorPaint(new Color(0x1f, 0x77, 0xb4, 0x80));
        XYPlot plot = new XYPlot(data, runs, ratio, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker parity = new ValueMarker(1.0, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        plot.addRangeMarker(parity);
        JFreeChart chart = new JFreeChart(name, JFreeChart.DEFAULT_TITLE_FONT.deriveFont(13f), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new TickstoreException(Problem.IO, png + ": cannot write the chart: " + e.getMessage(), e);
        }
    }

    /** A file name for a ratio's chart: its name with everything but letters, digits, '.', '=' and '-' as '_'. */
    static String fileName(String ratioName) {
        String safe = ratioName.replace(" ÷ ", "__vs__").replaceAll("[^A-Za-z0-9.=-]+", "_");
        return (safe.length() > 180 ? safe.substring(0, 180) : safe) + ".png";
    }
}
