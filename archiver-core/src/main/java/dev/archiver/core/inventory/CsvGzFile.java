package dev.archiver.core.inventory;

import dev.archiver.core.ArchiverException;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One gzip-compressed CSV data file read row by row from bytes, with its raw bytes counted and
 * hashed so that the listed size and MD5 are checked when the file ends. Fields are positions in
 * {@link #buf}; strings are made only for the columns a caller asks for.
 */
final class CsvGzFile implements AutoCloseable {
    private final String name;
    private final DigestingStream raw;
    private final InputStream in;
    byte[] buf = new byte[1 << 18];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean newlineAppended;
    /** 1-based number of the row last returned by {@link #next()}. */
    long row;
    int fieldCount;
    int[] start = new int[32];
    int[] end = new int[32];
    boolean[] escaped = new boolean[32];

    CsvGzFile(String name, InputStream compressed) {
        this.name = name;
        this.raw = new DigestingStream(compressed);
        try {
            this.in = new GZIPInputStream(raw, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new ArchiverException(name + ": row 1: not a gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ArchiverException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Compressed bytes read so far. */
    long rawBytes() {
        return raw.count;
    }

    /** Parses the next row; false at the end of the file. */
    boolean next() {
        while (true) {
            int r = parseRow(pos);
            if (r >= 0) {
                pos = r;
                row++;
                return true;
            }
            if (eof) {
                if (pos >= limit) {
                    return false;
                }
                if (newlineAppended) {
                    throw new ArchiverException(name + ": row " + (row + 1) + ": unterminated quoted field at the end of the file");
                }
                newlineAppended = true;
                // a last row without a line end
                ensureCapacity(limit + 1);
                buf[limit++] = '\n';
                continue;
            }
            fill();
        }
    }

    /**
     * Parses one row starting at {@code p}; returns the position after its line end, or -1 when
     * the buffer ends first (nothing is consumed).
     */
    private int parseRow(int p) {
        int n = 0;
        int lim = limit;
        byte[] b = buf;
        if (p >= lim) {
            return -1;
        }
        while (true) {
            if (n == start.length) {
                grow();
            }
            if (p >= lim) {
                return -1;
            }
            if (b[p] == '"') {
                int s = ++p;
                boolean esc = false;
                while (true) {
                    p = quoteAt(b, p, lim);
                    if (p >= lim) {
                        return -1;
                    }
                    // a quote: the closing one, or the first of a doubled one
                    if (p + 1 >= lim) {
                        if (!eof) {
                            return -1;
                        }
                        break;
                    }
                    if (b[p + 1] == '"') {
                        esc = true;
                        p += 2;
                        continue;
                    }
                    break;
                }
                start[n] = s;
                end[n] = p;
                escaped[n] = esc;
                p++; // closing quote
                if (p >= lim) {
                    return -1;
                }
                n++;
                byte c = b[p];
                if (c == ',') {
                    p++;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    return lineEnd(p, n);
                }
                throw new ArchiverException(name + ": row " + (row + 1) + ": unexpected character after a quoted field");
            }
            int s = p;
            p = fieldEnd(b, p, lim);
            if (p >= lim) {
                return -1;
            }
            start[n] = s;
            end[n] = p;
            escaped[n] = false;
            n++;
            if (b[p] == ',') {
                p++;
                continue;
            }
            return lineEnd(p, n);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The position of the first comma, LF or CR at or after {@code p}, or {@code lim}. Eight bytes
     * at a time: a byte equal to {@code c} is a zero byte of {@code x ^ c*ONES}, and the lowest
     * flagged zero byte of {@code (v - ONES) & ~v & HIGHS} is exact (false flags only sit above a
     * true zero byte).
     */
    static int fieldEnd(byte[] b, int p, int lim) {
        while (p + 8 <= lim) {
            long x = (long) LONGS.get(b, p);
            long comma = x ^ (',' * ONES);
            long lf = x ^ ('\n' * ONES);
            long cr = x ^ ('\r' * ONES);
            long t = ((comma - ONES) & ~comma | (lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (t != 0) {
                return p + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            p += 8;
        }
        while (p < lim && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
            p++;
        }
        return p;
    }

    private static final long QUOTES = '"' * ONES;

    /**
     * The position of the first double quote at or after {@code p}, or {@code lim}: S3 Inventory
     * quotes every field, so this is where most of a row is scanned. Eight bytes at a time, as
     * {@link #fieldEnd}.
     */
    static int quoteAt(byte[] b, int p, int lim) {
        while (p + 8 <= lim) {
            long x = (long) LONGS.get(b, p) ^ QUOTES;
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return p + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            p += 8;
        }
        while (p < lim && b[p] != '"') {
            p++;
        }
        return p;
    }

    private static final long PERCENTS = '%' * ONES;
    private static final long PLUSES = '+' * ONES;

    /**
     * The position of the first {@code %} or {@code +} at or after {@code p}, or {@code lim}: a key
     * without either needs no URL-decoding, which is most keys. Eight bytes at a time, as
     * {@link #fieldEnd}.
     */
    static int percentOrPlusAt(byte[] b, int p, int lim) {
        while (p + 8 <= lim) {
            long x = (long) LONGS.get(b, p);
            long pct = x ^ PERCENTS;
            long plus = x ^ PLUSES;
            long t = ((pct - ONES) & ~pct | (plus - ONES) & ~plus) & HIGHS;
            if (t != 0) {
                return p + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            p += 8;
        }
        while (p < lim && b[p] != '%' && b[p] != '+') {
            p++;
        }
        return p;
    }

    private int lineEnd(int p, int n) {
        if (buf[p] == '\r') {
            if (p + 1 >= limit) {
                if (!eof) {
                    return -1;
                }
                fieldCount = n;
                return p + 1;
            }
            if (buf[p + 1] == '\n') {
                p++;
            }
        }
        fieldCount = n;
        return p + 1;
    }

    private void grow() {
        int len = start.length * 2;
        start = java.util.Arrays.copyOf(start, len);
        end = java.util.Arrays.copyOf(end, len);
        escaped = java.util.Arrays.copyOf(escaped, len);
    }

    private void ensureCapacity(int size) {
        if (size > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(size, buf.length * 2));
        }
    }

    private void fill() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            ensureCapacity(buf.length * 2); // one row longer than the buffer
        }
        try {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        } catch (ZipException | EOFException e) {
            throw new ArchiverException(name + ": row " + (row + 1) + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ArchiverException(name + ": row " + (row + 1) + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * After the last row: drains the raw stream and checks its size and MD5.
     *
     * @throws ArchiverException naming the file when either differs from the manifest
     */
    void verify(long expectedSize, String expectedMd5) {
        try {
            byte[] skip = new byte[8192];
            while (raw.read(skip, 0, skip.length) >= 0) {
                // trailing bytes after the gzip stream still count
            }
        } catch (IOException e) {
            throw new ArchiverException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (raw.count != expectedSize) {
            throw new ArchiverException(name + ": after row " + row + ": size is " + raw.count + " bytes but the manifest lists "
                    + expectedSize + " (truncated or altered data file)");
        }
        String md5 = HexFormat.of().formatHex(raw.digest.digest());
        if (!md5.equals(expectedMd5)) {
            throw new ArchiverException(name + ": after row " + row + ": MD5 is " + md5 + " but the manifest lists "
                    + expectedMd5 + " (altered data file)");
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only; nothing to lose
        }
    }

    /** Counts and hashes every raw byte read through it. */
    private static final class DigestingStream extends FilterInputStream {
        final MessageDigest digest = InventoryManifest.md5();
        long count;

        DigestingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] tmp = new byte[(int) Math.min(n, 8192)];
            int r = read(tmp, 0, tmp.length);
            return Math.max(r, 0);
        }
    }
}
