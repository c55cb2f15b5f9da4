package dev.archiver.core.cost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.StorageClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * S3 prices for one region, read from a JSON file. The us-east-1 book is bundled and every
 * number in it is traceable to {@code shared/design/AWS_FACTS.md} (see {@code docs/price-book.md}
 * for the format and the source of each figure).
 *
 * <pre>{@code
 * PriceBook book = PriceBook.usEast1();
 * double standard = book.prices(StorageClass.STANDARD).storagePerGbMonth(); // 0.023
 * PriceBook mine = PriceBook.load(Path.of("eu-west-1.json"));
 * }</pre>
 *
 * A malformed or incomplete book is an {@link ArchiverException} whose message names the
 * source and the field, for example {@code prices.json: classes.GLACIER.restore.BULK.perGb: missing}.
 */
public final class PriceBook {
    /** The value of the {@code format} field every price book carries. */
    public static final String FORMAT = "archiver-price-book";
    private static final String BUNDLED_US_EAST_1 = "/dev/archiver/core/cost/us-east-1.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PriceBook usEast1;

    private final String region;
    private final String currency;
    private final String effectiveDate;
    private final String source;
    private final EnumMap<StorageClass, ClassPrices> classes;
    private final IntelligentTieringPrices intelligentTiering;

    private PriceBook(String region, String currency, String effectiveDate, String source,
                      EnumMap<StorageClass, ClassPrices> classes, IntelligentTieringPrices intelligentTiering) {
        this.region = region;
        this.currency = currency;
        this.effectiveDate = effectiveDate;
        this.source = source;
        this.classes = classes;
        this.intelligentTiering = intelligentTiering;
    }

