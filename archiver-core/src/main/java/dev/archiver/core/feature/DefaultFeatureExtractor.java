package dev.archiver.core.feature;

import dev.archiver.core.object.AccessHistory;
import dev.archiver.core.object.ObjectInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The default features (see {@code docs/features.md}):
 * <ul>
 *   <li>{@code age_days}, {@code log_age_days}: days since LastModified;</li>
 *   <li>{@code log_size_bytes};</li>
 *   <li>{@code never_read}, {@code log_days_since_read} (the age when never read);</li>
 *   <li>{@code log_reads_7d}, {@code log_reads_30d}, {@code log_reads_90d}: reads in the windows before now;</li>
 *   <li>{@code key_depth}: number of {@code /} in the key;</li>
 *   <li>{@code ext_*}: one-hot extension family (log, compressed, image, video, tabular, backup, scientific, other);</li>
 *   <li>{@code kw_*}: key words anywhere in the key (log, backup, thumb, tmp, archive), any case;</li>
 *   <li>{@code prefix_00} … {@code prefix_15}: one-hot hash of the first path segment, so a model can
 *       learn per-prefix behaviour without a vocabulary.</li>
 * </ul>
 * Stateless and thread-safe; {@code log} is {@code ln(1 + x)} (computed as {@code Math.log(1 + x)}).
 */
final class DefaultFeatureExtractor implements FeatureExtractor {
    static final DefaultFeatureExtractor INSTANCE = new DefaultFeatureExtractor();

    static final int PREFIX_BUCKETS = 16;
    private static final String[] EXT_FAMILIES = {"log", "compressed", "image", "video", "tabular", "backup", "scientific", "other"};
    private static final String[] KEYWORDS = {"log", "backup", "thumb", "tmp", "archive"};
    private static final long DAY = 86_400;

    private static final List<String> NAMES;
    private static final int EXT_OFFSET;
    private static final int KW_OFFSET;
    private static final int PREFIX_OFFSET;

    static {
        List<String> n = new ArrayList<>(List.of("age_days", "log_age_days", "log_size_bytes", "never_read",
                "log_days_since_read", "log_reads_7d", "log_reads_30d", "log_reads_90d", "key_depth"));
        EXT_OFFSET = n.size();
        for (String e : EXT_FAMILIES) {
            n.add("ext_" + e);
        }
        KW_OFFSET = n.size();
        for (String k : KEYWORDS) {
            n.add("kw_" + k);
        }
        PREFIX_OFFSET = n.size();
        for (int i = 0; i < PREFIX_BUCKETS; i++) {
            n.add(String.format("prefix_%02d", i));
        }
        NAMES = Collections.unmodifiableList(n);
    }

    private DefaultFeatureExtractor() {
    }

    @Override
    public List<String> featureNames() {
        return NAMES;
    }

    @Override
    public void extract(ObjectInfo object, AccessHistory history, Instant now, double[] out, int offset) {
        long nowS = now.getEpochSecond();
        double age = Math.max(0, (nowS - object.lastModified().getEpochSecond()) / (double) DAY);
        long last = history.lastReadBeforeEpochSeconds(nowS);
        boolean neverRead = last == Long.MIN_VALUE;
        double sinceRead = neverRead ? age : Math.max(0, (nowS - last) / (double) DAY);
        int o = offset;
        out[o] = age;
        out[o + 1] = ln1p(age);
        out[o + 2] = ln1p(object.size());
        out[o + 3] = neverRead ? 1 : 0;
        out[o + 4] = ln1p(sinceRead);
        out[o + 5] = ln1p(history.readsBetweenEpochSeconds(nowS - 7 * DAY, nowS));
        out[o + 6] = ln1p(history.readsBetweenEpochSeconds(nowS - 30 * DAY, nowS));
        out[o + 7] = ln1p(history.readsBetweenEpochSeconds(nowS - 90 * DAY, nowS));

        // One pass over the key: depth, first and last '/', hash of the first segment, key words.
        String key = object.key();
        int len = key.length();
        int depth = 0;
        int firstSlash = -1;
        int lastSlash = -1;
        int h = 0;
        int kw = 0;
        for (int i = 0; i < len; i++) {
            char c = key.charAt(i);
            if (c == '/') {
                depth++;
                if (firstSlash < 0) {
                    firstSlash = i;
                }
                lastSlash = i;
                continue;
            }
            if (firstSlash < 0) {
                h = 31 * h + c;
            }
            switch (c | 0x20) { // ASCII lower case; no other character starts a key word
                case 'l':
                    kw |= at(key, i, "log") ? 1 : 0;
                    break;
                case 'b':
                    kw |= at(key, i, "backup") ? 2 : 0;
                    break;
                case 't':
                    kw |= at(key, i, "thumb") ? 4 : 0;
                    kw |= at(key, i, "tmp") ? 8 : 0;
                    break;
                case 'a':
                    kw |= at(key, i, "archive") ? 16 : 0;
                    break;
                default:
                    break;
            }
        }
        if (firstSlash < 0) {
            h = 0; // a key without '/' has the empty prefix
        }
        out[o + 8] = depth;

        for (int i = 0; i < EXT_FAMILIES.length; i++) {
            out[o + EXT_OFFSET + i] = 0;
        }
        out[o + EXT_OFFSET + extensionFamily(key, lastSlash)] = 1;

        for (int i = 0; i < KEYWORDS.length; i++) {
            out[o + KW_OFFSET + i] = kw >>> i & 1;
        }

        for (int i = 0; i < PREFIX_BUCKETS; i++) {
            out[o + PREFIX_OFFSET + i] = 0;
        }
        out[o + PREFIX_OFFSET + Math.floorMod(mix(h), PREFIX_BUCKETS)] = 1;
    }

