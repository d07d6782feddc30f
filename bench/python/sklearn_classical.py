"""scikit-learn and XGBoost timed on the data bench/classical-ml.bench.mjs writes, for the record.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/python/sklearn_classical.py DIR

DIR holds the bench's data sets as CSV (`<set>_X.csv`, `<set>_y.csv`, `kmeans_init.csv`) and
`plan.json`: {"cases": [{"id", "model", "data", "test", "xgboost"?, "repeats", "warmup", "minSeconds",
"eps", "minSamples"}]}. Each case is fitted `warmup` times untimed, then timed until both `repeats` calls
and `minSeconds` are reached, as tinybench does on the JavaScript side; predict is timed the same way on
the last fitted model. Every estimator runs on one thread (n_jobs=1, and the bench sets OMP_NUM_THREADS=1),
like @llm/classical-ml. Interpreter start and CSV reads are outside the timed region.

Prints one JSON object on stdout: {"versions": {...}, "results": [{"id", "library", "fit": [s],
"predict": [s] | null, "check": {...}} | {"id", "library", "skipped"}]}, or {"skipped": reason}.
"""

import json
import os
import sys
import time


def timed(fn, repeats, warmup, min_seconds):
    """Seconds per call of fn(); returns (times, last result)."""
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    started = time.perf_counter()
    while len(times) < repeats or time.perf_counter() - started < min_seconds:
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return times, result


def estimators(case, kmeans_init):
    """{library: (make, check)} for one case; make() returns an unfitted estimator."""
    from sklearn.cluster import DBSCAN, KMeans
    from sklearn.decomposition import PCA
    from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.tree import DecisionTreeClassifier

    model = case["model"]
    out = {}
    if model == "random_forest":
        out["scikit-learn"] = lambda: RandomForestClassifier(n_estimators=100, max_features="sqrt", n_jobs=1, random_state=0)
    elif model == "decision_tree":
        out["scikit-learn"] = lambda: DecisionTreeClassifier(random_state=0)
    elif model == "hist_gradient_boosting":
        # sklearn grows leaf-wise with its own defaults; depth 6 and no leaf cap bring it closest to XGBoost's.
        out["scikit-learn"] = lambda: HistGradientBoostingClassifier(
            max_iter=100, learning_rate=0.3, max_depth=6, max_leaf_nodes=None, early_stopping=False, random_state=0
        )
    elif model == "knn":
        out["scikit-learn"] = lambda: KNeighborsClassifier(n_neighbors=5, n_jobs=1)
    elif model == "gaussian_nb":
        out["scikit-learn"] = lambda: GaussianNB()
    elif model == "kmeans":
        out["scikit-learn"] = lambda: KMeans(n_clusters=8, init=kmeans_init, n_init=1, max_iter=300, tol=1e-4, algorithm="lloyd")
    elif model == "dbscan":
        out["scikit-learn"] = lambda: DBSCAN(eps=case["eps"], min_samples=case["minSamples"], n_jobs=1)
    elif model == "pca":
        out["scikit-learn"] = lambda: PCA(n_components=None)
    else:
        raise ValueError(f"unknown model {model!r}")

    xgb = case.get("xgboost")
    if xgb:
        try:
            import xgboost
        except ImportError as error:
            out["xgboost"] = f"xgboost did not import ({error})"
        else:
            if xgb == "xgb_random_forest":
                # XGBoost's random-forest mode: one boosting round of 100 parallel trees; depth must be capped.
                out["xgboost"] = lambda: xgboost.XGBRFClassifier(
                    n_estimators=100, subsample=0.632, colsample_bynode=0.2, max_depth=16, tree_method="hist", n_jobs=1
                )
            elif xgb == "xgb_hist":
                out["xgboost"] = lambda: xgboost.XGBClassifier(
                    n_estimators=100, learning_rate=0.3, max_depth=6, reg_lambda=1.0, max_bin=255, tree_method="hist", n_jobs=1
                )
    return out


def check(case, estimator, X_test, y_test, predicted):
    import numpy as np

    model = case["model"]
    if model == "kmeans":
        return {"inertia": float(f"{estimator.inertia_:.6g}"), "iterations": int(estimator.n_iter_)}
    if model == "dbscan":
        labels = estimator.labels_
        return {"clusters": int(len(set(labels[labels >= 0].tolist()))), "noise": int((labels < 0).sum())}
    if model == "pca":
        return {"firstRatio": float(f"{estimator.explained_variance_ratio_[0]:.6g}")}
    return {"accuracy": float(np.mean(predicted == y_test))}


def main():
    directory = sys.argv[1]
    try:
        import numpy as np
        import sklearn
    except ImportError as error:
        print(json.dumps({"skipped": f"scikit-learn did not import ({error})"}))
        return
    versions = {"python": sys.version.split()[0], "scikit-learn": sklearn.__version__, "numpy": np.__version__}
    try:
        import xgboost

        versions["xgboost"] = xgboost.__version__
    except ImportError:
        pass

    with open(os.path.join(directory, "plan.json"), encoding="utf-8") as f:
        plan = json.load(f)
    cache = {}

    def load(name, dtype=float):
        if name not in cache:
            cache[name] = np.loadtxt(os.path.join(directory, f"{name}.csv"), delimiter=",", dtype=dtype, ndmin=1)
        return cache[name]

    kmeans_init = load("kmeans_init")
    results = []
    for case in plan["cases"]:
        X = load(f"{case['data']}_X")
        y = load(f"{case['data']}_y", int) if case["model"] not in ("kmeans", "dbscan", "pca") else None
        X_test = load(f"{case['test']}_X") if case["model"] != "dbscan" else None
        y_test = load(f"{case['test']}_y", int) if X_test is not None else None
        for library, make in estimators(case, kmeans_init).items():
            if isinstance(make, str):
                results.append({"id": case["id"], "library": library, "skipped": make})
                continue
            sys.stderr.write(f"  python {case['id']} {library}\n")

            def fit():
                return make().fit(X) if y is None else make().fit(X, y)

            fit_times, estimator = timed(fit, case["repeats"], case["warmup"], case["minSeconds"])
            predict_times, predicted = None, None
            if X_test is not None:
                predict = estimator.transform if case["model"] == "pca" else estimator.predict
                predict_times, predicted = timed(
                    lambda: predict(X_test), max(case["repeats"], 3), 1, max(case["minSeconds"], 0.2)
                )
            results.append(
                {
                    "id": case["id"],
                    "library": library,
                    "fit": fit_times,
                    "predict": predict_times,
                    "check": check(case, estimator, X_test, y_test, predicted),
                }
            )
    print(json.dumps({"versions": versions, "results": results}))


if __name__ == "__main__":
    main()
