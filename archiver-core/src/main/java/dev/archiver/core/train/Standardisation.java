package dev.archiver.core.train;

/**
 * Each feature's mean and scale (population standard deviation) over the training rows, as both
 * trainers standardise them; a constant feature (scale under 1e-12) gets scale 1 and is marked, so
 * its coefficient can be pinned at 0.
 */
final class Standardisation {
    final double[] mean;
    final double[] scale;
    final boolean[] constant;

    private Standardisation(double[] mean, double[] scale, boolean[] constant) {
        this.mean = mean;
        this.scale = scale;
        this.constant = constant;
    }

    /** Of the {@code n} rows of {@code d} values in {@code x} (row-major). */
    static Standardisation of(double[] x, int n, int d) {
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[r * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double t = x[r * d + j] - mean[j];
                scale[j] += t * t;
            }
        }
        boolean[] constant = new boolean[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(scale[j] / n);
            constant[j] = !(s > 1e-12);
            scale[j] = constant[j] ? 1 : s;
        }
        return new Standardisation(mean, scale, constant);
    }
}
