package io.github.ftp3p.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes the run as one PNG of bar charts (XChart): wall time, client CPU, files per second, RTT per file, and for the
 * tree scenario files per second and RTT per file.
 */
final class Chart {

    private static final List<String> CLIENTS = List.of(Result.FTP3P, Result.LFTP, Result.RELAY);
    private static final List<String> MANY_CLIENTS = List.of(Result.FTP3P_BATCH, Result.FTP3P, Result.LFTP, Result.RELAY);
    /** One colour per client, the same in every chart. */
    private static final java.util.Map<String, Color> COLORS = java.util.Map.of(Result.FTP3P_BATCH, new Color(0x08519c),
            Result.FTP3P, new Color(0x6baed6), Result.LFTP, new Color(0xff7f0e), Result.RELAY, new Color(0x7f7f7f),
            TreeResult.FTP3P, new Color(0x08519c), TreeResult.LFTP, new Color(0xff7f0e));
    private static final Color GOAL = new Color(0x2ca02c);

    private Chart() {
    }

    static void write(Report report, Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        String size = BenchConfig.formatSize(report.config.size());
        List<CategoryChart> charts = new ArrayList<>(List.of(
                large(report, "One " + size + " file: wall time (s)", "s", "0.00", r -> r.m().seconds()),
                large(report, "One " + size + " file: client CPU (s)", "CPU s", "0.000", r -> Math.max(r.m().cpuSeconds(), 0)),
                many(report),
                rtt(report)));
        charts.addAll(tree(report));
        charts.removeIf(chart -> chart.getSeriesMap().isEmpty()); // XChart cannot draw a chart without series
        if (charts.isEmpty()) {
            return;
        }
        String title = "ftp3p benchmark " + report.started.toLocalDate() + ", loopback, "
                + Runtime.getRuntime().availableProcessors() + " cores";
        charts.get(0).setTitle(charts.get(0).getTitle() + "  [" + title + "]");
        int columns = charts.size() % 2 == 0 ? 2 : 1; // XChart needs a full grid
        BitmapEncoder.saveBitmap(charts, charts.size() / columns, columns, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart chart(String title, String yTitle, String decimals) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(420).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setYAxisDecimalPattern(decimals);
        return chart;
    }

    private static CategoryChart large(Report report, String title, String yTitle, String decimals,
                                       ToDoubleFunction<Result> value) {
        CategoryChart chart = chart(title, yTitle, decimals);
        List<String> pairs = report.pairs(Result.LARGE);
        for (String client : CLIENTS) {
            series(chart, client, pairs, pair -> report.find(Result.LARGE, pair, "", client), value);
        }
        return chart;
    }

    private static CategoryChart many(Report report) {
        CategoryChart chart = chart(report.config.files() + " x 4 KiB: files per second", "files/s", "#,##0");
        List<String> categories = modeCategories(report, Result.MANY);
        for (String client : MANY_CLIENTS) {
            series(chart, client, categories, category -> byMode(report, Result.MANY, category, client),
                    Result::filesPerSecond);
        }
        return chart;
    }

    /** One category per pair and mode: "PAIR seq", "PAIR x4". */
    private static List<String> modeCategories(Report report, String scenario) {
        List<String> categories = new ArrayList<>();
        for (String pair : report.pairs(scenario)) {
            categories.add(pair + " " + Result.SEQUENTIAL);
            categories.add(pair + " " + Result.PARALLEL);
        }
        return categories;
    }

    private static Optional<Result> byMode(Report report, String scenario, String category, String client) {
        String[] parts = category.split(" ");
        return report.find(scenario, parts[0], parts[1], client);
    }

    private static CategoryChart rtt(Report report) {
        CategoryChart chart = chart(report.config.rttMillis() + " ms RTT: round trips per file (goal 1.5 / 0.4)", "RTT/file", "0.00");
        List<String> categories = modeCategories(report, Result.RTT);
        for (String client : List.of(Result.FTP3P_BATCH, Result.FTP3P, Result.LFTP)) {
            series(chart, client, categories, category -> byMode(report, Result.RTT, category, client),
                    report::roundTripsPerFile);
        }
        if (!categories.isEmpty()) {
            List<Double> goals = categories.stream().map(c -> c.endsWith(Result.SEQUENTIAL) ? 1.5 : 0.4).toList();
            chart.addSeries("goal", categories, goals).setFillColor(GOAL);
        }
        return chart;
    }

    /**
     * The tree scenario: files per second at the smallest round trip time, round trips per file at the largest, one
     * bar per pair and lane count ("vsftpd x8").
     */
    private static List<CategoryChart> tree(Report report) {
        List<TreeResult> results = report.treeResults();
        List<Integer> rtts = report.config.tree().rtts();
        if (results.isEmpty() || rtts.isEmpty()) {
            return List.of();
        }
        int near = rtts.stream().min(Integer::compare).orElseThrow();
        int far = rtts.stream().max(Integer::compare).orElseThrow();
        List<String> categories = new ArrayList<>();
        for (String pair : results.stream().map(TreeResult::pair).distinct().toList()) {
            report.config.tree().lanes().forEach(lanes -> categories.add(pair + " x" + lanes));
        }
        CategoryChart speed = chart("Tree, " + near + " ms RTT: files per second", "files/s", "#,##0");
        CategoryChart latency = chart("Tree, " + far + " ms RTT: round trips per file (goal 1.3 / 0.2)", "RTT/file", "0.00");
        for (String client : List.of(TreeResult.FTP3P, TreeResult.LFTP)) {
            series(speed, client, categories, c -> treeFind(report, c, near, client), TreeResult::filesPerSecond);
            series(latency, client, categories, c -> treeFind(report, c, far, client), TreeResult::roundTripsPerFile);
        }
        return List.of(speed, latency);
    }

    private static Optional<TreeResult> treeFind(Report report, String category, int rtt, String client) {
        String[] parts = category.split(" x");
        return TreeReport.find(report, parts[0], rtt, client, Integer.parseInt(parts[1]));
    }

    /** One bar per category, 0 where the client has no result; no series for a client without any. */
    private static <R> void series(CategoryChart chart, String name, List<String> categories,
                                   Function<String, Optional<R>> find, ToDoubleFunction<R> value) {
        List<Double> values = new ArrayList<>();
        boolean any = false;
        for (String category : categories) {
            Optional<R> result = find.apply(category);
            any |= result.isPresent();
            values.add(result.map(value::applyAsDouble).orElse(0.0));
        }
        if (any) {
            chart.addSeries(name, categories, values).setFillColor(COLORS.get(name));
        }
    }
}