    /** Index into EXT_FAMILIES of the key's extension; {@code .gz}/{@code .zst} look through to the inner one. */
    static int extensionFamily(String key, int lastSlash) {
        int end = key.length();
        int dot = key.lastIndexOf('.');
        if (dot <= lastSlash) {
            return 7;
        }
        int family = family(key, dot + 1, end);
        if (family == 1) { // compressed: prefer the inner extension when it says more (app.log.gz, data.csv.gz)
            int inner = key.lastIndexOf('.', dot - 1);
            if (inner > lastSlash) {
                int f = family(key, inner + 1, dot);
                if (f != 7) {
                    return f;
                }
            }
        }
        return family;
    }

    private static int family(String key, int from, int to) {
        switch (to - from) {
            case 2:
                if (ext(key, from, "gz") || ext(key, from, "7z")) return 1;
                if (ext(key, from, "h5") || ext(key, from, "nc")) return 6;
                return 7;
            case 3:
                if (ext(key, from, "log") || ext(key, from, "txt")) return 0;
                if (ext(key, from, "zip") || ext(key, from, "bz2") || ext(key, from, "zst") || ext(key, from, "tgz") || ext(key, from, "tar")) return 1;
                if (ext(key, from, "jpg") || ext(key, from, "png") || ext(key, from, "gif")) return 2;
                if (ext(key, from, "mp4") || ext(key, from, "mov") || ext(key, from, "mkv") || ext(key, from, "avi")) return 3;
                if (ext(key, from, "csv") || ext(key, from, "orc") || ext(key, from, "tsv")) return 4;
                if (ext(key, from, "bak")) return 5;
                if (ext(key, from, "npy")) return 6;
                return 7;
            case 4:
                if (ext(key, from, "jpeg") || ext(key, from, "webp") || ext(key, from, "heic")) return 2;
                if (ext(key, from, "webm")) return 3;
                if (ext(key, from, "json") || ext(key, from, "avro")) return 4;
                if (ext(key, from, "dump") || ext(key, from, "snap")) return 5;
                if (ext(key, from, "hdf5") || ext(key, from, "fits")) return 6;
                return 7;
            case 5:
                if (ext(key, from, "jsonl")) return 4;
                return 7;
            case 7:
                if (ext(key, from, "parquet")) return 4;
                return 7;
            default:
                return 7;
        }
    }

    private static boolean ext(String key, int from, String ext) {
        return key.regionMatches(true, from, ext, 0, ext.length());
    }

    /** Whether {@code word} (lower case ASCII) occurs at {@code i}, ignoring ASCII case. */
    private static boolean at(String key, int i, String word) {
        int n = word.length();
        if (i + n > key.length()) {
            return false;
        }
        for (int k = 1; k < n; k++) { // the caller matched the first letter
            if ((key.charAt(i + k) | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** {@code ln(1 + x)} through the {@code Math.log} intrinsic; exact enough for features (x >= 0). */
    static double ln1p(double x) {
        return Math.log(1.0 + x);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    @Override
    public String toString() {
        return "DefaultFeatureExtractor[" + NAMES.size() + " features]";
    }
}
