"""Fixture for src/tree: sklearn 1.2.1 decision trees on seeded data (run with /usr/bin/python3).

Features are continuous draws (distinct values), so no two candidate splits tie and sklearn's random
feature permutation cannot change the tree: predictions must match exactly.
"""
import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from _iris import dump, iris

rng = np.random.RandomState(42)

# Classification: 3 classes from a noisy nonlinear rule on 5 features.
Xc = rng.normal(size=(240, 5)).round(6)
score = Xc[:, 0] + 0.8 * Xc[:, 1] ** 2 - 0.6 * Xc[:, 2] * Xc[:, 3] + 0.5 * rng.normal(size=240)
yc = np.digitize(score, np.quantile(score, [1 / 3, 2 / 3]))
# Regression: smooth target plus noise.
Xr = rng.uniform(-2, 2, size=(240, 4)).round(6)
yr = (np.sin(Xr[:, 0]) * 3 + Xr[:, 1] ** 2 - Xr[:, 2] + 0.3 * rng.normal(size=240)).round(6)

tr, te = slice(0, 180), slice(180, 240)


def clf_case(params):
    m = DecisionTreeClassifier(random_state=0, **params).fit(Xc[tr], yc[tr])
    return {
        'params': params,
        'predict': m.predict(Xc[te]),
        'proba': m.predict_proba(Xc[te]),
        'apply': m.apply(Xc[te]),
        'importances': m.feature_importances_,
        'depth': int(m.get_depth()),
        'nLeaves': int(m.get_n_leaves()),
        'nodeCount': int(m.tree_.node_count),
        'threshold': m.tree_.threshold,
        'feature': m.tree_.feature,
        'impurity': m.tree_.impurity,
    }


def reg_case(params):
    m = DecisionTreeRegressor(random_state=0, **params).fit(Xr[tr], yr[tr])
    return {
        'params': params,
        'predict': m.predict(Xr[te]),
        'apply': m.apply(Xr[te]),
        'importances': m.feature_importances_,
        'depth': int(m.get_depth()),
        'nLeaves': int(m.get_n_leaves()),
        'nodeCount': int(m.tree_.node_count),
        'threshold': m.tree_.threshold,
        'feature': m.tree_.feature,
    }


Xi, yi = iris()
iris_test = np.arange(150) % 4 == 0
iris_tree = DecisionTreeClassifier(random_state=0).fit(Xi[~iris_test], yi[~iris_test])

dump('tree', {
    'classification': {'X': Xc, 'y': yc, 'nTrain': 180},
    'regression': {'X': Xr, 'y': yr, 'nTrain': 180},
    'classifierCases': [
        clf_case({}),
        clf_case({'criterion': 'entropy', 'max_depth': 4}),
        clf_case({'criterion': 'log_loss', 'min_samples_leaf': 3, 'min_samples_split': 10}),
        clf_case({'max_depth': 3, 'min_impurity_decrease': 0.01}),
    ],
    'regressorCases': [
        reg_case({}),
        reg_case({'max_depth': 5, 'min_samples_leaf': 2}),
        reg_case({'criterion': 'friedman_mse', 'min_samples_split': 8}),
    ],
    'iris': {
        # Every 4th sample is held out; iris has duplicate rows and tied thresholds, so only the score is compared.
        'testAccuracy': float(iris_tree.score(Xi[iris_test], yi[iris_test])),
    },
})
