package dev.archiver.examples.lambda;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.object.StorageClass;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The handlers' settings, read once from environment variables (the SAM template sets them).
 * Every error names the variable and the bad value.
 *
 * <table>
 * <caption>variables</caption>
 * <tr><td>{@code ARCHIVER_DRY_RUN}</td><td>{@code true} (default): decide and report only; {@code false}: move</td></tr>
 * <tr><td>{@code ARCHIVER_MODEL}</td><td>a {@code LogisticModel} JSON: a path (in the jar's layer) or {@code s3://bucket/key}</td></tr>
 * <tr><td>{@code ARCHIVER_RULE}</td><td>instead of a model: {@code age-days:N}</td></tr>
 * <tr><td>{@code ARCHIVER_ALLOWED_CLASSES}</td><td>comma-separated target classes (default: the engine's)</td></tr>
 * <tr><td>{@code ARCHIVER_MODE}</td><td>{@code copy} (default, in-place conditional copy) or {@code tag} (lifecycle tag)</td></tr>
 * <tr><td>{@code ARCHIVER_STATE}</td><td>{@code s3://bucket/prefix/} for scan checkpoints, the scan lease and the S3 dedupe store</td></tr>
 * <tr><td>{@code ARCHIVER_DEDUPE}</td><td>{@code memory} (default) or {@code s3} (under {@code ARCHIVER_STATE})</td></tr>
 * <tr><td>{@code ARCHIVER_DECISIONS}</td><td>optional {@code s3://bucket/prefix/}: one JSON Lines decision record per invocation</td></tr>
 * <tr><td>{@code ARCHIVER_SCAN_BUCKET}, {@code ARCHIVER_SCAN_PREFIX}</td><td>what the scheduled scan lists</td></tr>
 * <tr><td>{@code ARCHIVER_SCAN_INVENTORY}</td><td>instead of listing: {@code s3://dest/prefix/source-bucket/config-id/}; each pass reads the latest S3 Inventory report there</td></tr>
 * <tr><td>{@code ARCHIVER_SCAN_INTERVAL_HOURS}</td><td>hours between the starts of two scan passes (default 24)</td></tr>
 * <tr><td>{@code ARCHIVER_SCAN_CHUNK}</td><td>objects decided and applied between two checkpoints (default 500)</td></tr>
 * <tr><td>{@code ARCHIVER_SCAN_RESERVE_MS}</td><td>stop a scan when less than this much time is left (default 10000)</td></tr>
 * <tr><td>{@code ARCHIVER_METRICS_NAMESPACE}</td><td>CloudWatch namespace of the EMF metrics (default {@code Archiver})</td></tr>
 * </table>
 *
 * <pre>{@code
 * HandlerConfig config = HandlerConfig.from(System.getenv());
 * }</pre>
 *
 * @param dryRun           decide only
 * @param model            model location or {@code null}
 * @param rule             rule or {@code null}; exactly one of model and rule is set
 * @param allowedClasses   target classes, or {@code null} for the engine's default
 * @param tagMode          move by lifecycle tag instead of copy
 * @param state            state location or {@code null}
 * @param dedupeInS3       use the S3 dedupe store
 * @param decisions        decision-record location or {@code null}
 * @param scanBucket       scan bucket or {@code null}
 * @param scanPrefix       scan prefix or {@code null}
 * @param scanInventory    the S3 Inventory configuration folder to scan instead of listing, or {@code null}
 * @param scanIntervalHours hours between scan passes
 * @param scanChunk        objects per checkpoint
 * @param scanReserveMillis time kept in reserve
 * @param namespace        metrics namespace
 */
public record HandlerConfig(boolean dryRun, String model, String rule, Set<StorageClass> allowedClasses, boolean tagMode,
                            S3Location state, boolean dedupeInS3, S3Location decisions, String scanBucket, String scanPrefix,
                            S3Location scanInventory,
                            int scanIntervalHours, int scanChunk, long scanReserveMillis, String namespace) {

    /**
     * Reads the settings from {@code env}.
     *
     * @throws ArchiverException naming the variable when one is missing or invalid
     */
    public static HandlerConfig from(Map<String, String> env) {
        boolean dryRun = bool(env, "ARCHIVER_DRY_RUN", true);
        String model = blankToNull(env.get("ARCHIVER_MODEL"));
        String rule = blankToNull(env.get("ARCHIVER_RULE"));
        if ((model == null) == (rule == null)) {
            throw new ArchiverException("set exactly one of ARCHIVER_MODEL (a LogisticModel JSON path or s3:// URI) and "
                    + "ARCHIVER_RULE (age-days:N); found " + (model == null ? "neither" : "both"));
        }
        Set<StorageClass> allowed = null;
        String classes = blankToNull(env.get("ARCHIVER_ALLOWED_CLASSES"));
        if (classes != null) {
            allowed = EnumSet.noneOf(StorageClass.class);
            for (String c : classes.split(",")) {
                try {
                    allowed.add(StorageClass.fromAwsName(c.trim()));
                } catch (IllegalArgumentException e) {
                    throw new ArchiverException("ARCHIVER_ALLOWED_CLASSES: '" + c.trim() + "' is not a storage class: " + e.getMessage());
                }
            }
        }
        String mode = env.getOrDefault("ARCHIVER_MODE", "copy").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("copy") && !mode.equals("tag")) {
            throw new ArchiverException("ARCHIVER_MODE: expected copy or tag, was '" + mode + "'");
        }
        S3Location state = location(env, "ARCHIVER_STATE");
        String dedupe = env.getOrDefault("ARCHIVER_DEDUPE", "memory").trim().toLowerCase(Locale.ROOT);
        if (!dedupe.equals("memory") && !dedupe.equals("s3")) {
            throw new ArchiverException("ARCHIVER_DEDUPE: expected memory or s3, was '" + dedupe + "'");
        }
        if (dedupe.equals("s3") && state == null) {
            throw new ArchiverException("ARCHIVER_DEDUPE=s3 needs ARCHIVER_STATE=s3://bucket/prefix/");
        }
        return new HandlerConfig(dryRun, model, rule, allowed, mode.equals("tag"), state, dedupe.equals("s3"),
                location(env, "ARCHIVER_DECISIONS"), blankToNull(env.get("ARCHIVER_SCAN_BUCKET")),
                blankToNull(env.get("ARCHIVER_SCAN_PREFIX")), location(env, "ARCHIVER_SCAN_INVENTORY"), integer(env, "ARCHIVER_SCAN_INTERVAL_HOURS", 24, 0, 24 * 366),
                integer(env, "ARCHIVER_SCAN_CHUNK", 500, 1, 100_000), integer(env, "ARCHIVER_SCAN_RESERVE_MS", 10_000, 0, 900_000),
                env.getOrDefault("ARCHIVER_METRICS_NAMESPACE", "Archiver"));
    }

    /** An {@code s3://bucket/prefix} location. */
    public record S3Location(String bucket, String prefix) {
        /** {@code s3://bucket/prefix}. */
        public String uri() {
            return "s3://" + bucket + "/" + prefix;
        }

        /** The key {@code name} under the prefix. */
        public String key(String name) {
            return prefix.isEmpty() || prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
        }

        /**
         * Parses {@code s3://bucket/prefix}.
         *
         * @throws ArchiverException naming {@code what} when it is not one
         */
        public static S3Location parse(String uri, String what) {
            if (uri == null || !uri.startsWith("s3://")) {
                throw new ArchiverException(what + ": expected s3://bucket/prefix, was '" + uri + "'");
            }
            String rest = uri.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (bucket.isBlank()) {
                throw new ArchiverException(what + ": no bucket in '" + uri + "'");
            }
            return new S3Location(bucket, slash < 0 ? "" : rest.substring(slash + 1));
        }
    }

    private static S3Location location(Map<String, String> env, String name) {
        String v = blankToNull(env.get(name));
        return v == null ? null : S3Location.parse(v.trim(), name);
    }

    private static boolean bool(Map<String, String> env, String name, boolean dflt) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return dflt;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new ArchiverException(name + ": expected true or false, was '" + v + "'");
        }
    }

    private static int integer(Map<String, String> env, String name, int dflt, int min, int max) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new ArchiverException(name + ": expected " + min + ".." + max + ", was " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ArchiverException(name + ": expected a whole number, was '" + v + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