    /** The bundled us-east-1 (N. Virginia) book. */
    public static PriceBook usEast1() {
        PriceBook book = usEast1;
        if (book == null) {
            try (InputStream in = PriceBook.class.getResourceAsStream(BUNDLED_US_EAST_1)) {
                if (in == null) {
                    throw new ArchiverException("bundled price book " + BUNDLED_US_EAST_1 + " is missing from the jar");
                }
                book = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled us-east-1.json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            usEast1 = book;
        }
        return book;
    }

    /**
     * Reads a price book file.
     *
     * @throws ArchiverException naming the file and the field when the file is unreadable, malformed or incomplete
     */
    public static PriceBook load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ArchiverException(file + ": cannot read price book: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a price book from JSON text.
     *
     * @param json       the JSON document
     * @param sourceName what to call the document in error messages (a file name)
     * @throws ArchiverException naming {@code sourceName} and the field when the book is malformed or incomplete
     */
    public static PriceBook parse(String json, String sourceName) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ArchiverException(sourceName + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        Reader r = new Reader(sourceName);
        if (root == null || !root.isObject()) {
            throw r.error("", "must be a JSON object");
        }
        r.onlyFields(root, "", Set.of("format", "version", "region", "currency", "effectiveDate", "source", "notes",
                "classes", "intelligentTiering"));
        String format = r.text(root, "", "format");
        if (!FORMAT.equals(format)) {
            throw r.error("format", "must be \"" + FORMAT + "\", was \"" + format + "\"");
        }
        int version = (int) r.number(root, "", "version");
        if (version != 1) {
            throw r.error("version", "unsupported version " + version + " (this library reads version 1)");
        }
        String region = r.text(root, "", "region");
        String currency = r.text(root, "", "currency");
        String effectiveDate = r.text(root, "", "effectiveDate");
        String source = root.hasNonNull("source") ? root.get("source").asText() : "";

        JsonNode classesNode = r.object(root, "", "classes");
        EnumMap<StorageClass, ClassPrices> classes = new EnumMap<>(StorageClass.class);
        for (Iterator<String> it = classesNode.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            StorageClass c;
            try {
                c = StorageClass.fromAwsName(name);
            } catch (IllegalArgumentException e) {
                throw r.error("classes." + name, e.getMessage());
            }
            classes.put(c, readClass(r, classesNode.get(name), "classes." + name, c));
        }
        for (StorageClass c : StorageClass.values()) {
            if (!classes.containsKey(c)) {
                throw r.error("classes." + c.name(), "missing (a price book must price all seven storage classes)");
            }
        }
        IntelligentTieringPrices it = readIntelligentTiering(r, r.object(root, "", "intelligentTiering"));
        return new PriceBook(region, currency, effectiveDate, source, classes, it);
    }

    private static ClassPrices readClass(Reader r, JsonNode node, String path, StorageClass c) {
        if (!node.isObject()) {
            throw r.error(path, "must be a JSON object");
        }
        r.onlyFields(node, path, Set.of("storagePerGbMonth", "putPer1000", "getPer1000", "retrievalPerGb",
                "lifecycleTransitionPer1000", "restore", "notes"));
        double storage = r.price(node, path, "storagePerGbMonth");
        double put = r.price(node, path, "putPer1000");
        double get = r.price(node, path, "getPer1000");
        double retrieval = r.price(node, path, "retrievalPerGb");
        OptionalDouble lifecycle = node.hasNonNull("lifecycleTransitionPer1000")
                ? OptionalDouble.of(r.price(node, path, "lifecycleTransitionPer1000"))
                : OptionalDouble.empty();
        if (lifecycle.isEmpty() && c != StorageClass.STANDARD) {
            throw r.error(path + ".lifecycleTransitionPer1000", "missing (every class but STANDARD can be a lifecycle target)");
        }
        Map<RestoreTier, RestorePrice> restore = new EnumMap<>(RestoreTier.class);
        if (c.requiresRestore()) {
            JsonNode restoreNode = r.object(node, path, "restore");
            String rp = path + ".restore";
            for (Iterator<String> it = restoreNode.fieldNames(); it.hasNext(); ) {
                String tierName = it.next();
                RestoreTier tier;
                try {
                    tier = RestoreTier.valueOf(tierName);
                } catch (IllegalArgumentException e) {
                    throw r.error(rp + "." + tierName, "unknown restore tier (expected EXPEDITED, STANDARD or BULK)");
                }
                JsonNode t = restoreNode.get(tierName);
                String tp = rp + "." + tierName;
                if (!t.isObject()) {
                    throw r.error(tp, "must be a JSON object");
                }
                r.onlyFields(t, tp, Set.of("perGb", "per1000", "hours"));
                double hours = r.price(t, tp, "hours");
                if (hours <= 0) {
                    throw r.error(tp + ".hours", "must be > 0, was " + hours);
                }
                restore.put(tier, new RestorePrice(r.price(t, tp, "perGb"), r.price(t, tp, "per1000"), hours));
            }
            if (!restore.containsKey(RestoreTier.STANDARD)) {
                throw r.error(rp + ".STANDARD", "missing (the STANDARD restore tier is the default)");
            }
        } else if (node.has("restore")) {
            throw r.error(path + ".restore", "not allowed: " + c + " is read without a restore");
        }
        return new ClassPrices(storage, put, get, retrieval, lifecycle, restore);
    }

    private static IntelligentTieringPrices readIntelligentTiering(Reader r, JsonNode node) {
        String p = "intelligentTiering";
        r.onlyFields(node, p, Set.of("monitoringPer1000ObjectsMonth", "monitoringMinimumBytes", "infrequentAfterDays",
                "archiveInstantAfterDays", "infrequentPerGbMonth", "archiveInstantPerGbMonth", "archiveAccessPerGbMonth",
                "deepArchiveAccessPerGbMonth", "notes"));
        long minBytes = (long) r.price(node, p, "monitoringMinimumBytes");
        int infrequentAfter = (int) r.price(node, p, "infrequentAfterDays");
        int instantAfter = (int) r.price(node, p, "archiveInstantAfterDays");
        if (instantAfter <= infrequentAfter) {
            throw r.error(p + ".archiveInstantAfterDays", "must be greater than infrequentAfterDays (" + infrequentAfter + ")");
        }
        return new IntelligentTieringPrices(
                r.price(node, p, "monitoringPer1000ObjectsMonth"), minBytes, infrequentAfter, instantAfter,
                r.price(node, p, "infrequentPerGbMonth"), r.price(node, p, "archiveInstantPerGbMonth"),
                r.price(node, p, "archiveAccessPerGbMonth"), r.price(node, p, "deepArchiveAccessPerGbMonth"));
    }

    /** The AWS region the prices are for, such as {@code us-east-1}. */
    public String region() {
        return region;
    }

    /** ISO 4217 currency code of every price, such as {@code USD}. */
    public String currency() {
        return currency;
    }

    /** The date the prices were read, as written in the book. */
    public String effectiveDate() {
        return effectiveDate;
    }

    /** Where the prices come from, as written in the book. */
    public String source() {
        return source;
    }

    /** A name that identifies the book in plans and reports: {@code region@effectiveDate}. */
    public String name() {
        return region + "@" + effectiveDate;
    }

    /** The prices of one storage class. */
    public ClassPrices prices(StorageClass storageClass) {
        return classes.get(Objects.requireNonNull(storageClass, "storageClass"));
    }

    /** The Intelligent-Tiering tiers and monitoring fee. */
    public IntelligentTieringPrices intelligentTiering() {
        return intelligentTiering;
    }

    @Override
    public String toString() {
        return "PriceBook[" + name() + "]";
    }

    /** Reads fields and turns every problem into an error naming the source and the JSON path. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        ArchiverException error(String path, String problem) {
            return new ArchiverException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        }

        private static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        void onlyFields(JsonNode node, String path, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw error(join(path, f), "unknown field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }

        JsonNode object(JsonNode node, String path, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error(join(path, field), "missing");
            }
            if (!v.isObject()) {
                throw error(join(path, field), "must be a JSON object");
            }
            return v;
        }

        String text(JsonNode node, String path, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error(join(path, field), "missing");
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(join(path, field), "must be a non-empty string, was " + v);
            }
            return v.asText();
        }

        double number(JsonNode node, String path, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw error(join(path, field), "missing");
            }
            if (!v.isNumber()) {
                throw error(join(path, field), "must be a number, was " + v);
            }
            return v.asDouble();
        }

        double price(JsonNode node, String path, String field) {
            double d = number(node, path, field);
            if (!Double.isFinite(d) || d < 0) {
                throw error(join(path, field), "must be a finite number >= 0, was " + d);
            }
            return d;
        }
    }
}
