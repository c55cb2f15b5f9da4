package dev.archiver.core.inventory;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvGzFileTest {

    @Test
    void fieldEnd_findsTheFirstDelimiter_likeAByteByByteScan() {
        SplittableRandom r = new SplittableRandom(7);
        byte[] alphabet = {'a', ',', '\n', '\r', '"', (byte) 0xC3, (byte) 0xBC, (byte) 0x80, (byte) 0xFF, 0x2B, 0x2D, 0x0B, 0x0C, 0x0E, 0};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(1, 40)];
            int sparse = r.nextInt(1, 30); // mostly plain bytes, sometimes dense delimiters
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(sparse) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) r.nextInt(-128, 128);
            }
            int from = r.nextInt(b.length);
            int lim = r.nextInt(from, b.length + 1);
            int expected = from;
            while (expected < lim && b[expected] != ',' && b[expected] != '\n' && b[expected] != '\r') {
                expected++;
            }
            assertEquals(expected, CsvGzFile.fieldEnd(b, from, lim), () -> java.util.Arrays.toString(b) + " from " + from + " lim " + lim);
        }
    }
}
