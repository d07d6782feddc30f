"""Fixture for src/ensemble: sklearn 1.2.1 / xgboost 1.7.4 ensembles on seeded data (run with /usr/bin/python3).

Forests, extra-trees, AdaBoost, gradient boosting and bagging draw their randomness from numpy's
RandomState exactly as the TypeScript port does, so their test predictions are stored for an exact
comparison; every model also stores its held-out score for the 1-point parity rule.
"""
import os

import numpy as np
import xgboost as xgb
from sklearn.datasets import make_classification, make_friedman1
from sklearn.ensemble import (AdaBoostClassifier, BaggingClassifier, ExtraTreesClassifier, ExtraTreesRegressor,
                              GradientBoostingClassifier, GradientBoostingRegressor, RandomForestClassifier,
                              RandomForestRegressor, StackingClassifier, VotingClassifier)
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from _iris import HERE, dump, iris

Xc, yc = make_classification(n_samples=1600, n_features=8, n_informative=5, n_redundant=1, n_classes=3,
                             class_sep=1.2, random_state=1)
Xc = Xc.round(4)
yb = (yc == 0).astype(int)
Xr, yr = make_friedman1(n_samples=1200, n_features=6, noise=1.0, random_state=2)
Xr, yr = Xr.round(4), yr.round(4)
nc, nr = 800, 600

# Missing values for the histogram booster: 10% of the entries, at random.
rng = np.random.RandomState(3)
Xc_nan = Xc.copy()
Xc_nan[rng.rand(*Xc.shape) < 0.1] = np.nan
Xr_nan = Xr.copy()
Xr_nan[rng.rand(*Xr.shape) < 0.1] = np.nan


def clf(model, X=Xc, y=yc, n=nc, preds=True):
    model.fit(X[:n], y[:n])
    out = {'score': float(model.score(X[n:], y[n:]))}
    if preds:
        out['predict'] = model.predict(X[n:n + 100])
    return out


def reg(model, X=Xr, y=yr, n=nr, preds=True):
    model.fit(X[:n], y[:n])
    out = {'score': float(model.score(X[n:], y[n:]))}
    if preds:
        out['predict'] = model.predict(X[n:n + 100])
    return out


rf = RandomForestClassifier(n_estimators=50, oob_score=True, random_state=0)
rf_res = clf(rf)
rf_res['oobScore'] = float(rf.oob_score_)
rf_res['importances'] = rf.feature_importances_
rfr = RandomForestRegressor(n_estimators=30, oob_score=True, random_state=0)
rfr_res = reg(rfr)
rfr_res['oobScore'] = float(rfr.oob_score_)

gbc = GradientBoostingClassifier(n_estimators=50, random_state=0)
gbc_res = clf(gbc)
gbc_res['proba'] = gbc.predict_proba(Xc[nc:nc + 20])

