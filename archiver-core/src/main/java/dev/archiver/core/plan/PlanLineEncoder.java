package dev.archiver.core.plan;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.archiver.core.cost.CostEstimate;
import dev.archiver.core.decide.Decision;
import dev.archiver.core.object.ObjectInfo;
import dev.archiver.core.object.StorageClass;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Encodes plan lines straight into UTF-8 bytes, byte for byte what {@link PlanFormat}'s Jackson
 * generator writes (tested against it): the field names are constants, strings are escaped as
 * Jackson escapes them, doubles are Jackson's own shortest digits ({@link NumberOutput}), instants
 * are {@link Instant#toString()}. Going through {@code JsonGenerator} field by field was a quarter
 * of the CPU of planning an inventory. A string the fast path does not cover (an unpaired
 * surrogate) sends its whole line through Jackson, so the output is Jackson's in every case.
 * Not thread-safe: one per thread.
 */
final class PlanLineEncoder {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] CLASS_NAMES = names(StorageClass.values());
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final byte[] ZERO = ascii("0.0");
    // the fixed parts of a line, in the order written
    private static final byte[] BUCKET = ascii("{\"bucket\":");
    private static final byte[] KEY = ascii(",\"key\":");
    private static final byte[] VERSION_ID = ascii(",\"versionId\":");
    private static final byte[] SIZE = ascii(",\"size\":");
    private static final byte[] LAST_MODIFIED = ascii(",\"lastModified\":");
    private static final byte[] STORAGE_CLASS = ascii(",\"storageClass\":");
    private static final byte[] E_TAG = ascii(",\"eTag\":");
    private static final byte[] TAGS = ascii(",\"tags\":");
    private static final byte[] METADATA = ascii(",\"metadata\":");
    private static final byte[] ARCHIVE_STATUS = ascii(",\"archiveStatus\":");
    private static final byte[] LOCKED_UNTIL = ascii(",\"lockedUntil\":");
    private static final byte[] ACTION = ascii(",\"action\":\"");
    private static final byte[] TARGET = ascii("\",\"target\":");
    private static final byte[] REASON = ascii(",\"reason\":\"");
    private static final byte[] NOTE = ascii("\",\"note\":");
    private static final byte[] P_READ = ascii(",\"pRead\":");
    private static final byte[] EXPECTED_SAVING = ascii(",\"expectedSaving\":");
    private static final byte[] DECIDED_AT = ascii(",\"decidedAt\":");
    private static final byte[] COSTS = ascii(",\"costs\":[");
    private static final byte[] FIRST_COST = ascii("{\"class\":");
    private static final byte[] NEXT_COST = ascii(",{\"class\":");
    private static final byte[] KEEP = ascii(",\"keep\":");
    private static final byte[] STORAGE = ascii(",\"storage\":");
    private static final byte[] READS = ascii(",\"reads\":");
    private static final byte[] MONITORING = ascii(",\"monitoring\":");
    private static final byte[] TRANSITION = ascii(",\"transition\":");
    private static final byte[] EARLY_DELETION = ascii(",\"earlyDeletion\":");
    private static final byte[] NONCURRENT_VERSION = ascii(",\"noncurrentVersion\":");
    private static final byte[] MINIMUM_COMMITMENT = ascii(",\"minimumCommitment\":");
    private static final byte[] RESTORE_WAIT_HOURS = ascii(",\"restoreWaitHours\":");
    private static final byte[] TOTAL = ascii(",\"total\":");
    private static final byte[] EXPLANATION = ascii("],\"explanation\":");
    private static final byte[] LINE_END = ascii("}\n");
    private static final byte[] EMPTY_OBJECT = ascii("{}");

    private static final int CACHED = 1024;

    private byte[] buf = new byte[16 * 1024];
    private int n;
    private int lines;
    /** The last decision instant written and its text: a batch shares one decision time. */
    private Instant lastInstant;
    private byte[] lastInstantText;
    /**
     * The text of doubles written before, by their bits (direct-mapped): the moves of a plan repeat a
     * few values thousands of times (a class's request price, a probability of 1), and finding the
     * shortest digits is most of the cost of a number.
     */
    private final long[] cachedBits = new long[CACHED];
    private final byte[][] cachedText = new byte[CACHED][];

    /**
     * The plan lines of {@code decisions} (only the MOVEs unless {@code keeps}), each with its line
     * end. The encoder can be used again afterwards (on the same thread).
     */
    PlanFormat.Lines lines(List<Decision> decisions, boolean keeps) {
        n = 0;
        lines = 0;
        for (Decision d : decisions) {
            if (keeps || d.moves()) {
                add(d);
            }
        }
        return new PlanFormat.Lines(Arrays.copyOf(buf, n), lines);
    }

    private void add(Decision d) {
        int lineStart = n;
        try {
            encode(d);
        } catch (NotCovered e) {
            n = lineStart;
            byte[] jackson = PlanFormat.jacksonLine(d);
            ensure(jackson.length);
            System.arraycopy(jackson, 0, buf, n, jackson.length);
            n += jackson.length;
        }
        lines++;
    }

    private void encode(Decision d) {
        ObjectInfo o = d.object();
        bytes(BUCKET);
        string(o.bucket());
        bytes(KEY);
        string(o.key());
        bytes(VERSION_ID);
        string(o.versionId());
        bytes(SIZE);
        longValue(o.size());
        bytes(LAST_MODIFIED);
        instant(o.lastModified());
        bytes(STORAGE_CLASS);
        quotedAscii(CLASS_NAMES[o.storageClass().ordinal()]);
        bytes(E_TAG);
        string(o.eTag());
        bytes(TAGS);
        map(o.tags());
        bytes(METADATA);
        map(o.metadata());
        bytes(ARCHIVE_STATUS);
        string(o.archiveStatus());
        if (o.lockedUntil() != null) {
            bytes(LOCKED_UNTIL);
            instant(o.lockedUntil());
        }
        bytes(ACTION);
        asciiText(d.action().name());
        bytes(TARGET);
        quotedAscii(CLASS_NAMES[d.target().ordinal()]);
        bytes(REASON);
        asciiText(d.reason().name());
        bytes(NOTE);
        string(d.note());
        bytes(P_READ);
        if (Double.isNaN(d.pRead())) {
            bytes(NULL);
        } else {
            number(d.pRead());
        }
        bytes(EXPECTED_SAVING);
        number(d.expectedSaving());
        bytes(DECIDED_AT);
        decidedAt(d.decidedAt());
        bytes(COSTS);
        boolean first = true;
        for (CostEstimate c : d.costs()) {
            bytes(first ? FIRST_COST : NEXT_COST);
            first = false;
            quotedAscii(CLASS_NAMES[c.storageClass().ordinal()]);
            bytes(KEEP);
            bytes(c.keep() ? TRUE : FALSE);
            bytes(STORAGE);
            number(c.storage());
            bytes(READS);
            number(c.reads());
            bytes(MONITORING);
            number(c.monitoring());
            bytes(TRANSITION);
            number(c.transition());
            bytes(EARLY_DELETION);
            number(c.earlyDeletion());
            bytes(NONCURRENT_VERSION);
            number(c.noncurrentVersion());
            bytes(MINIMUM_COMMITMENT);
            number(c.minimumCommitment());
            bytes(RESTORE_WAIT_HOURS);
            number(c.expectedRestoreWaitHours());
            bytes(TOTAL);
            number(c.total());
            put('}');
        }
        bytes(EXPLANATION);
        string(d.explanation());
        bytes(LINE_END);
    }

    private void map(Map<String, String> m) {
        if (m.isEmpty()) {
            bytes(EMPTY_OBJECT);
            return;
        }
        put('{');
        boolean first = true;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
            if (!first) {
                put(',');
            }
            first = false;
            string(e.getKey());
            put(':');
            string(e.getValue());
        }
        put('}');
    }

    /**
     * A double as Jackson's fast writer prints it: its shortest round-tripping digits, {@code 0.0}
     * without the search, and the non-finite values as quoted strings.
     */
    private void number(double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (bits == 0L) {
            bytes(ZERO);
            return;
        }
        if (!Double.isFinite(v)) {
            put('"');
            asciiText(NumberOutput.toString(v, true));
            put('"');
            return;
        }
        int i = (int) ((bits * 0x9E37_79B9_7F4A_7C15L) >>> (64 - Integer.numberOfTrailingZeros(CACHED)));
        byte[] text = cachedText[i];
        if (text == null || cachedBits[i] != bits) {
            text = NumberOutput.toString(v, true).getBytes(StandardCharsets.US_ASCII);
            cachedBits[i] = bits;
            cachedText[i] = text;
        }
        bytes(text);
    }

    private void longValue(long v) {
        if (v < 0) {
            asciiText(Long.toString(v));
            return;
        }
        ensure(20);
        int len = 1;
        for (long x = v; x >= 10; x /= 10) {
            len++;
        }
        int p = n + len;
        long x = v;
        do {
            buf[--p] = (byte) ('0' + (int) (x % 10));
            x /= 10;
        } while (x != 0);
        n += len;
    }

    private void decidedAt(Instant t) {
        if (!t.equals(lastInstant)) {
            int start = n;
            instant(t);
            lastInstant = t;
            lastInstantText = Arrays.copyOfRange(buf, start, n);
            return;
        }
        bytes(lastInstantText);
    }

    /**
     * {@link Instant#toString()} in quotes: {@code 2026-11-01T01:02:03Z}, the fraction in groups
     * of three digits when not zero. Years 0000 to 9999 by hand, others (Instant.MAX) by toString.
     */
    private void instant(Instant t) {
        long sec = t.getEpochSecond();
        if (sec < -62_167_219_200L || sec >= 253_402_300_800L) {
            put('"');
            asciiText(t.toString());
            put('"');
            return;
        }
        long days = Math.floorDiv(sec, 86_400L);
        int secOfDay = (int) (sec - days * 86_400L);
        // Days to civil date (H. Hinnant's algorithm, proleptic Gregorian as java.time).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int doe = (int) (z - era * 146_097);
        int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yoe + era * 400) + (month <= 2 ? 1 : 0);
        ensure(34);
        byte[] b = buf;
        int p = n;
        b[p++] = '"';
        p = digits(b, p, year, 4);
        b[p++] = '-';
        p = digits(b, p, month, 2);
        b[p++] = '-';
        p = digits(b, p, day, 2);
        b[p++] = 'T';
        p = digits(b, p, secOfDay / 3600, 2);
        b[p++] = ':';
        p = digits(b, p, secOfDay / 60 % 60, 2);
        b[p++] = ':';
        p = digits(b, p, secOfDay % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            b[p++] = '.';
            if (nano % 1_000_000 == 0) {
                p = digits(b, p, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                p = digits(b, p, nano / 1000, 6);
            } else {
                p = digits(b, p, nano, 9);
            }
        }
        b[p++] = 'Z';
        b[p++] = '"';
        n = p;
    }

    private static int digits(byte[] b, int p, int v, int width) {
        for (int i = p + width - 1; i >= p; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return p + width;
    }

    /**
     * A JSON string as Jackson's UTF-8 generator writes it: {@code "} and {@code \} and the control
     * characters escaped ({@code \n}, {@code \t}, {@code \r}, {@code \b}, {@code \f},
     * else a backslash, u and four hex digits), everything else as UTF-8, a surrogate pair as one 4-byte sequence.
     * {@code null} is {@code null}.
     */
    private void string(String s) {
        if (s == null) {
            bytes(NULL);
            return;
        }
        int len = s.length();
        ensure(len * 6 + 2);
        byte[] b = buf;
        int p = n;
        b[p++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                b[p++] = (byte) c;
            } else if (c < 0x80) {
                b[p++] = '\\';
                switch (c) {
                    case '"' -> b[p++] = '"';
                    case '\\' -> b[p++] = '\\';
                    case '\n' -> b[p++] = 'n';
                    case '\t' -> b[p++] = 't';
                    case '\r' -> b[p++] = 'r';
                    case '\b' -> b[p++] = 'b';
                    case '\f' -> b[p++] = 'f';
                    default -> {
                        b[p++] = 'u';
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 15];
                    }
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                throw NotCovered.INSTANCE;
            }
        }
        b[p++] = '"';
        n = p;
    }

    private void quotedAscii(byte[] name) {
        ensure(name.length + 2);
        buf[n++] = '"';
        System.arraycopy(name, 0, buf, n, name.length);
        n += name.length;
        buf[n++] = '"';
    }

    /** ASCII text written as it is (field names, enum names, digits). */
    private void asciiText(String ascii) {
        int len = ascii.length();
        ensure(len);
        byte[] b = buf;
        int p = n;
        for (int i = 0; i < len; i++) {
            b[p + i] = (byte) ascii.charAt(i);
        }
        n = p + len;
    }

    private void bytes(byte[] x) {
        ensure(x.length);
        System.arraycopy(x, 0, buf, n, x.length);
        n += x.length;
    }

    private void put(char c) {
        ensure(1);
        buf[n++] = (byte) c;
    }

    private void ensure(int more) {
        if (n + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] names(StorageClass[] classes) {
        byte[][] out = new byte[classes.length][];
        for (int i = 0; i < classes.length; i++) {
            out[i] = ascii(classes[i].name());
        }
        return out;
    }

    /** A string the fast path leaves to Jackson; thrown without a stack trace. */
    private static final class NotCovered extends RuntimeException {
        static final NotCovered INSTANCE = new NotCovered();

        private NotCovered() {
            super(null, null, false, false);
        }
    }
}
