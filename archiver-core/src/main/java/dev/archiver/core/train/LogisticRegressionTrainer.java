package dev.archiver.core.train;

import dev.archiver.core.ArchiverException;
import dev.archiver.core.predict.LogisticModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link LogisticModel}: features standardised (mean 0, scale 1; a constant feature gets
 * scale 1), L2-regularised log loss, optional class weighting so the rarer class counts as much
 * as the common one, solved by Newton's method (iteratively reweighted least squares).
 * Deterministic: the same data gives the same model, bit for bit.
 *
 * <pre>{@code
 * LogisticRegressionTrainer.Result r = LogisticRegressionTrainer.builder().l2(1.0).build().fit(dataset);
 * if (!r.converged()) log.warn("did not converge: {}", r);
 * r.model().write(Path.of("model.json"));
 * }</pre>
 */
public final class LogisticRegressionTrainer {
    private final double l2;
    private final boolean balanceClasses;
    private final int maxIterations;
    private final double tolerance;

    /**
     * The outcome of a fit.
     *
     * @param model      the fitted model
     * @param iterations Newton steps taken
     * @param converged  whether the largest coefficient change fell under the tolerance
     * @param logLoss    the (unweighted, unregularised) mean log loss on the training rows
     */
    public record Result(LogisticModel model, int iterations, boolean converged, double logLoss) {
    }

    private LogisticRegressionTrainer(Builder b) {
        this.l2 = b.l2;
        this.balanceClasses = b.balanceClasses;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits {@code data}; {@code metadata} goes into the model card.
     *
     * @throws ArchiverException when the data is empty or has a single class
     */
    public Result fit(Dataset data, Map<String, Object> metadata) {
        int n = data.rows();
        int d = data.width();
        if (n == 0) {
            throw new ArchiverException("cannot train on an empty dataset");
        }
        double pos = data.positiveRate() * n;
        if (pos == 0 || pos == n) {
            throw new ArchiverException("cannot train: every row is labelled " + (pos == 0 ? "0 (never read)" : "1 (read)")
                    + "; the data holds no signal to separate");
        }
        double[] x = data.values();
        double[] y = data.labels();
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
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(scale[j] / n);
            scale[j] = s > 1e-12 ? s : 1;
        }
        double wPos = balanceClasses ? n / (2 * pos) : 1;
        double wNeg = balanceClasses ? n / (2 * (n - pos)) : 1;

        int k = d + 1; // coefficient 0 is the intercept
        double[] beta = new double[k];
        double[] z = new double[k];
        double[] grad = new double[k];
        double[] hess = new double[k * k];
        int iter = 0;
        boolean converged = false;
        while (iter < maxIterations && !converged) {
            iter++;
            java.util.Arrays.fill(grad, 0);
            java.util.Arrays.fill(hess, 0);
            for (int r = 0; r < n; r++) {
                z[0] = 1;
                for (int j = 0; j < d; j++) {
                    z[j + 1] = (x[r * d + j] - mean[j]) / scale[j];
                }
                double eta = 0;
                for (int j = 0; j < k; j++) {
                    eta += beta[j] * z[j];
                }
                double p = sigmoid(eta);
                double w = y[r] == 1 ? wPos : wNeg;
                double g = w * (p - y[r]);
                double h = w * Math.max(p * (1 - p), 1e-12);
                for (int a = 0; a < k; a++) {
                    grad[a] += g * z[a];
                    double hz = h * z[a];
                    for (int b = 0; b <= a; b++) {
                        hess[a * k + b] += hz * z[b];
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < a; b++) {
                    hess[b * k + a] = hess[a * k + b];
                }
            }
            for (int a = 1; a < k; a++) { // the intercept is not regularised
                grad[a] += l2 * beta[a];
                hess[a * k + a] += l2;
            }
            double[] step = solve(hess, grad, k);
            double maxChange = 0;
            for (int a = 0; a < k; a++) {
                beta[a] -= step[a];
                maxChange = Math.max(maxChange, Math.abs(step[a]));
            }
            converged = maxChange < tolerance;
        }
        double loss = 0;
        for (int r = 0; r < n; r++) {
            double eta = beta[0];
            for (int j = 0; j < d; j++) {
                eta += beta[j + 1] * (x[r * d + j] - mean[j]) / scale[j];
            }
            double p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(eta)));
            loss -= y[r] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        loss /= n;
        double[] coef = new double[d];
        System.arraycopy(beta, 1, coef, 0, d);
        Map<String, Object> card = new LinkedHashMap<>(metadata);
        card.put("trainer", Map.of("l2", l2, "balanceClasses", balanceClasses, "iterations", iter, "converged", converged));
        card.put("trainingRows", n);
        card.put("trainingPositiveRate", pos / n);
        card.put("trainingLogLoss", loss);
        LogisticModel model = LogisticModel.of(data.featureNames(), mean, scale, coef, beta[0], card);
        return new Result(model, iter, converged, loss);
    }

    /** Fits {@code data} with an empty model card. */
    public Result fit(Dataset data) {
        return fit(data, Map.of());
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /** Solves the symmetric positive definite system {@code a x = b} by Cholesky decomposition. */
    static double[] solve(double[] a, double[] b, int k) {
        double[] l = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * k + j];
                for (int m = 0; m < j; m++) {
                    s -= l[i * k + m] * l[j * k + m];
                }
                if (i == j) {
                    l[i * k + i] = Math.sqrt(Math.max(s, 1e-12));
                } else {
                    l[i * k + j] = s / l[j * k + j];
                }
            }
        }
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            double s = b[i];
            for (int m = 0; m < i; m++) {
                s -= l[i * k + m] * y[m];
            }
            y[i] = s / l[i * k + i];
        }
        double[] x = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            double s = y[i];
            for (int m = i + 1; m < k; m++) {
                s -= l[m * k + i] * x[m];
            }
            x[i] = s / l[i * k + i];
        }
        return x;
    }

    /** Builds a trainer; every setter validates at once. */
    public static final class Builder {
        private double l2 = 1.0;
        private boolean balanceClasses = false;
        private int maxIterations = 50;
        private double tolerance = 1e-8;

        private Builder() {
        }

        /** L2 penalty on the standardised coefficients (default 1.0). @throws IllegalArgumentException when negative */
        public Builder l2(double l2) {
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 must be a finite number >= 0, was " + l2);
            }
            this.l2 = l2;
            return this;
        }

        /**
         * Weights the classes so each counts as half the data (default false: probabilities stay
         * calibrated, which the cost model needs).
         */
        public Builder balanceClasses(boolean balance) {
            this.balanceClasses = balance;
            return this;
        }

        /** @throws IllegalArgumentException unless 1..1000 */
        public Builder maxIterations(int n) {
            if (n < 1 || n > 1000) {
                throw new IllegalArgumentException("maxIterations must be in 1..1000, was " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /** @throws IllegalArgumentException unless > 0 */
        public Builder tolerance(double t) {
            if (!(t > 0)) {
                throw new IllegalArgumentException("tolerance must be > 0, was " + t);
            }
            this.tolerance = t;
            return this;
        }

        public LogisticRegressionTrainer build() {
            return new LogisticRegressionTrainer(this);
        }
    }

    @Override
    public String toString() {
        return "LogisticRegressionTrainer[l2=" + l2 + ", balanceClasses=" + balanceClasses + "]";
    }

}
