package dev.archiver.core.train;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.predict.ReadCountModel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link ReadCountModel}: Poisson regression with a log link on standardised features (mean 0, scale 1),
 * L2-regularised (the intercept is not), by Newton's method with step halving. Deterministic. The labels are read
 * counts, such as {@link PointInTimeDataset#readCounts}: the reads in each snapshot's horizon.
 *
 * <pre>{@code
 * Dataset d = PointInTimeDataset.build(index, extractor, snapshots, horizon);
 * double[] counts = PointInTimeDataset.readCounts(index, snapshots, horizon);
 * ReadCountModel m = PoissonRegressionTrainer.builder().build().fit(d.featureNames(), d.values(), counts, Map.of());
 * }</pre>
 *
 * The mean of the fitted counts over the training rows equals the mean count (the intercept's score equation),
 * so the model is calibrated on average. Each Newton step costs rows × (features + 1)² multiply-adds.
 */
public final class PoissonRegressionTrainer {
    private final double l2;
    private final int maxIterations;
    private final double tolerance;

    private PoissonRegressionTrainer(Builder b) {
        this.l2 = b.l2;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits {@code counts} (one per row, finite, {@code >= 0}) on the row-major {@code values}; {@code metadata} goes
     * into the model (with the trainer's report: rows, mean count, iterations, converged, mean deviance).
     *
     * @throws ArchiverException when there are no rows, or every count is 0
     * @throws IllegalArgumentException when the sizes do not fit or a count is negative or not finite
     */
    public ReadCountModel fit(List<String> names, double[] values, double[] counts, Map<String, Object> metadata) {
        int n = counts.length;
        int d = names.size();
        if ((long) n * d != values.length) {
            throw new IllegalArgumentException(n + " counts do not fit " + values.length + " values of " + d + " features");
        }
        if (n == 0) {
            throw new ArchiverException("cannot train a read-count model on an empty dataset");
        }
        double sum = 0;
        for (int r = 0; r < n; r++) {
            if (!(counts[r] >= 0) || Double.isInfinite(counts[r])) {
                throw new IllegalArgumentException("count of row " + r + " must be a finite number >= 0, was " + counts[r]);
            }
            sum += counts[r];
        }
        if (sum == 0) {
            throw new ArchiverException("cannot train a read-count model: no row was read");
        }
        Standardisation st = Standardisation.of(values, n, d);
        double[] mean = st.mean;
        double[] scale = st.scale;
        boolean[] constant = st.constant;
        // every row standardised once, not at each of the passes over the rows (the same values: same expression)
        double[] std = new double[values.length];
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                std[base + j] = (values[base + j] - mean[j]) / scale[j];
            }
        }
        int k = d + 1;
        double[] z = new double[k];
        double[] beta = new double[k];
        beta[0] = Math.log(sum / n);
        double[] grad = new double[k];
        double[] hess = new double[k * k];
        double objective = objective(std, counts, beta, n, d, z);
        int iter = 0;
        boolean converged = false;
        while (iter < maxIterations && !converged) {
            iter++;
            Arrays.fill(grad, 0);
            Arrays.fill(hess, 0);
            for (int r = 0; r < n; r++) {
                double mu = Math.exp(Math.min(30, eta(std, r, beta, d, z)));
                double g = mu - counts[r];
                for (int a = 0; a < k; a++) {
                    double za = z[a];
                    if (za == 0) {
                        continue;
                    }
                    grad[a] += g * za;
                    double h = mu * za;
                    int row = a * k;
                    for (int b = 0; b <= a; b++) {
                        hess[row + b] += h * z[b];
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < a; b++) {
                    hess[b * k + a] = hess[a * k + b];
                }
            }
            for (int a = 1; a < k; a++) {
                grad[a] += l2 * beta[a];
                hess[a * k + a] += l2;
                if (constant[a - 1]) {
                    grad[a] = 0;
                    for (int b = 0; b < k; b++) {
                        hess[a * k + b] = 0;
                        hess[b * k + a] = 0;
                    }
                    hess[a * k + a] = 1;
                }
            }
            double[] step = LogisticRegressionTrainer.solve(hess, grad, k);
            double[] next = new double[k];
            double t = 1;
            double nextObjective;
            while (true) { // step halving: a full Newton step can overshoot on the exponential
                for (int a = 0; a < k; a++) {
                    next[a] = beta[a] - t * step[a];
                }
                nextObjective = objective(std, counts, next, n, d, z);
                if (nextObjective <= objective + 1e-12 * Math.abs(objective) || t < 1e-6) {
                    break;
                }
                t /= 2;
            }
            double maxChange = 0;
            for (int a = 0; a < k; a++) {
                maxChange = Math.max(maxChange, Math.abs(next[a] - beta[a]));
            }
            beta = next;
            objective = nextObjective;
            converged = maxChange < tolerance;
        }
        double deviance = 0;
        for (int r = 0; r < n; r++) {
            double mu = Math.exp(Math.min(30, eta(std, r, beta, d, z)));
            double y = counts[r];
            deviance += 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
        }
        Map<String, Object> card = new LinkedHashMap<>(metadata);
        card.put("trainer", Map.of("model", "poisson", "l2", l2, "iterations", iter, "converged", converged));
        card.put("trainingRows", n);
        card.put("trainingMeanCount", sum / n);
        card.put("trainingMeanDeviance", deviance / n);
        return ReadCountModel.of(names, mean, scale, Arrays.copyOfRange(beta, 1, k), beta[0], card);
    }

    /** Linear predictor of row {@code r} of the standardised rows; {@code z} receives the row with a leading 1. */
    private static double eta(double[] x, int r, double[] beta, int d, double[] z) {
        z[0] = 1;
        double e = beta[0];
        int base = r * d;
        for (int j = 0; j < d; j++) {
            double v = x[base + j];
            z[j + 1] = v;
            e += beta[j + 1] * v;
        }
        return e;
    }

    /** Negative Poisson log-likelihood (without the log y! constant) plus the L2 penalty. */
    private double objective(double[] x, double[] y, double[] beta, int n, int d, double[] z) {
        double s = 0;
        for (int r = 0; r < n; r++) {
            double e = Math.min(30, eta(x, r, beta, d, z));
            s += Math.exp(e) - y[r] * e;
        }
        for (int a = 1; a < beta.length; a++) {
            s += 0.5 * l2 * beta[a] * beta[a];
        }
        return s;
    }

    /** Builds a {@link PoissonRegressionTrainer}. */
    public static final class Builder {
        private double l2 = 1.0;
        private int maxIterations = 50;
        private double tolerance = 1e-6;

        private Builder() {
        }

        /** L2 penalty on the standardised coefficients (default 1). @throws IllegalArgumentException when negative or not finite */
        public Builder l2(double l2) {
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 must be a finite number >= 0, was " + l2);
            }
            this.l2 = l2;
            return this;
        }

        /** Newton steps at most (default 50). @throws IllegalArgumentException unless >= 1 */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, was " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /** Stops when no coefficient changes by more than this (default 1e-6). @throws IllegalArgumentException unless > 0 */
        public Builder tolerance(double t) {
            if (!(t > 0)) {
                throw new IllegalArgumentException("tolerance must be > 0, was " + t);
            }
            this.tolerance = t;
            return this;
        }

        public PoissonRegressionTrainer build() {
            return new PoissonRegressionTrainer(this);
        }
    }
}
