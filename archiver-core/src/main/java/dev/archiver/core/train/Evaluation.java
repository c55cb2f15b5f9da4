package dev.archiver.core.train;

import dev.archiver.core.feature.FeatureBatch;
import dev.archiver.core.predict.AccessPredictor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How well a predictor's probabilities matched what happened: ranking (ROC AUC, PR AUC as average
 * precision), probability quality (log loss, Brier score), a calibration table, and the confusion
 * matrix at a decision threshold.
 *
 * <pre>{@code
 * Evaluation model = Evaluation.of(trained, testSet, 0.5);
 * Evaluation rule = Evaluation.of(AccessPredictor.ageRule(30), testSet, 0.5);
 * boolean better = model.rocAuc() > rule.rocAuc() && model.logLoss() < rule.logLoss();
 * }</pre>
 *
 * Log loss clips probabilities to {@code [1e-15, 1 - 1e-15]} (as scikit-learn does), so a 0/1 rule
 * that is confidently wrong pays about 34.5 per such row rather than infinity.
 *
 * @param predictor    the predictor's name
 * @param rows         rows scored
 * @param positiveRate fraction of rows read within the horizon
 * @param rocAuc       area under the ROC curve (ties count one half); NaN when one class is absent
 * @param prAuc        average precision (area under the precision-recall curve, step-wise); NaN without positives
 * @param logLoss      mean negative log likelihood
 * @param brier        mean squared error of the probability
 * @param threshold    the decision threshold: a row is predicted "read" when {@code p >= threshold}
 * @param confusion    counts at the threshold
 * @param calibration  equal-width probability bins; empty bins are omitted
 */
