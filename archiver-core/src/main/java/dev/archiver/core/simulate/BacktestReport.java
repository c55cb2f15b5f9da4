package dev.archiver.core.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.core.ArchiverException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Renders a {@link BacktestResult}: one row per policy as a CSV or a JSON document, and an HTML page with inline
 * SVG charts (cumulative cost per policy over time, cost per key prefix, ratio to the oracle, restore waits)
 * that opens offline.
 *
 * <pre>{@code
 * BacktestReport report = new BacktestReport(result);
 * System.out.print(report.csv());
 * report.writeHtml(Path.of("report"));   // report/index.html
 * }</pre>
 */
public final class BacktestReport {
    /** The columns of {@link #rows()} and {@link #csv()}. */
    public static final List<String> COLUMNS = List.of("policy", "total", "storage", "requests", "retrieval",
            "early_deletion", "monitoring", "transitions", "oracle", "ratio_to_oracle", "moves", "restore_waits",
            "restore_wait_hours");
    private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000", "#aec7e8"};

    private final BacktestResult result;

    public BacktestReport(BacktestResult result) {
        this.result = java.util.Objects.requireNonNull(result, "result");
    }

    /** One row of strings per policy, in {@link #COLUMNS} order; money with 4 decimals. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (PolicyStats p : result.policies()) {
            Bill b = p.bill();
            String oracle = result.oracleFor(p).map(PolicyStats::name).orElse("");
            double ratio = result.ratioToOracle(p.name());
            rows.add(List.of(p.name(), money(b.total()), money(b.storage()), money(b.requests()), money(b.retrieval()),
                    money(b.earlyDeletion()), money(b.monitoring()), money(b.transitions()), oracle,
                    Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.3f", ratio), Long.toString(p.moves()),
                    Long.toString(p.restoreWaits()), String.format(Locale.ROOT, "%.1f", p.restoreWaitHours())));
        }
        return rows;
    }

    /** RFC 4180 CSV: a header and one line per policy. */
    public String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (List<String> row : rows()) {
            for (int i = 0; i < row.size(); i++) {
                String c = row.get(i);
                if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0) {
                    c = '"' + c.replace("\"", "\"\"") + '"';
                }
                sb.append(i == 0 ? "" : ",").append(c);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** One JSON document: the trace's span and, per policy, its bill, ratio, waits and cost per prefix. */
    public String json() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("start", result.start().toString());
        root.put("end", result.end().toString());
        root.put("countFrom", result.countFrom().toString());
        root.put("events", result.events());
        root.put("objects", result.objects());
        ArrayNode policies = root.putArray("policies");
        for (PolicyStats p : result.policies()) {
            ObjectNode n = policies.addObject();
            n.put("name", p.name());
            n.put("millisecondOnly", p.millisecondOnly());
            n.set("bill", bill(json, p.bill()));
            result.oracleFor(p).ifPresent(o -> n.put("oracle", o.name()));
            double ratio = result.ratioToOracle(p.name());
            if (!Double.isNaN(ratio)) {
                n.put("ratioToOracle", ratio);
            }
            n.put("moves", p.moves());
            n.put("restoreWaits", p.restoreWaits());
            n.put("restoreWaitHours", p.restoreWaitHours());
            ObjectNode prefixes = n.putObject("byPrefix");
            p.byPrefix().forEach((k, v) -> prefixes.set(k, bill(json, v)));
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode bill(ObjectMapper json, Bill b) {
        ObjectNode n = json.createObjectNode();
        n.put("total", b.total());
        n.put("storage", b.storage());
        n.put("requests", b.requests());
        n.put("retrieval", b.retrieval());
        n.put("earlyDeletion", b.earlyDeletion());
        n.put("monitoring", b.monitoring());
        n.put("transitions", b.transitions());
        return n;
    }

    /**
     * Writes {@code dir/index.html} (creating the folder), plus {@code results.csv} and {@code results.json}.
     *
     * @return the HTML file
     * @throws ArchiverException naming the folder when it cannot be written
     */
    public Path writeHtml(Path dir) {
        try {
            Files.createDirectories(dir);
            Path html = dir.resolve("index.html");
            Files.writeString(html, html(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("results.csv"), csv(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("results.json"), json(), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new ArchiverException(dir + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    /** The HTML page (self-contained: inline CSS and SVG, no script, no network). */
    public String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Archiver backtest</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append("svg{background:#fafafa;border:1px solid #ddd;margin:1em 0}</style></head><body>\n")
                .append("<h1>Archiver backtest</h1>\n<p>Trace ").append(result.start()).append(" .. ").append(result.end())
                .append(", ").append(String.format(Locale.ROOT, "%,d", result.events())).append(" events, ")
                .append(String.format(Locale.ROOT, "%,d", result.objects())).append(" objects. Costs counted from ")
                .append(result.countFrom()).append(" (USD, S3 billing conventions of docs/backtest.md).</p>\n");
        h.append("<h2>Totals</h2>\n<table><tr>");
        for (String c : COLUMNS) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (List<String> row : rows()) {
            h.append("<tr>");
            for (String c : row) {
                h.append("<td>").append(esc(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        h.append("<h2>Cumulative cost over time</h2>\n").append(cumulative());
        h.append("<h2>Ratio to the oracle</h2>\n").append(bars(true));
        h.append("<h2>Restore waits (reads that waited)</h2>\n").append(bars(false));
        h.append("<h2>Cost per key prefix</h2>\n").append(prefixTable());
        h.append("</body></html>\n");
        return h.toString();
    }

    private String cumulative() {
        int w = 900;
        int hgt = 360;
        int left = 70;
        int bottom = 30;
        List<PolicyStats> ps = result.policies();
        long origin = ps.get(0).dailyOrigin();
        int from = (int) Math.max(0, (result.countFrom().getEpochSecond() - origin) / Tariff.DAY);
        int days = ps.get(0).daily().length;
        double max = 0;
        for (PolicyStats p : ps) {
            max = Math.max(max, p.total());
        }
        max = max <= 0 ? 1 : max;
        int span = Math.max(1, days - from);
        StringBuilder s = new StringBuilder();
        s.append("<svg width=\"").append(w + 220).append("\" height=\"").append(hgt + bottom + 10).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        s.append(axis(left, hgt, w, max));
        for (int i = 0; i < ps.size(); i++) {
            double[] d = ps.get(i).daily();
            StringBuilder pts = new StringBuilder();
            double acc = 0;
            for (int k = from; k < days; k++) {
                acc += d[k];
                double x = left + (k - from + 1) * (double) w / span;
                double y = hgt - acc / max * (hgt - 10);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String col = COLOURS[i % COLOURS.length];
            s.append("<polyline fill=\"none\" stroke=\"").append(col).append("\" stroke-width=\"1.5\" points=\"").append(pts).append("\"/>\n");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"%s\">%s</text>%n",
                    left + w + 10, 20 + 16 * i, col, esc(ps.get(i).name())));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">days since counting started (%d)</text>%n",
                left + w / 2 - 80, hgt + 25, span));
        return s.append("</svg>\n").toString();
    }

    private static String axis(int left, int hgt, int w, double max) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, hgt, left + w, hgt));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", left, left, hgt));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = hgt - v / max * (hgt - 10);
            s.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%.1f\" font-size=\"11\">%.2f</text>%n", y + 4, v));
        }
        return s.toString();
    }

    private String bars(boolean ratio) {
        List<PolicyStats> ps = result.policies();
        double max = 0;
        double[] values = new double[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            values[i] = ratio ? result.ratioToOracle(ps.get(i).name()) : ps.get(i).restoreWaits();
            if (!Double.isNaN(values[i])) {
                max = Math.max(max, values[i]);
            }
        }
        max = max <= 0 ? 1 : max;
        int rowH = 22;
        StringBuilder s = new StringBuilder();
        s.append("<svg width=\"900\" height=\"").append(rowH * ps.size() + 10).append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int i = 0; i < ps.size(); i++) {
            double v = Double.isNaN(values[i]) ? 0 : values[i];
            int y = 5 + i * rowH;
            double len = v / max * 560;
            s.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\" font-size=\"12\">%s</text>%n", y + 14, esc(ps.get(i).name())));
            s.append(String.format(Locale.ROOT, "<rect x=\"260\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>%n",
                    y, len, COLOURS[i % COLOURS.length]));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>%n", 265 + len, y + 14,
                    Double.isNaN(values[i]) ? "n/a" : ratio ? String.format(Locale.ROOT, "%.3f", v)
                            : String.format(Locale.ROOT, "%,d (%.0f h)", (long) v, ps.get(i).restoreWaitHours())));
        }
        return s.append("</svg>\n").toString();
    }

    private String prefixTable() {
        TreeSet<String> prefixes = new TreeSet<>();
        for (PolicyStats p : result.policies()) {
            prefixes.addAll(p.byPrefix().keySet());
        }
        StringBuilder h = new StringBuilder("<table><tr><th>policy</th>");
        for (String p : prefixes) {
            h.append("<th>").append(esc(p)).append("</th>");
        }
        h.append("</tr>\n");
        for (PolicyStats p : result.policies()) {
            h.append("<tr><td>").append(esc(p.name())).append("</td>");
            for (String k : prefixes) {
                Bill b = p.byPrefix().get(k);
                h.append("<td>").append(b == null ? "" : money(b.total())).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
