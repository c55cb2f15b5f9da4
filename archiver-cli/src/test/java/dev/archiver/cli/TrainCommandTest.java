package dev.archiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.predict.LogisticModel;
import dev.archiver.testkit.AccessLogWriter;
import dev.archiver.testkit.Workload;
import dev.archiver.testkit.WorkloadGenerator;
import org.junit.jupiter.api.BeforeAll;
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

class TrainCommandTest {
    @TempDir
    static Path dir;
    static Path logs;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return ArchiverCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @BeforeAll
    static void writeLogs() {
        Workload w = WorkloadGenerator.builder().objects(1_500).days(160).seed(5).build().generate();
        logs = dir.resolve("logs");
        AccessLogWriter.builder().noise(true).build().writeDaily(w.events(), logs);
    }

    @Test
    void train_writesModel_andPrintsLaterWindowEvaluation() throws Exception {
        Path model = dir.resolve("model.json");
        int code = run("train", "--access-logs", logs.toString(), "--horizon-days", "30", "--out", model.toString());
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("ROC AUC"), text);
        assertTrue(text.contains("age-rule:30"), text);
        assertTrue(text.contains("Calibration of"), text);
        assertTrue(text.contains("(later window)"), text);
        LogisticModel m = LogisticModel.load(model);
        assertEquals(30, ((Number) m.metadata().get("horizonDays")).intValue());
        assertTrue(m.metadata().containsKey("trainingWindow"));
        assertTrue(err.toString().contains("keys"), err.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--model", model.toString(), "--access-logs", logs.toString(), "--format", "json"),
                err.toString());
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertEquals(30, doc.get("horizonDays").asInt(), "horizon from the model card");
        double model_ = doc.at("/evaluation/model/rocAuc").asDouble();
        double rule = doc.at("/evaluation/ageRule/rocAuc").asDouble();
        assertTrue(model_ > rule, model_ + " vs " + rule);
    }

    @Test
    void train_csv_printsOneHeaderAndTwoRows() {
        assertEquals(0, run("train", "--access-logs", logs.toString(), "--horizon-days", "30", "--out",
                dir.resolve("m2.json").toString(), "--format", "csv"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size(), out.toString());
        assertTrue(lines.get(0).startsWith("predictor,rows,positive_rate,roc_auc"), lines.get(0));
        assertTrue(lines.get(2).startsWith("age-rule:30,"), lines.get(2));
    }

    @Test
    void train_sampleKeys_recordsTheSampleInTheModelCard() {
        Path model = dir.resolve("sampled.json");
        assertEquals(0, run("train", "--access-logs", logs.toString(), "--horizon-days", "30", "--sample-keys", "0.5",
                "--out", model.toString(), "--format", "json"), err.toString());
        java.util.Map<?, ?> sample = (java.util.Map<?, ?>) LogisticModel.load(model).metadata().get("keySample");
        assertEquals(0.5, ((Number) sample.get("fraction")).doubleValue());
        int keys = ((Number) sample.get("keys")).intValue();
        assertTrue(keys > 500 && keys < 1_000, "about half of 1,500: " + keys);
    }

    @Test
    void train_exits2WithOneLine_whenInputIsEmpty() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        int code = run("train", "--access-logs", empty.toString(), "--out", dir.resolve("x.json").toString());
        assertEquals(2, code);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("archiver: no S3 server access log lines in the input"), err.toString());
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    @Test
    void train_exits2_whenLogsAreTooShortForTwoWindows() {
        int code = run("train", "--access-logs", logs.toString(), "--horizon-days", "90", "--out", dir.resolve("y.json").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("needs about"), err.toString());
    }

    @Test
    void train_strict_failsNamingFileAndLine_whenALineIsMalformed() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("2025-01-01-00-00-00-X"), "owner bucket [01/Jan/2025:00:00:00 +0000] \"unterminated\n");
        int code = run("train", "--access-logs", bad.toString(), "--strict", "--out", dir.resolve("z.json").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("2025-01-01-00-00-00-X:1: malformed"), err.toString());
    }

    @Test
    void evaluate_exits2_whenModelIsMissing() {
        assertEquals(2, run("evaluate", "--model", dir.resolve("none.json").toString(), "--access-logs", logs.toString()));
        assertTrue(err.toString().contains("none.json"), err.toString());
    }
}