public record Evaluation(String predictor, int rows, double positiveRate, double rocAuc, double prAuc, double logLoss,
                         double brier, double threshold, Confusion confusion, List<CalibrationBin> calibration) {
    static final double EPS = 1e-15;

    public Evaluation {
        Objects.requireNonNull(predictor, "predictor");
        Objects.requireNonNull(confusion, "confusion");
        calibration = List.copyOf(calibration);
    }

    /**
     * The confusion matrix at the threshold ("positive" = read within the horizon).
     *
     * @param truePositives  predicted read, was read
     * @param falsePositives predicted read, was not
     * @param trueNegatives  predicted not read, was not
     * @param falseNegatives predicted not read, was read (for the archiver: a read that finds its object archived)
     */
    public record Confusion(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {
        /** TP / (TP + FP), NaN when nothing was predicted read. */
        public double precision() {
            return truePositives / (double) (truePositives + falsePositives);
        }

        /** TP / (TP + FN), NaN without positives. */
        public double recall() {
            return truePositives / (double) (truePositives + falseNegatives);
        }

        /** (TP + TN) / all. */
        public double accuracy() {
            return (truePositives + trueNegatives) / (double) (truePositives + falsePositives + trueNegatives + falseNegatives);
        }
    }

    /**
     * One calibration bin: rows whose probability fell in {@code [lower, upper)} (the last bin includes 1).
     *
     * @param lower         bin start
     * @param upper         bin end
     * @param rows          rows in the bin
     * @param meanPredicted mean probability of those rows
     * @param observedRate  fraction of them that were read
     */
    public record CalibrationBin(double lower, double upper, long rows, double meanPredicted, double observedRate) {
    }

    /** Scores {@code data} with {@code predictor} and evaluates with 10 calibration bins. */
    public static Evaluation of(AccessPredictor predictor, Dataset data, double threshold) {
        double[] p = predictor.predict(new FeatureBatch(data.featureNames(), data.values(), data.rows()));
        return of(predictor.name(), p, data.labels(), threshold, 10);
    }

    /**
     * Evaluates probabilities {@code p} against 0/1 labels {@code y}.
     *
     * @throws IllegalArgumentException when the lengths differ, a probability is outside [0, 1], the threshold is
     *                                  outside [0, 1] or {@code bins < 1}
     */
    public static Evaluation of(String predictor, double[] p, double[] y, double threshold, int bins) {
        if (p.length != y.length) {
            throw new IllegalArgumentException(p.length + " probabilities for " + y.length + " labels");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, was " + bins);
        }
        int n = p.length;
        long pos = 0;
        double loss = 0;
        double brier = 0;
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        long[] binRows = new long[bins];
        double[] binP = new double[bins];
        long[] binPos = new long[bins];
        for (int i = 0; i < n; i++) {
            double pi = p[i];
            if (!(pi >= 0 && pi <= 1)) {
                throw new IllegalArgumentException("probability of row " + i + " is outside [0, 1]: " + pi);
            }
            boolean read = y[i] == 1;
            pos += read ? 1 : 0;
            double c = Math.min(1 - EPS, Math.max(EPS, pi));
            loss -= read ? Math.log(c) : Math.log(1 - c);
            brier += (pi - y[i]) * (pi - y[i]);
            boolean predicted = pi >= threshold;
            if (predicted && read) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (read) {
                fn++;
            } else {
                tn++;
            }
            int b = Math.min(bins - 1, (int) (pi * bins));
            binRows[b]++;
            binP[b] += pi;
            binPos[b] += read ? 1 : 0;
        }
        List<CalibrationBin> cal = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (binRows[b] > 0) {
                cal.add(new CalibrationBin(b / (double) bins, (b + 1) / (double) bins, binRows[b], binP[b] / binRows[b],
                        binPos[b] / (double) binRows[b]));
            }
        }
        double[][] ranked = rank(p, y);
        return new Evaluation(predictor, n, n == 0 ? Double.NaN : pos / (double) n, rocAuc(ranked, pos, n - pos),
                averagePrecision(ranked, pos), n == 0 ? Double.NaN : loss / n, n == 0 ? Double.NaN : brier / n,
                threshold, new Confusion(tp, fp, tn, fn), cal);
    }

    /** Distinct scores in descending order with the positives and negatives at each: {score, pos, neg}. */
    private static double[][] rank(double[] p, double[] y) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(p[b], p[a]));
        List<double[]> groups = new ArrayList<>();
        for (int k = 0; k < idx.length; ) {
            double s = p[idx[k]];
            double gp = 0;
            double gn = 0;
            while (k < idx.length && p[idx[k]] == s) {
                if (y[idx[k]] == 1) {
                    gp++;
                } else {
                    gn++;
                }
                k++;
            }
            groups.add(new double[]{s, gp, gn});
        }
        return groups.toArray(new double[0][]);
    }

    /** Probability that a random positive scores above a random negative, ties one half. */
    private static double rocAuc(double[][] groups, long pos, long neg) {
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double negAbove = 0;
        double sum = 0;
        for (double[] g : groups) {
            sum += g[1] * (negAbove + g[2] / 2);
            negAbove += g[2];
        }
        // sum counts, for each positive, the negatives ranked above it: AUC = 1 - that / (pos * neg).
        return 1 - sum / ((double) pos * neg);
    }

    /** Σ (R_k - R_{k-1}) P_k over descending thresholds, as scikit-learn's average_precision_score. */
    private static double averagePrecision(double[][] groups, long pos) {
        if (pos == 0) {
            return Double.NaN;
        }
        double tp = 0;
        double all = 0;
        double ap = 0;
        for (double[] g : groups) {
            tp += g[1];
            all += g[1] + g[2];
            ap += (g[1] / pos) * (tp / all);
        }
        return ap;
    }

    /** The figures as an ordered map (for JSON reports and model cards). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predictor", predictor);
        m.put("rows", rows);
        m.put("positiveRate", positiveRate);
        m.put("rocAuc", rocAuc);
        m.put("prAuc", prAuc);
        m.put("logLoss", logLoss);
        m.put("brier", brier);
        m.put("threshold", threshold);
        m.put("confusion", Map.of("truePositives", confusion.truePositives(), "falsePositives", confusion.falsePositives(),
                "trueNegatives", confusion.trueNegatives(), "falseNegatives", confusion.falseNegatives()));
        List<Map<String, Object>> cal = new ArrayList<>();
        for (CalibrationBin b : calibration) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("lower", b.lower());
            c.put("upper", b.upper());
            c.put("rows", b.rows());
            c.put("meanPredicted", b.meanPredicted());
            c.put("observedRate", b.observedRate());
            cal.add(c);
        }
        m.put("calibration", cal);
        return m;
    }
}
