package dev.archiver.core.access;

import dev.archiver.core.simulate.TraceEvent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed S3 server access log line, as a reusable view over the parser's buffer: valid only
 * inside the consumer call that receives it (call {@link #toRecord()} or copy what you need to keep
 * it). Fields are numbered from 1 as in the AWS documentation (1 bucket owner … 27 source region);
 * later fields are tolerated and readable by number.
 *
 * <pre>{@code
 * parser.parse(source, line -> {
 *     TraceEvent.Operation op = line.traceOperation();   // null when the line is not a write, read or delete
 *     if (op == TraceEvent.Operation.GET) {
 *         reads.merge(line.key(), 1, Integer::sum);
 *     }
 * });
 * }</pre>
 *
 * <p>Classification ({@link #traceOperation()}), as in TRACE_FORMAT.md: {@code REST.PUT.OBJECT},
 * {@code REST.POST.OBJECT}, {@code REST.POST.UPLOAD} (multipart completion), {@code REST.COPY.OBJECT}
 * and {@code REST.COPY.OBJECT_PUT} are writes; {@code REST.GET.OBJECT} is a read; {@code REST.DELETE.OBJECT}
 * and {@code BATCH.DELETE.OBJECT} are deletes — each only with a 2xx status; a lifecycle
 * {@code S3.EXPIRE.OBJECT} (no HTTP status) is a delete. HEAD is not a read, and
 * {@code REST.COPY.OBJECT_GET} (the source half of a copy, which is how the archiver's own in-place
 * copies appear) is not a read.
 */
public final class AccessLogLine {
    /** The number of fields the AWS documentation lists today. */
    public static final int DOCUMENTED_FIELDS = 27;

    private static final byte[] GET_OBJECT = bytes("REST.GET.OBJECT");
    private static final byte[] PUT_OBJECT = bytes("REST.PUT.OBJECT");
    private static final byte[] POST_OBJECT = bytes("REST.POST.OBJECT");
    private static final byte[] POST_UPLOAD = bytes("REST.POST.UPLOAD");
    private static final byte[] COPY_OBJECT = bytes("REST.COPY.OBJECT");
    private static final byte[] COPY_OBJECT_PUT = bytes("REST.COPY.OBJECT_PUT");
    private static final byte[] DELETE_OBJECT = bytes("REST.DELETE.OBJECT");
    private static final byte[] BATCH_DELETE = bytes("BATCH.DELETE.OBJECT");
    private static final byte[] EXPIRE = bytes("S3.EXPIRE.OBJECT");

    byte[] buf;
    final int[] start = new int[64];
    final int[] end = new int[64];
    int fields;
    long epochSecond;
    int status;
    String file;
    long lineNumber;
    private String key;
    private boolean keyDecoded;
    private final boolean plusIsSpace;

    AccessLogLine(boolean plusIsSpace) {
        this.plusIsSpace = plusIsSpace;
    }

    void reset() {
        key = null;
        keyDecoded = false;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The log file this line came from. */
    public String file() {
        return file;
    }

    /** The 1-based line number in that (decompressed) file. */
    public long lineNumber() {
        return lineNumber;
    }

    /** How many fields the line has (27 today; older logs have fewer, newer ones more). */
    public int fieldCount() {
        return fields;
    }

    /**
     * Field {@code number} (1-based, as documented) as text without its quotes or brackets, or
     * {@code null} when it is {@code -} or the line has fewer fields. Keys are not decoded here; see {@link #key()}.
     */
    public String field(int number) {
        int i = number - 1;
        if (i < 0 || i >= fields || isDash(i)) {
            return null;
        }
        return new String(buf, start[i], end[i] - start[i], StandardCharsets.UTF_8);
    }

    private boolean isDash(int i) {
        return end[i] - start[i] == 1 && buf[start[i]] == '-';
    }

    /** Field 3, the time the request was received, in epoch seconds. */
    public long epochSecond() {
        return epochSecond;
    }

    /** Field 3 as an instant. */
    public Instant time() {
        return Instant.ofEpochSecond(epochSecond);
    }

    /** Field 2. */
    public String bucket() {
        return field(2);
    }

    /** Field 7, such as {@code REST.GET.OBJECT}. */
    public String operation() {
        return field(7);
    }

    /** True when field 7 is exactly {@code op}; compares bytes without making a string. */
    public boolean isOperation(String op) {
        return equalsField(6, bytes(op));
    }

    /** Field 10, or -1 when absent ({@code -}, as for lifecycle actions). */
    public int httpStatus() {
        return status;
    }

    /** Field 12, or -1 when absent. */
    public long bytesSent() {
        return number(11);
    }

    /** Field 13, or -1 when absent. */
    public long objectSize() {
        return number(12);
    }

    /**
     * Field 8, URL-decoded ({@code %XX} sequences as UTF-8; {@code +} stays a plus unless the parser was
     * built with {@code plusIsSpace(true)}), or {@code null} when the request named no key.
     */
    public String key() {
        if (!keyDecoded) {
            key = fields > 7 && !isDash(7) ? decode(buf, start[7], end[7], plusIsSpace) : null;
            keyDecoded = true;
        }
        return key;
    }

    /**
     * What this line means for an object's life: {@link TraceEvent.Operation#PUT}, {@code GET} or
     * {@code DELETE}, or {@code null} when it is none (HEAD, a copy's source read, a listing, a non-2xx
     * status, a request without a key). See the class comment for the mapping.
     */
    public TraceEvent.Operation traceOperation() {
        if (fields <= 7 || isDash(7)) {
            return null;
        }
        int len = end[6] - start[6];
        if (len == EXPIRE.length && equalsField(6, EXPIRE)) {
            return status < 0 || (status >= 200 && status < 300) ? TraceEvent.Operation.DELETE : null;
        }
        if (status < 200 || status >= 300) {
            return null;
        }
        if (equalsField(6, GET_OBJECT)) {
            return TraceEvent.Operation.GET;
        }
        if (equalsField(6, PUT_OBJECT) || equalsField(6, POST_UPLOAD) || equalsField(6, COPY_OBJECT_PUT)
                || equalsField(6, COPY_OBJECT) || equalsField(6, POST_OBJECT)) {
            return TraceEvent.Operation.PUT;
        }
        if (equalsField(6, DELETE_OBJECT) || equalsField(6, BATCH_DELETE)) {
            return TraceEvent.Operation.DELETE;
        }
        return null;
    }

    /**
     * This line as a trace event, or {@code null} when {@link #traceOperation()} is. A write's size is
     * field 13 (ObjectSize), 0 when absent.
     */
    public TraceEvent toTraceEvent() {
        TraceEvent.Operation op = traceOperation();
        if (op == null) {
            return null;
        }
        Instant t = time();
        return switch (op) {
            case PUT -> TraceEvent.put(t, key(), Math.max(0, objectSize()));
            case GET -> TraceEvent.get(t, key());
            case DELETE -> TraceEvent.delete(t, key());
        };
    }

    /** Every field, materialised (allocates; for lines you keep). */
    public AccessLogRecord toRecord() {
        List<String> extra = new ArrayList<>();
        for (int n = DOCUMENTED_FIELDS + 1; n <= fields; n++) {
            extra.add(field(n));
        }
        return new AccessLogRecord(field(1), field(2), time(), field(4), field(5), field(6), field(7), key(),
                field(9), status, field(11), number(11), number(12), number(13), number(14), field(16), field(17),
                field(18), field(19), field(20), field(21), field(22), field(23), field(24), field(25), field(26),
                field(27), extra);
    }

    private boolean equalsField(int i, byte[] b) {
        int s = start[i];
        if (end[i] - s != b.length) {
            return false;
        }
        for (int k = 0; k < b.length; k++) {
            if (buf[s + k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    /** Field {@code i} (0-based) as a non-negative decimal, or -1 when absent, {@code -} or not a number. */
    long number(int i) {
        if (i >= fields || isDash(i)) {
            return -1;
        }
        return parseLong(buf, start[i], end[i]);
    }

    static long parseLong(byte[] b, int s, int e) {
        if (s >= e || e - s > 18) {
            return -1;
        }
        long v = 0;
        for (int k = s; k < e; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Percent-decodes {@code b[s..e)} as UTF-8; a malformed escape is kept literally. */
    static String decode(byte[] b, int s, int e, boolean plusIsSpace) {
        boolean plain = true;
        for (int k = s; k < e; k++) {
            byte c = b[k];
            if (c == '%' || c < 0 || (plusIsSpace && c == '+')) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(e - s);
        for (int k = s; k < e; k++) {
            byte c = b[k];
            if (c == '%' && k + 2 < e && hex(b[k + 1]) >= 0 && hex(b[k + 2]) >= 0) {
                out.write(hex(b[k + 1]) * 16 + hex(b[k + 2]));
                k += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    @Override
    public String toString() {
        return file + ":" + lineNumber + ": " + new String(buf, start[0], end[fields - 1] - start[0], StandardCharsets.UTF_8);
    }
}
