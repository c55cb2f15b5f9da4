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
 *   <li>{@code age_days}, {@code log_age_days}: days since the object was created
 *       ({@link ObjectInfo#createdAt()}: the {@code archiver-created} metadata a transition by copy
 *       records, else LastModified), so a move does not make an object look new;</li>
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
        // createdAt() returns lastModified without parsing when the metadata is empty (every listing).
        double age = Math.max(0, (nowS - object.createdAt().getEpochSecond()) / (double) DAY);
        int readsBefore = history.size() == 0 ? 0 : history.readsBefore(nowS);
        boolean neverRead = readsBefore == 0;
        long last = neverRead ? 0 : history.readAt(readsBefore - 1);
        double sinceRead = neverRead ? age : Math.max(0, (nowS - last) / (double) DAY);
        int o = offset;
        out[o] = age;
        out[o + 1] = ln1p(age);
        out[o + 2] = ln1p(object.size());
        out[o + 3] = neverRead ? 1 : 0;
        out[o + 4] = ln1p(sinceRead);
        if (history.size() == 0) {
            out[o + 5] = 0;
            out[o + 6] = 0;
            out[o + 7] = 0;
        } else {
            int before = readsBefore;
            out[o + 5] = ln1pCount(before - history.readsBefore(nowS - 7 * DAY));
            out[o + 6] = ln1pCount(before - history.readsBefore(nowS - 30 * DAY));
            out[o + 7] = ln1pCount(before - history.readsBefore(nowS - 90 * DAY));
        }

        // One pass over the key: depth, first and last '/', hash of the first segment, key words.
        String key = object.key();
        int len = key.length();
        int depth = 0;
        int firstSlash = -1;
        int lastSlash = -1;
        int h = 0;
        boolean upper = false;
        int lastDot = -1;
        int prevDot = -1;
        for (int i = 0; i < len; i++) {
            char c = key.charAt(i);
            if (c == '.') {
                prevDot = lastDot;
                lastDot = i;
            }
            if (c == '/') {
                depth++;
                if (firstSlash < 0) {
                    firstSlash = i;
                }
                lastSlash = i;
            } else {
                if (firstSlash < 0) {
                    h = 31 * h + c;
                }
                upper |= c >= 'A' && c <= 'Z';
            }
        }
        // Key words: String.indexOf is a vectorised intrinsic; keys with upper case take the slower path.
        int kw = upper ? keywordMaskIgnoringCase(key)
                : (key.indexOf("log") >= 0 ? 1 : 0) | (key.indexOf("backup") >= 0 ? 2 : 0) | (key.indexOf("thumb") >= 0 ? 4 : 0)
                | (key.indexOf("tmp") >= 0 ? 8 : 0) | (key.indexOf("archive") >= 0 ? 16 : 0);
        if (firstSlash < 0) {
            h = 0; // a key without '/' has the empty prefix
        }
        out[o + 8] = depth;

        for (int i = 0; i < EXT_FAMILIES.length; i++) {
            out[o + EXT_OFFSET + i] = 0;
        }
        out[o + EXT_OFFSET + extensionFamily(key, lastSlash, lastDot, prevDot)] = 1;

        for (int i = 0; i < KEYWORDS.length; i++) {
            out[o + KW_OFFSET + i] = kw >>> i & 1;
        }

        for (int i = 0; i < PREFIX_BUCKETS; i++) {
            out[o + PREFIX_OFFSET + i] = 0;
        }
        out[o + PREFIX_OFFSET + Math.floorMod(mix(h), PREFIX_BUCKETS)] = 1;
    }

    /** Index into EXT_FAMILIES of the key's extension; {@code .gz}/{@code .zst} look through to the inner one. */
    static int extensionFamily(String key, int lastSlash, int dot, int inner) {
        int end = key.length();
        if (dot <= lastSlash) {
            return 7;
        }
        int family = family(key, dot + 1, end);
        if (family == 1) { // compressed: prefer the inner extension when it says more (app.log.gz, data.csv.gz)
            if (inner > lastSlash) {
                int f = family(key, inner + 1, dot);
                if (f != 7) {
                    return f;
                }
            }
        }
        return family;
    }

    // Extensions packed as up to 8 lower-case ASCII bytes in a long, in a small open-addressing
    // table with their family: one multiply and (almost always) one compare per extension.
    private static final int EXT_TABLE_BITS = 7;
    private static final long[] EXT_CODES = new long[1 << EXT_TABLE_BITS];
    private static final byte[] EXT_FAMILY = new byte[1 << EXT_TABLE_BITS];

    static {
        String[][] families = {
                {"log", "txt"},
                {"gz", "zip", "bz2", "zst", "tgz", "tar", "7z", "xz"},
                {"jpg", "jpeg", "png", "gif", "webp", "heic"},
                {"mp4", "mov", "mkv", "avi", "webm"},
                {"csv", "tsv", "parquet", "orc", "json", "jsonl", "avro"},
                {"bak", "dump", "snap"},
                {"h5", "hdf5", "nc", "fits", "npy"}};
        java.util.Arrays.fill(EXT_CODES, -1);
        for (int f = 0; f < families.length; f++) {
            for (String e : families[f]) {
                long code = pack(e, 0, e.length());
                int slot = slot(code);
                while (EXT_CODES[slot] != -1) {
                    slot = (slot + 1) & (EXT_CODES.length - 1);
                }
                EXT_CODES[slot] = code;
                EXT_FAMILY[slot] = (byte) f;
            }
        }
    }

    private static int slot(long code) {
        return (int) (code * 0x9E3779B97F4A7C15L >>> (64 - EXT_TABLE_BITS));
    }

    /** {@code s[from, to)} lower-cased into a long, or -1 when longer than 8 or not ASCII letters and digits. */
    private static long pack(String s, int from, int to) {
        if (to - from > 8 || to <= from) {
            return -1;
        }
        long code = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c | 0x20);
            } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return -1;
            }
            code = code << 8 | c;
        }
        return code;
    }

    private static int family(String key, int from, int to) {
        long code = pack(key, from, to);
        if (code < 0) {
            return 7;
        }
        for (int slot = slot(code); ; slot = (slot + 1) & (EXT_CODES.length - 1)) {
            long c = EXT_CODES[slot];
            if (c == code) {
                return EXT_FAMILY[slot];
            }
            if (c == -1) {
                return 7;
            }
        }
    }

    /** Bit i set when KEYWORDS[i] occurs in the key, ignoring ASCII case. */
    static int keywordMaskIgnoringCase(String key) {
        int mask = 0;
        int len = key.length();
        for (int i = 0; i < len; i++) {
            switch (key.charAt(i) | 0x20) {
                case 'l':
                    mask |= at(key, i, "log") ? 1 : 0;
                    break;
                case 'b':
                    mask |= at(key, i, "backup") ? 2 : 0;
                    break;
                case 't':
                    mask |= at(key, i, "thumb") ? 4 : 0;
                    mask |= at(key, i, "tmp") ? 8 : 0;
                    break;
                case 'a':
                    mask |= at(key, i, "archive") ? 16 : 0;
                    break;
                default:
                    break;
            }
        }
        return mask;
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

    private static final double[] LN1P_SMALL = new double[256];

    static {
        for (int i = 0; i < LN1P_SMALL.length; i++) {
            LN1P_SMALL[i] = Math.log(1.0 + i);
        }
    }

    /** {@code ln(1 + n)} for a count, from a table when small. */
    static double ln1pCount(int n) {
        return n < LN1P_SMALL.length ? LN1P_SMALL[n] : Math.log(1.0 + n);
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
