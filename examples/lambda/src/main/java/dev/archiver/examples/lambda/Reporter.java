package dev.archiver.examples.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.archiver.aws.events.EmfMetrics;
import dev.archiver.aws.events.MalformedRecord;
import dev.archiver.aws.events.ObjectOutcome;
import dev.archiver.aws.s3.S3Outcomes;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.plan.Plan;
import dev.archiver.core.plan.PlanHeader;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports an invocation: one structured JSON log line per outcome (a decision when one was made),
 * CloudWatch EMF metrics on stdout, and optionally the decisions as a JSON Lines plan written to
 * {@code ARCHIVER_DECISIONS}.
 */
final class Reporter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final String handler;
    private final HandlerConfig config;
    private final S3Client s3;
    private final Clock clock;
    private final PrintStream out;
    private final double horizonMonths;

    Reporter(String handler, HandlerConfig config, S3Client s3, Clock clock, PrintStream out, double horizonMonths) {
        this.handler = handler;
        this.config = config;
        this.s3 = s3;
        this.clock = clock;
        this.out = out;
        this.horizonMonths = horizonMonths;
    }

    /** Totals of one invocation, also what the tests read. */
    record Totals(int records, int decisions, int moved, int failed, int malformed, long bytesMoved, double monthlySaving) {
    }

    /** Logs, counts and records {@code outcomes}; returns the totals. */
    Totals report(String requestId, List<ObjectOutcome> outcomes, List<MalformedRecord> malformed, PlanHeader header,
                  long predictorNanos) {
        Instant now = clock.instant();
        Map<String, Integer> perTarget = new TreeMap<>();
        List<Decision> decisions = new ArrayList<>();
        int moved = 0;
        int failed = 0;
        long bytes = 0;
        double saving = 0;
        for (ObjectOutcome o : outcomes) {
            out.println(logLine(requestId, o));
            Decision d = o.decision();
            if (o.failed()) {
                failed++;
            }
            if (d == null) {
                continue;
            }
            decisions.add(d);
            perTarget.merge(d.moves() ? d.target().name() : "KEEP", 1, Integer::sum);
            if (o.status() == ObjectOutcome.Status.MOVED) {
                moved++;
                bytes += d.object().size();
            }
            if (o.status() == ObjectOutcome.Status.MOVED || o.status() == ObjectOutcome.Status.WOULD_MOVE) {
                saving += d.expectedSaving() / horizonMonths;
            }
        }
        for (MalformedRecord m : malformed) {
            ObjectNode n = JSON.createObjectNode();
            n.put("type", "malformed").put("handler", handler).put("requestId", requestId).put("location", m.location());
            if (m.messageId() != null) {
                n.put("messageId", m.messageId());
            }
            n.put("reason", m.reason());
            out.println(n);
        }
        EmfMetrics totals = EmfMetrics.of(config.namespace(), Map.of("Handler", handler))
                .put("Records", outcomes.size() + malformed.size(), "Count")
                .put("Decisions", decisions.size(), "Count")
                .put("Moves", moved, "Count")
                .put("BytesMoved", bytes, "Bytes")
                .put("ExpectedMonthlySaving", saving, "None")
                .put("Errors", failed + malformed.size(), "Count")
                .put("MalformedRecords", malformed.size(), "Count")
                .put("PredictorLatency", predictorNanos / 1e6, "Milliseconds");
        out.println(totals.toJson(now));
        for (Map.Entry<String, Integer> t : perTarget.entrySet()) {
            Map<String, String> dims = new LinkedHashMap<>();
            dims.put("Handler", handler);
            dims.put("TargetClass", t.getKey());
            out.println(EmfMetrics.of(config.namespace(), dims).put("Decisions", t.getValue(), "Count").toJson(now));
        }
        if (config.decisions() != null && !decisions.isEmpty() && header != null) {
            writeDecisionRecord(requestId, new Plan(header, decisions), now);
        }
        return new Totals(outcomes.size() + malformed.size(), decisions.size(), moved, failed, malformed.size(), bytes, saving);
    }

    /** The key a decision record of this invocation is written to. */
    String decisionRecordKey(String requestId, Instant now) {
        return config.decisions().key(handler + "/" + DAY.format(now) + "/" + now.toEpochMilli() + "-" + requestId + ".jsonl");
    }

    private void writeDecisionRecord(String requestId, Plan plan, Instant now) {
        StringWriter w = new StringWriter();
        try {
            plan.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = decisionRecordKey(requestId, now);
        try {
            s3.putObject(p -> p.bucket(config.decisions().bucket()).key(key).contentType("application/x-ndjson"),
                    RequestBody.fromString(w.toString(), StandardCharsets.UTF_8));
        } catch (SdkException e) {
            // The decisions are in the log lines already; a lost record must not fail the invocation.
            ObjectNode n = JSON.createObjectNode();
            n.put("type", "error").put("handler", handler).put("requestId", requestId)
                    .put("message", "decision record s3://" + config.decisions().bucket() + "/" + key + " not written: "
                            + S3Outcomes.describe(e));
            out.println(n);
        }
    }

    private String logLine(String requestId, ObjectOutcome o) {
        ObjectNode n = JSON.createObjectNode();
        Decision d = o.decision();
        n.put("type", d == null ? "outcome" : "decision").put("handler", handler).put("requestId", requestId).put("id", o.id());
        if (o.messageId() != null) {
            n.put("messageId", o.messageId());
        }
        n.put("bucket", o.bucket()).put("key", o.key()).put("status", o.status().name());
        if (d != null) {
            if (d.object().versionId() != null) {
                n.put("versionId", d.object().versionId());
            }
            n.put("eTag", d.object().eTag()).put("size", d.object().size())
                    .put("action", d.action().name()).put("from", d.object().storageClass().name())
                    .put("target", d.target().name()).put("reason", d.reason().name());
            if (!Double.isNaN(d.pRead())) {
                n.put("pRead", d.pRead());
            }
            n.put("expectedSaving", d.expectedSaving()).put("expectedMonthlySaving", d.expectedSaving() / horizonMonths);
        }
        n.put("detail", o.detail());
        return n.toString();
    }
}
