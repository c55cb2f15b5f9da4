package dev.archiver.testkit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** Real bytes, held in memory. The SHA-256 is computed once, up front, because it is the fingerprint. */
final class BytesContent implements Content {
    private final byte[] bytes;
    private final String sha256;

    BytesContent(byte[] bytes) {
        this.bytes = bytes;
        this.sha256 = Digests.hex("SHA-256", bytes);
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public String fingerprint() {
        return "sha256:" + sha256;
    }

    /** Hex MD5, for the ETag of a single-part upload. */
    String md5() {
        return Digests.hex("MD5", bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesContent c && sha256.equals(c.sha256);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "Content[" + bytes.length + " bytes, " + fingerprint() + "]";
    }
}