cases = {
    'RandomForestClassifier': rf_res,
    'RandomForestRegressor': rfr_res,
    'ExtraTreesClassifier': clf(ExtraTreesClassifier(n_estimators=50, random_state=0)),
    'ExtraTreesRegressor': reg(ExtraTreesRegressor(n_estimators=30, random_state=0)),
    'AdaBoostClassifier': clf(AdaBoostClassifier(n_estimators=50, algorithm='SAMME', random_state=0)),
    'AdaBoostClassifier.SAMME.R': clf(AdaBoostClassifier(n_estimators=50, algorithm='SAMME.R', random_state=0)),
    'GradientBoostingClassifier': gbc_res,
    'GradientBoostingClassifier.binary': clf(GradientBoostingClassifier(n_estimators=50, random_state=0), y=yb),
    'GradientBoostingClassifier.subsample': clf(GradientBoostingClassifier(n_estimators=50, subsample=0.7,
                                                                           random_state=0)),
    'GradientBoostingRegressor': reg(GradientBoostingRegressor(random_state=0)),
    'GradientBoostingRegressor.absolute_error': reg(GradientBoostingRegressor(loss='absolute_error', random_state=0)),
    'GradientBoostingRegressor.huber': reg(GradientBoostingRegressor(loss='huber', alpha=0.8, random_state=0)),
    'BaggingClassifier': clf(BaggingClassifier(n_estimators=20, random_state=0)),
    'VotingClassifier.hard': clf(VotingClassifier([
        ('dt', DecisionTreeClassifier(max_depth=5, random_state=0)),
        ('rf', RandomForestClassifier(n_estimators=30, random_state=0)),
        ('gb', GradientBoostingClassifier(n_estimators=30, random_state=0))]), preds=False),
    'VotingClassifier.soft': clf(VotingClassifier([
        ('dt', DecisionTreeClassifier(max_depth=5, random_state=0)),
        ('rf', RandomForestClassifier(n_estimators=30, random_state=0)),
        ('gb', GradientBoostingClassifier(n_estimators=30, random_state=0))], voting='soft'), preds=False),
    'StackingClassifier': clf(StackingClassifier([
        ('dt', DecisionTreeClassifier(max_depth=5, random_state=0)),
        ('rf', RandomForestClassifier(n_estimators=30, random_state=0))],
        final_estimator=LogisticRegression()), preds=False),
    # XGBoost's hist booster is the reference of HistGradientBoosting*: only held-out scores are compared.
    'XGBClassifier': clf(xgb.XGBClassifier(tree_method='hist', n_estimators=100, random_state=0), preds=False),
    'XGBClassifier.nan': clf(xgb.XGBClassifier(tree_method='hist', n_estimators=100, random_state=0), X=Xc_nan,
                             preds=False),
    'XGBClassifier.binary': clf(xgb.XGBClassifier(tree_method='hist', n_estimators=100, random_state=0), y=yb,
                                preds=False),
    'XGBRegressor': reg(xgb.XGBRegressor(tree_method='hist', n_estimators=100, random_state=0), preds=False),
    'XGBRegressor.nan': reg(xgb.XGBRegressor(tree_method='hist', n_estimators=100, random_state=0), X=Xr_nan,
                            preds=False),
}

# Real data: iris and Boston house prices, every 4th sample held out.
Xi, yi = iris()
ti = np.arange(len(yi)) % 4 == 0
boston = np.genfromtxt(os.path.join(HERE, '..', '..', '..', 'node_modules', '@stdlib',
                                    'datasets-harrison-boston-house-prices', 'data', 'data.csv'),
                       delimiter=',', skip_header=1)
Xh, yh = boston[:, :13], boston[:, 13]
th = np.arange(len(yh)) % 4 == 0


def real_clf(model):
    return float(model.fit(Xi[~ti], yi[~ti]).score(Xi[ti], yi[ti]))


def real_reg(model):
    return float(model.fit(Xh[~th], yh[~th]).score(Xh[th], yh[th]))


real = {
    'iris': {
        'DecisionTreeClassifier': real_clf(DecisionTreeClassifier(random_state=0)),
        'RandomForestClassifier': real_clf(RandomForestClassifier(random_state=0)),
        'ExtraTreesClassifier': real_clf(ExtraTreesClassifier(random_state=0)),
        'GradientBoostingClassifier': real_clf(GradientBoostingClassifier(random_state=0)),
        'AdaBoostClassifier': real_clf(AdaBoostClassifier(algorithm='SAMME', random_state=0)),
        # XGBoost needs integer labels.
        'XGBClassifier': float(xgb.XGBClassifier(tree_method='hist', random_state=0)
                               .fit(Xi[~ti], np.unique(yi, return_inverse=True)[1][~ti])
                               .score(Xi[ti], np.unique(yi, return_inverse=True)[1][ti])),
    },
    'boston': {
        'DecisionTreeRegressor': 0.0,
        'RandomForestRegressor': real_reg(RandomForestRegressor(random_state=0)),
        'ExtraTreesRegressor': real_reg(ExtraTreesRegressor(random_state=0)),
        'GradientBoostingRegressor': real_reg(GradientBoostingRegressor(random_state=0)),
        'XGBRegressor': real_reg(xgb.XGBRegressor(tree_method='hist', random_state=0)),
    },
}
from sklearn.tree import DecisionTreeRegressor  # noqa: E402

real['boston']['DecisionTreeRegressor'] = real_reg(DecisionTreeRegressor(random_state=0))


def nan_index(a):
    # Flat row-major positions of the NaN entries (keeps the fixture small).
    return np.flatnonzero(np.isnan(a))


dump('ensemble', {
    'classification': {'X': Xc, 'y': yc, 'yBinary': yb, 'nTrain': nc, 'nanIndex': nan_index(Xc_nan)},
    'regression': {'X': Xr, 'y': yr, 'nTrain': nr, 'nanIndex': nan_index(Xr_nan)},
    'cases': cases,
    'real': real,
})
