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
        Standardisation st = Standardisation.of(x, n, d);
        double[] mean = st.mean;
        double[] scale = st.scale;
        boolean[] constant = st.constant;
        double wPos = balanceClasses ? n / (2 * pos) : 1;
        double wNeg = balanceClasses ? n / (2 * (n - pos)) : 1;

        // Rows are mostly zeros (one-hot key signals), so work on the raw rows in sparse form and map
        // the gradient and Hessian to the standardised coordinates z = (x - mean) / scale afterwards:
        // with x' = [1, x] and z' = A x', grad_z = A grad_x and H_z = A H_x A^T.
        int k = d + 1; // coefficient 0 is the intercept
        int nnz = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                nnz++;
            }
        }
        int[] rowStart = new int[n + 1];
        int[] col = new int[nnz + n];
        double[] val = new double[nnz + n];
        int q = 0;
        for (int r = 0; r < n; r++) {
            rowStart[r] = q;
            col[q] = 0;
            val[q++] = 1;
            for (int j = 0; j < d; j++) {
                double v = x[r * d + j];
                if (v != 0) {
                    col[q] = j + 1;
                    val[q++] = v;
                }
            }
        }
        rowStart[n] = q;

        double[] beta = new double[k];
        double[] w = new double[k];   // beta folded onto raw features: eta = w . x'
        double[] gradX = new double[k];
        double[] hessX = new double[k * k];
        double[] grad = new double[k];
        double[] hess = new double[k * k];
        int iter = 0;
        boolean converged = false;
        while (iter < maxIterations && !converged) {
            iter++;
            fold(beta, mean, scale, w);
            java.util.Arrays.fill(gradX, 0);
            java.util.Arrays.fill(hessX, 0);
            for (int r = 0; r < n; r++) {
                int from = rowStart[r];
                int to = rowStart[r + 1];
                double eta = 0;
                for (int t = from; t < to; t++) {
                    eta += w[col[t]] * val[t];
                }
                double p = sigmoid(eta);
                double weight = y[r] == 1 ? wPos : wNeg;
                double g = weight * (p - y[r]);
                double h = weight * Math.max(p * (1 - p), 1e-12);
                for (int t = from; t < to; t++) {
                    int a = col[t];
                    double va = val[t];
                    gradX[a] += g * va;
                    double hv = h * va;
                    int rowA = a * k;
                    for (int u = from; u <= t; u++) { // lower triangle: col[u] <= a
                        hessX[rowA + col[u]] += hv * val[u];
                    }
                }
            }
            standardise(gradX, hessX, mean, scale, grad, hess, k);
            for (int a = 1; a < k; a++) { // the intercept is not regularised
                grad[a] += l2 * beta[a];
                hess[a * k + a] += l2;
            }
            for (int j = 0; j < d; j++) {
                if (constant[j]) { // no information: pin its coefficient at 0 (the raw-space algebra leaves only rounding noise)
                    int a = j + 1;
                    grad[a] = 0;
                    for (int b = 0; b < k; b++) {
                        hess[a * k + b] = 0;
                        hess[b * k + a] = 0;
                    }
                    hess[a * k + a] = 1;
                }
            }
            double[] step = solve(hess, grad, k);
            double maxChange = 0;
            for (int a = 0; a < k; a++) {
                beta[a] -= step[a];
                maxChange = Math.max(maxChange, Math.abs(step[a]));
            }
            converged = maxChange < tolerance;
        }
        fold(beta, mean, scale, w);
        double loss = 0;
        for (int r = 0; r < n; r++) {
            double eta = 0;
            for (int t = rowStart[r]; t < rowStart[r + 1]; t++) {
                eta += w[col[t]] * val[t];
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

    /** Standardised coefficients {@code beta} as weights on the raw row {@code [1, x]}. */
    private static void fold(double[] beta, double[] mean, double[] scale, double[] w) {
        double b = beta[0];
        for (int j = 0; j < mean.length; j++) {
            w[j + 1] = beta[j + 1] / scale[j];
            b -= w[j + 1] * mean[j];
        }
        w[0] = b;
    }

    /**
     * Maps the raw-coordinate gradient and (lower-triangular) Hessian to standardised coordinates:
     * z_0 = x_0 (the intercept's 1) and z_j = (x_j - m_j) / s_j.
     */
    private static void standardise(double[] gx, double[] hx, double[] mean, double[] scale, double[] g, double[] h, int k) {
        g[0] = gx[0];
        for (int j = 1; j < k; j++) {
            g[j] = (gx[j] - mean[j - 1] * gx[0]) / scale[j - 1];
        }
        double h00 = hx[0];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double v;
                if (a == 0) {
                    v = h00;
                } else if (b == 0) {
                    v = (hx[a * k] - mean[a - 1] * h00) / scale[a - 1];
                } else {
                    double ma = mean[a - 1];
                    double mb = mean[b - 1];
                    v = (hx[a * k + b] - ma * hx[b * k] - mb * hx[a * k] + ma * mb * h00) / (scale[a - 1] * scale[b - 1]);
                }
                h[a * k + b] = v;
                h[b * k + a] = v;
            }
        }
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
