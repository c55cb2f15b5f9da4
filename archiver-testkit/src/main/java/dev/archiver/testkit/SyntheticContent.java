package dev.archiver.testkit;

import java.io.InputStream;

/**
 * Bytes generated from {@code (seed, position)}: byte {@code i} is byte {@code i % 8} of a
 * SplitMix64-style hash of the seed and {@code i / 8}. Reading is O(1) per byte and skipping is
 * O(1), so huge objects can be read anywhere without being stored.
 */
final class SyntheticContent implements Content {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final long length;
    private final long seedHash;
    private volatile String sha256;

    SyntheticContent(long seed, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        this.seed = seed;
        this.length = length;
        this.seedHash = mix(seed);
    }

    long seed() {
        return seed;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public InputStream open() {
        return new Stream();
    }

    @Override
    public String sha256() {
        String s = sha256;
        if (s == null) {
            s = Digests.hex("SHA-256", open());
            sha256 = s;
        }
        return s;
    }

    @Override
    public String fingerprint() {
        return "synthetic:" + seed + ":" + length;
    }

    long word(long index) {
        return mix(seedHash + (index + 1) * GOLDEN);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyntheticContent c && seed == c.seed && length == c.length;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Long.hashCode(length);
    }

    @Override
    public String toString() {
        return "Content[" + length + " bytes, " + fingerprint() + "]";
    }

    private final class Stream extends InputStream {
        private long position;

        @Override
        public int read() {
            if (position >= length) {
                return -1;
            }
            return byteAt(position++) & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            long wordIndex = position >>> 3;
            long word = word(wordIndex);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                if ((p >>> 3) != wordIndex) {
                    wordIndex = p >>> 3;
                    word = word(wordIndex);
                }
                b[off + i] = (byte) (word >>> ((p & 7) << 3));
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, length - position));
            position += skipped;
            return skipped;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, length - position);
        }

        private byte byteAt(long p) {
            return (byte) (word(p >>> 3) >>> ((p & 7) << 3));
        }
    }
}
