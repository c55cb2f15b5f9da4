package dev.archiver.core.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.cost.TransitionMethod;
import dev.archiver.core.decide.Action;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.decide.Reason;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Lines form of a plan (see {@code docs/plan-format.md}): a header line, then one
 * decision per line. Every double is written with full precision so a plan reads back equal.
 */
final class PlanFormat {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    /** Writes UTF-8 bytes directly; combining surrogate pairs keeps the bytes equal to what a Writer gets. */
    private static final JsonFactory UTF8_FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private PlanFormat() {
    }

    static String headerLine(PlanHeader h) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("archiverPlan", PlanHeader.VERSION);
            g.writeStringField("createdAt", h.createdAt().toString());
            g.writeStringField("priceBook", h.priceBook());
            g.writeStringField("currency", h.currency());
            g.writeNumberField("horizonDays", h.horizonDays());
            g.writeStringField("transitionMethod", h.transitionMethod().name());
            g.writeStringField("predictor", h.predictor());
            g.writeEndObject();
        } catch (IOException e) {
            throw new ArchiverException("cannot write plan header: " + e.getMessage(), e);
        }
        return w.toString();
    }

    static void writeDecision(Writer out, Decision d) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            // Shortest round-tripping digits without FloatingDecimal's BigInteger path (was the
            // largest cost of writing a plan); Plan.read parses them back to the same doubles.
            g.enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
            writeDecision(g, d);
        }
        out.write('\n');
    }

    /**
     * The plan lines of {@code decisions} (only the MOVEs unless {@code keeps}) as UTF-8, each
     * exactly as {@link #writeDecision(Writer, Decision)} writes it, by {@link PlanLineEncoder}: the
     * streaming planner calls this on its worker threads so the caller only copies bytes.
     */
    static Lines lines(List<Decision> decisions, boolean keeps) {
        return new PlanLineEncoder().lines(decisions, keeps);
    }

    /**
     * One plan line and its line end through Jackson's UTF-8 generator: what {@link PlanLineEncoder}
     * matches byte for byte, and falls back to for a string it does not cover.
     */
    static byte[] jacksonLine(Decision d) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(2048);
        try (JsonGenerator g = UTF8_FACTORY.createGenerator(bytes, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            g.enable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
            g.setRootValueSeparator(null);
            writeDecision(g, d, new InstantText());
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new ArchiverException("cannot encode plan line: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** UTF-8 plan lines and how many there are. */
    record Lines(byte[] utf8, int count) {
    }

    /** Remembers the last instant written: a batch's decisions share one decision time. */
    private static final class InstantText {
        private Instant last;
        private String text;

        String of(Instant t) {
            if (!t.equals(last)) {
                last = t;
                text = t.toString();
            }
            return text;
        }
    }

    private static void writeDecision(JsonGenerator g, Decision d) throws IOException {
        writeDecision(g, d, new InstantText());
    }

    private static void writeDecision(JsonGenerator g, Decision d, InstantText times) throws IOException {
        {
            ObjectInfo o = d.object();
            g.writeStartObject();
            g.writeStringField("bucket", o.bucket());
            g.writeStringField("key", o.key());
            g.writeStringField("versionId", o.versionId());
            g.writeNumberField("size", o.size());
            g.writeStringField("lastModified", o.lastModified().toString());
            g.writeStringField("storageClass", o.storageClass().name());
            g.writeStringField("eTag", o.eTag());
            writeMap(g, "tags", o.tags());
            writeMap(g, "metadata", o.metadata());
            g.writeStringField("archiveStatus", o.archiveStatus());
            if (o.lockedUntil() != null) {
                g.writeStringField("lockedUntil", o.lockedUntil().toString());
            }
            g.writeStringField("action", d.action().name());
            g.writeStringField("target", d.target().name());
            g.writeStringField("reason", d.reason().name());
            g.writeStringField("note", d.note());
            if (Double.isNaN(d.pRead())) {
                g.writeNullField("pRead");
            } else {
                number(g, "pRead", d.pRead());
            }
            number(g, "expectedSaving", d.expectedSaving());
            g.writeStringField("decidedAt", times.of(d.decidedAt()));
            g.writeArrayFieldStart("costs");
            for (CostEstimate c : d.costs()) {
                g.writeStartObject();
                g.writeStringField("class", c.storageClass().name());
                g.writeBooleanField("keep", c.keep());
                number(g, "storage", c.storage());
                number(g, "reads", c.reads());
                number(g, "monitoring", c.monitoring());
                number(g, "transition", c.transition());
                number(g, "earlyDeletion", c.earlyDeletion());
                number(g, "noncurrentVersion", c.noncurrentVersion());
                number(g, "minimumCommitment", c.minimumCommitment());
                number(g, "restoreWaitHours", c.expectedRestoreWaitHours());
                number(g, "total", c.total());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("explanation", d.explanation());
            g.writeEndObject();
        }
    }

    /**
     * A double field. Zero, which is most of a cost breakdown, is written without the shortest-digits
     * search: the same text ({@code 0.0}) Jackson writes for it.
     */
    static void number(JsonGenerator g, String field, double v) throws IOException {
        if (v == 0.0 && Double.doubleToRawLongBits(v) == 0L) {
            g.writeFieldName(field);
            g.writeRawValue("0.0");
        } else {
            g.writeNumberField(field, v);
        }
    }

    private static void writeMap(JsonGenerator g, String field, Map<String, String> map) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(map).entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    static PlanHeader readHeader(String line, String where) {
        JsonNode n = parse(line, where);
        Fields f = new Fields(n, where);
        if (!n.has("archiverPlan")) {
            throw new ArchiverException(where + ": not a plan header (a plan file starts with {\"archiverPlan\":1,...})");
        }
        int version = (int) f.longValue("archiverPlan");
        if (version != PlanHeader.VERSION) {
            throw new ArchiverException(where + ": archiverPlan: unsupported plan version " + version + " (this library reads " + PlanHeader.VERSION + ")");
        }
        return new PlanHeader(f.instant("createdAt"), f.text("priceBook"), f.text("currency"),
                (int) f.longValue("horizonDays"), f.enumValue("transitionMethod", TransitionMethod.class), f.text("predictor"));
    }

    static Decision readDecision(String line, String where) {
        JsonNode n = parse(line, where);
        Fields f = new Fields(n, where);
        try {
            ObjectInfo o = ObjectInfo.builder(f.text("bucket"), f.text("key"))
                    .versionId(f.optionalText("versionId"))
                    .size(f.longValue("size"))
                    .lastModified(f.instant("lastModified"))
                    .storageClass(f.enumValue("storageClass", StorageClass.class))
                    .eTag(f.optionalText("eTag"))
                    .tags(f.stringMap("tags"))
                    .metadata(f.stringMap("metadata"))
                    .archiveStatus(f.optionalText("archiveStatus"))
                    .lockedUntil(n.hasNonNull("lockedUntil") ? f.instant("lockedUntil") : null)
                    .build();
            List<CostEstimate> costs = new ArrayList<>();
            JsonNode cs = n.get("costs");
            if (cs == null || !cs.isArray()) {
                throw new ArchiverException(where + ": costs: missing or not an array");
            }
            for (int i = 0; i < cs.size(); i++) {
                Fields c = new Fields(cs.get(i), where + ": costs[" + i + "]");
                costs.add(new CostEstimate(c.enumValue("class", StorageClass.class), c.bool("keep"), c.number("storage"),
                        c.number("reads"), c.number("monitoring"), c.number("transition"), c.number("earlyDeletion"),
                        c.number("noncurrentVersion"), c.number("minimumCommitment"), c.number("restoreWaitHours")));
            }
            JsonNode p = n.get("pRead");
            double pRead = p == null || p.isNull() ? Double.NaN : f.number("pRead");
            return new Decision(o, f.enumValue("action", Action.class), f.enumValue("target", StorageClass.class),
                    f.enumValue("reason", Reason.class), f.optionalText("note"), pRead, f.number("expectedSaving"),
                    costs, f.instant("decidedAt"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArchiverException(where + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String line, String where) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                throw new ArchiverException(where + ": expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new ArchiverException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Field access that names the line and field in every error. */
    static final class Fields {
        private final JsonNode node;
        private final String where;

        Fields(JsonNode node, String where) {
            this.node = node;
            this.where = where;
        }

        private JsonNode required(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new ArchiverException(where + ": " + field + ": missing");
            }
            return v;
        }

        String text(String field) {
            JsonNode v = required(field);
            if (!v.isTextual()) {
                throw new ArchiverException(where + ": " + field + ": must be a string, was " + v);
            }
            return v.asText();
        }

        String optionalText(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : text(field);
        }

        long longValue(String field) {
            JsonNode v = required(field);
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw new ArchiverException(where + ": " + field + ": must be an integer, was " + v);
            }
            return v.asLong();
        }

        double number(String field) {
            JsonNode v = required(field);
            if (!v.isNumber()) {
                throw new ArchiverException(where + ": " + field + ": must be a number, was " + v);
            }
            return v.asDouble();
        }

        boolean bool(String field) {
            JsonNode v = required(field);
            if (!v.isBoolean()) {
                throw new ArchiverException(where + ": " + field + ": must be true or false, was " + v);
            }
            return v.asBoolean();
        }

        Instant instant(String field) {
            String t = text(field);
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new ArchiverException(where + ": " + field + ": not an ISO-8601 instant: '" + t + "'");
            }
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String t = text(field);
            try {
                return Enum.valueOf(type, t);
            } catch (IllegalArgumentException e) {
                throw new ArchiverException(where + ": " + field + ": unknown value '" + t + "' (expected one of "
                        + java.util.Arrays.toString(type.getEnumConstants()) + ")");
            }
        }

        Map<String, String> stringMap(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Map.of();
            }
            if (!v.isObject()) {
                throw new ArchiverException(where + ": " + field + ": must be a JSON object");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new ArchiverException(where + ": " + field + "." + e.getKey() + ": must be a string");
                }
                m.put(e.getKey(), e.getValue().asText());
            }
            return m;
        }
    }
}
