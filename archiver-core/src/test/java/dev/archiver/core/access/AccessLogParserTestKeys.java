package dev.archiver.core.access;

import java.nio.charset.StandardCharsets;

/** S3's key encoding for test lines (the testkit has the public one; core tests cannot depend on it). */
final class AccessLogParserTestKeys {
    private AccessLogParserTestKeys() {
    }

    static String encode(String key) {
        StringBuilder sb = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (Character.isLetterOrDigit(c) && c < 128 || c == '/' || c == '.' || c == '-' || c == '_') {
                sb.append((char) c);
            } else {
                sb.append(String.format("%%%02X", c));
            }
        }
        return sb.toString();
    }
}
