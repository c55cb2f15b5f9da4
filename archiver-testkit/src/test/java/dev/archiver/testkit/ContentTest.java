package dev.archiver.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentTest {

    @Test
    void bytes_sha256AndFingerprint_matchKnownDigest() {
        Content c = Content.of("hello");

        assertEquals(5, c.length());
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", c.sha256());
        assertEquals("sha256:" + c.sha256(), c.fingerprint());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), c.toByteArray());
    }

    @Test
    void bytes_areCopied_soLaterChangesToTheArrayDoNotLeakIn() {
        byte[] b = {1, 2, 3};
        Content c = Content.of(b);
        b[0] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, c.toByteArray());
    }

    @Test
    void synthetic_lengthIsExact() throws IOException {
        for (long length : new long[] {0, 1, 7, 8, 9, 65_537}) {
            Content c = Content.synthetic(3, length);
            try (InputStream in = c.open()) {
                assertEquals(length, in.readAllBytes().length, "length " + length);
                assertEquals(-1, in.read());
            }
            assertEquals(length, c.length());
        }
    }

    @Test
    void synthetic_bytesAreDeterministic_acrossStreamsAndReadSizes() throws IOException {
        Content a = Content.synthetic(42, 10_000);
        Content b = Content.synthetic(42, 10_000);
        byte[] bulk = a.toByteArray();

        byte[] oneByOne = new byte[10_000];
        try (InputStream in = b.open()) {
            for (int i = 0; i < oneByOne.length; i++) {
                oneByOne[i] = (byte) in.read();
            }
        }
        assertArrayEquals(bulk, oneByOne);

        byte[] oddChunks = new byte[10_000];
        try (InputStream in = a.open()) {
            int off = 0;
            while (off < oddChunks.length) {
                off += in.read(oddChunks, off, Math.min(13, oddChunks.length - off));
            }
        }
        assertArrayEquals(bulk, oddChunks);
    }

    @Test
    void synthetic_bytesDependOnPositionOnly_soSkippingReadsTheSameBytes() throws IOException {
        Content c = Content.synthetic(7, 1_000);
        byte[] all = c.toByteArray();
        try (InputStream in = c.open()) {
            assertEquals(333, in.skip(333));
            byte[] rest = in.readAllBytes();
            assertEquals(667, rest.length);
            assertEquals(all[333], rest[0]);
            assertEquals(all[999], rest[666]);
        }
    }

    @Test
    void synthetic_hugeContent_canBeReadAtTheEndWithoutMaterialising() throws IOException {
        long fiftyTiB = 50L * 1024 * 1024 * 1024 * 1024;
        Content c = Content.synthetic(1, fiftyTiB);
        try (InputStream in = c.open()) {
            assertEquals(fiftyTiB - 4, in.skip(fiftyTiB - 4));
            assertEquals(4, in.readAllBytes().length);
        }
        assertThrows(IllegalStateException.class, c::toByteArray);
    }

    @Test
    void synthetic_seedsGiveDifferentBytes() {
        assertNotEquals(Content.synthetic(1, 64).sha256(), Content.synthetic(2, 64).sha256());
        byte[] bytes = Content.synthetic(1, 4096).toByteArray();
        long distinct = java.util.stream.IntStream.range(0, bytes.length).map(i -> bytes[i] & 0xFF).distinct().count();
        assertEquals(256, distinct, "4 KiB of synthetic bytes should use every byte value");
    }

    @Test
    void synthetic_sha256_isStableAndEqualsDigestOfItsBytes() {
        Content c = Content.synthetic(99, 100_003);

        assertEquals(c.sha256(), Content.synthetic(99, 100_003).sha256());
        assertEquals(c.sha256(), Content.of(c.toByteArray()).sha256());
    }

    @Test
    void synthetic_fingerprint_identifiesSeedAndLength() {
        assertEquals("synthetic:5:100", Content.synthetic(5, 100).fingerprint());
        assertEquals(Content.synthetic(5, 100), Content.synthetic(5, 100));
        assertEquals(Content.synthetic(5, 100).hashCode(), Content.synthetic(5, 100).hashCode());
        assertNotEquals(Content.synthetic(5, 100), Content.synthetic(6, 100));
        assertNotEquals(Content.synthetic(5, 100), Content.synthetic(5, 101));
    }

    @Test
    void fingerprint_ofRealAndSyntheticContent_differEvenForTheSameBytes() {
        Content synthetic = Content.synthetic(5, 100);
        Content real = Content.of(synthetic.toByteArray());

        assertEquals(synthetic.sha256(), real.sha256());
        assertNotEquals(synthetic.fingerprint(), real.fingerprint());
        assertNotEquals(synthetic, real);
        assertEquals(real, Content.of(synthetic.toByteArray()));
    }

    @Test
    void synthetic_rejectsNegativeLength_namingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Content.synthetic(1, -5));
        assertEquals("length must be >= 0, was -5", e.getMessage());
    }
}
