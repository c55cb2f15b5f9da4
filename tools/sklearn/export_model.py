#!/usr/bin/env python3
"""Export a fitted scikit-learn StandardScaler + LogisticRegression as JSON that Archiver loads
(`ScikitLearnModels.load`), and regenerate the test fixture that proves the probabilities match.

    from export_model import export
    export(scaler, clf, feature_names, "model.sklearn.json")   # then: archiver evaluate --model model.sklearn.json ...

    python3 tools/sklearn/export_model.py --fixture archiver-core/src/test/resources/dev/archiver/core/predict/sklearn-fixture.json

Format (docs/training.md, "scikit-learn interop"):
    {"format": "sklearn-logistic-regression", "version": 1, "sklearn_version": "...",
     "feature_names": [...], "classes_": [0, 1],
     "scaler": {"mean_": [...], "scale_": [...]} or null,
     "coef_": [[...]], "intercept_": [...]}
"""
import argparse
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score
from sklearn.preprocessing import StandardScaler


def to_json(scaler, clf, feature_names):
    if list(clf.classes_) != [0, 1]:
        raise ValueError("binary classifier with classes [0, 1] expected, got %s" % list(clf.classes_))
    scaler_json = None
    if scaler is not None:
        n = len(feature_names)
        mean = scaler.mean_ if scaler.mean_ is not None else np.zeros(n)
        scale = scaler.scale_ if scaler.scale_ is not None else np.ones(n)
        scaler_json = {"mean_": [float(v) for v in mean], "scale_": [float(v) for v in scale]}
    return {
        "format": "sklearn-logistic-regression",
        "version": 1,
        "sklearn_version": sklearn.__version__,
        "feature_names": list(feature_names),
        "classes_": [int(c) for c in clf.classes_],
        "scaler": scaler_json,
        "coef_": [[float(v) for v in clf.coef_[0]]],
        "intercept_": [float(clf.intercept_[0])],
    }


def export(scaler, clf, feature_names, path):
    with open(path, "w") as f:
        json.dump(to_json(scaler, clf, feature_names), f, indent=2)


def fixture(path):
    rng = np.random.default_rng(20261122)
    names = ["age_days", "log_size_bytes", "never_read", "log_reads_30d", "ext_log"]
    n = 400
    X = np.column_stack([
        rng.exponential(60, n),
        rng.normal(14, 3, n),
        rng.integers(0, 2, n).astype(float),
        np.log1p(rng.poisson(2, n)),
        rng.integers(0, 2, n).astype(float),
    ])
    z = -0.02 * X[:, 0] + 0.1 * (X[:, 1] - 14) - 1.0 * X[:, 2] + 1.2 * X[:, 3] - 0.5 * X[:, 4]
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=0.5, tol=1e-10, max_iter=1000).fit(scaler.transform(X), y)
    p = clf.predict_proba(scaler.transform(X))[:, 1]
    rule = (X[:, 0] <= 30).astype(float)  # a 0/1 age rule: ties everywhere
    doc = {
        "model": to_json(scaler, clf, names),
        "rows": [[float(v) for v in row] for row in X],
        "labels": [int(v) for v in y],
        "probabilities": [float(v) for v in p],
        "metrics": {
            "roc_auc": float(roc_auc_score(y, p)),
            "average_precision": float(average_precision_score(y, p)),
            "log_loss": float(log_loss(y, p)),
            "brier": float(brier_score_loss(y, p)),
        },
        "rule_probabilities": [float(v) for v in rule],
        "rule_metrics": {
            "roc_auc": float(roc_auc_score(y, rule)),
            "average_precision": float(average_precision_score(y, rule)),
            "log_loss": float(log_loss(y, np.clip(rule, 1e-15, 1 - 1e-15))),
            "brier": float(brier_score_loss(y, rule)),
        },
    }
    with open(path, "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixture", required=True, help="where to write the test fixture JSON")
    fixture(ap.parse_args().fixture)
