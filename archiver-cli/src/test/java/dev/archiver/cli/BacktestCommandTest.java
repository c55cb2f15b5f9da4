package dev.archiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.testkit.AccessLogWriter;
import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return ArchiverCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    Path trace(Path dir) {
        Path t = dir.resolve("trace.csv.gz");
        assertEquals(0, ArchiverCommand.execute(new String[]{"generate-trace", "--objects", "300", "--days", "200",
                "--seed", "3", "--out", t.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true)));
        return t;
    }

    @Test
    void backtest_readsS3AccessLogs_whenGivenInsteadOfATrace(@TempDir Path dir) {
        Workload w = WorkloadGenerator.builder().objects(300).days(200).seed(3).build().generate();
        Path logs = dir.resolve("logs.gz");
        AccessLogWriter.builder().build().write(w.events(), logs);
        int code = run("backtest", "--access-logs", logs.toString(), "--train-days", "60",
                "--policies", "standard,oracle:ms", "--format", "csv");
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(1).startsWith("standard,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("oracle:ms,") && lines.get(2).contains(",oracle:ms,1.000,"), lines.get(2));
        assertTrue(err.toString().contains("log lines"), err.toString());
    }

    @Test
    void backtest_refusesBothOrNeitherSource(@TempDir Path dir) {
        assertEquals(2, run("backtest", "--train-days", "60"));
        assertEquals(2, run("backtest", "--trace", "t.csv", "--access-logs", "logs/", "--train-days", "60"));
    }

    @Test
    void backtest_csv_printsOneRowPerPolicy_andTheOracleRatioOne(@TempDir Path dir) {
        int code = run("backtest", "--trace", trace(dir).toString(), "--train-days", "60",
                "--policies", "standard,lifecycle:30:STANDARD_IA,90:GLACIER_IR,oracle:ms", "--format", "csv");
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("policy,total,storage,"), lines.get(0));
        assertTrue(lines.get(2).startsWith("\"lifecycle:30:STANDARD_IA,90:GLACIER_IR\","), lines.get(2));
        assertTrue(lines.get(3).startsWith("oracle:ms,") && lines.get(3).contains(",oracle:ms,1.000,"), lines.get(3));
    }

    @Test
    void backtest_jsonAndReport_writeOneDocumentAndAnOfflinePage(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        int code = run("backtest", "--trace", trace(dir).toString(), "--train-days", "60",
                "--policies", "standard,intelligent-tiering,original-age-rule,oracle", "--format", "json",
                "--report", report.toString());
        assertEquals(0, code, err.toString());
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(4, root.get("policies").size());
        assertEquals("oracle", root.get("policies").get(2).get("oracle").asText());
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("<svg") && html.contains("polyline") && html.contains("original-age-rule"));
        assertFalse(html.contains("http://") && html.contains("<script"), "no script, nothing fetched");
        assertTrue(Files.exists(report.resolve("results.csv")));
    }

    @Test
    void backtest_exitsTwoWithOneLine_whenTraceLineIsBad(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "timestamp,operation,key,size_bytes\n2025-01-01T00:00:00Z,PUT,a,10\n2025-01-02T00:00:00Z,GOT,a,\n");
        assertEquals(2, run("backtest", "--trace", bad.toString(), "--train-days", "0"));
        String e = err.toString();
        assertTrue(e.contains("bad.csv:3:") && e.contains("GOT"), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test
    void backtest_exitsTwo_whenPolicyIsUnknown(@TempDir Path dir) {
        assertEquals(2, run("backtest", "--trace", trace(dir).toString(), "--policies", "standard,cheapest"));
        assertTrue(err.toString().contains("unknown policy 'cheapest'"), err.toString());
    }

    @Test
    void backtest_exitsTwo_whenTrainingCoversTheWholeTrace(@TempDir Path dir) {
        assertEquals(2, run("backtest", "--trace", trace(dir).toString(), "--train-days", "400", "--policies", "standard"));
        assertTrue(err.toString().contains("--train-days 400"), err.toString());
    }
}
