package dev.archiver.core.decide;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecisionTest {

    @Test
    void fixed_writesWhatStringFormatWrites() {
        SplittableRandom r = new SplittableRandom(3);
        double[] edges = {0.0, -0.0, 1.0, -1.0, 0.5, 0.0005, 0.0015, 0.0025, 1e-7, -1e-7, 5e-7, 0.0000005, 0.1234565, 2.5e-4,
                123456789.1234565, 1e15, 4.0000000000000003E-7, 0.046997301369863013, Double.NaN, Double.POSITIVE_INFINITY,
                Double.MIN_VALUE, 0.9995, 0.99949999999999994};
        for (double x : edges) {
            check(x);
        }
        for (int i = 0; i < 60_000; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextDouble();
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(-9, 12)) * (r.nextBoolean() ? 1 : -1);
                case 2 -> Math.round(r.nextDouble() * 1e7) / 1e7 + 5e-7; // ties at the seventh decimal
                default -> Double.longBitsToDouble(r.nextLong(0x3C00000000000000L, 0x4330000000000000L));
            };
            check(x);
        }
    }

    private static void check(double x) {
        assertEquals(String.format(Locale.ROOT, "%.6f", x), Decision.fixed(x, 6), () -> "x = " + x);
        assertEquals(String.format(Locale.ROOT, "%.3f", x), Decision.fixed(x, 3), () -> "x = " + x);
    }
}
