package dev.archiver.testkit;

import dev.archiver.core.access.AccessHistoryIndex;
import dev.archiver.core.access.AccessLogParser;
import dev.archiver.core.access.AccessLogSource;
import dev.archiver.core.access.AccessLogTrace;
import dev.archiver.core.access.ParseReport;
import dev.archiver.core.simulate.TraceEvent;
import dev.archiver.core.train.Evaluation;
import dev.archiver.core.train.PointInTimeTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogWriterTest {

    @Test
    void writeDaily_roundTripsThroughTheParser_toTheSameTrace(@TempDir Path dir) {
        Workload w = WorkloadGenerator.builder().objects(300).days(60).seed(3).build().generate();
        long lines = AccessLogWriter.builder().noise(true).build().writeDaily(w.events(), dir);
        AccessLogTrace.Result r = AccessLogTrace.read(AccessLogSource.local(dir), AccessLogParser.builder().strict(true).build(),
                null);
        assertTrue(lines > w.events().size(), "noise lines were added");
        assertEquals(lines, r.report().lines());
        assertEquals(w.events(), r.events(), "HEADs, denied GETs and listings are not events");
    }

    @Test
    void write_gzip_andKeysWithSpacesAndUnicode_roundTrip(@TempDir Path dir) {
        java.time.Instant t = WorkloadGenerator.DEFAULT_START;
        List<TraceEvent> events = List.of(TraceEvent.put(t, "my photos/café ☕ #1.jpg", 10),
                TraceEvent.get(t.plusSeconds(5), "my photos/café ☕ #1.jpg"),
                TraceEvent.put(t.plusSeconds(6), "a+b=c&d?e%f", 3), TraceEvent.delete(t.plusSeconds(9), "a+b=c&d?e%f"));
        Path file = dir.resolve("all.log.gz");
        AccessLogWriter.builder().build().write(events, file);
        assertEquals(events, AccessLogTrace.read(AccessLogSource.local(file), AccessLogParser.builder().strict(true).build(),
                "example-bucket").events());
    }

    /**
     * The proof: on access logs with known signal, a model trained on the earlier window beats the
     * original design's age rule on the later window, on ranking (ROC AUC) and on probabilities (log loss).
     */
    @Test
    void trainedModel_beatsTheAgeRule_onALaterWindow(@TempDir Path dir) {
        Workload w = WorkloadGenerator.builder().objects(3_000).days(200).seed(11).build().generate();
        AccessLogWriter.builder().noise(true).build().writeDaily(w.events(), dir);
        AccessHistoryIndex index = AccessHistoryIndex.builder().build();
        ParseReport report = index.addAll(AccessLogSource.local(dir), AccessLogParser.builder().build());
        assertEquals(0, report.malformedLines());

        PointInTimeTraining.Outcome o = PointInTimeTraining.builder().horizon(Duration.ofDays(30))
                .every(Duration.ofDays(7)).build().run(index);
        Evaluation model = o.evaluation();
        Evaluation rule = o.baseline();
        assertTrue(o.split().isAfter(o.trainFrom()));
        assertTrue(model.rows() > 1_000, "rows " + model.rows());
        assertTrue(model.rocAuc() > rule.rocAuc() + 0.05, model.rocAuc() + " vs " + rule.rocAuc());
        assertTrue(model.logLoss() < rule.logLoss(), model.logLoss() + " vs " + rule.logLoss());
        assertTrue(model.brier() < rule.brier(), model.brier() + " vs " + rule.brier());
        assertEquals(30L, ((Number) o.model().metadata().get("horizonDays")).longValue());
        assertTrue(o.model().metadata().containsKey("evaluation"));
        assertTrue(o.model().metadata().containsKey("classBalance"));
    }
}
