package io.lakestream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's charts, PNG files drawn with XChart from the figures the report's tables hold (a
 * chart never shows a number the tables do not).
 */
public final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 420;

    private Charts() {}

    /** A named series of an XY chart: x and y values of the same length. */
    public record Series(String name, List<? extends Number> x, List<? extends Number> y) {}

    /**
     * A horizontal-label bar chart of one value per contender (e.g. the median events/s), written
     * to {@code file}; returns the Markdown that shows it.
     */
    public static String bars(
            Path file,
            String title,
            String yTitle,
            List<String> contenders,
            List<? extends Number> values,
            String link)
            throws IOException {
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .yAxisTitle(yTitle)
                        .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setXAxisLabelRotation(0);
        chart.getStyler().setDecimalPattern("#,##0.##");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.addSeries(yTitle, contenders, values);
        return write(chart, file, title, link);
    }

    /** An XY line chart of one or more series, written to {@code file}; returns its Markdown. */
    public static String lines(
            Path file, String title, String xTitle, String yTitle, List<Series> series, String link)
            throws IOException {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setDecimalPattern("#,##0.##");
        for (Series s : series) {
            chart.addSeries(s.name(), s.x(), s.y());
        }
        return write(chart, file, title, link);
    }

    private static String write(
            org.knowm.xchart.internal.chartpart.Chart<?, ?> chart,
            Path file,
            String title,
            String link)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return "![" + title + "](" + link + file.getFileName() + ")\n\n";
    }
}
