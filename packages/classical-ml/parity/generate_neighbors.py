"""Parity fixture for KNeighborsClassifier / KNeighborsRegressor (sklearn 1.2.1). Run: /usr/bin/python3 parity/generate_neighbors.py"""
import numpy as np
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

from _iris import dump, iris

rng = np.random.RandomState(0)
X = rng.randn(80, 3)
y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int) + (X[:, 2] > 0.8).astype(int)
Xq = rng.randn(30, 3)
yr = np.sin(X[:, 0]) + 0.5 * X[:, 1] + 0.1 * rng.randn(80)

configs = [
    dict(n_neighbors=5, weights='uniform', metric='euclidean'),
    dict(n_neighbors=7, weights='distance', metric='manhattan'),
    dict(n_neighbors=4, weights='uniform', metric='minkowski', p=3),
    dict(n_neighbors=6, weights='distance', metric='euclidean'),
]
clf, reg = [], []
for c in configs:
    m = KNeighborsClassifier(**c).fit(X, y)
    # Query the training points too: zero distances exercise the 'distance' weighting rule.
    Q = np.vstack([Xq, X[:5]])
    clf.append(dict(params=c, predict=m.predict(Q), proba=m.predict_proba(Q)))
    r = KNeighborsRegressor(**c).fit(X, yr)
    reg.append(dict(params=c, predict=r.predict(Q)))
m = KNeighborsClassifier(n_neighbors=5).fit(X, y)
dist, ind = m.kneighbors(Xq, 5)

# Integer grid data: many exactly tied distances, broken by training index.
Xt = rng.randint(0, 4, (40, 2)).astype(float)
yt = rng.randint(0, 2, 40)
Xtq = rng.randint(0, 4, (15, 2)).astype(float)
tie = KNeighborsClassifier(n_neighbors=6, algorithm='brute').fit(Xt, yt)
tdist, tind = tie.kneighbors(Xtq)
stable = np.array([np.lexsort((np.arange(40), np.sqrt(((Xt - q) ** 2).sum(1))))[:6] for q in Xtq])
# sklearn's order among exact ties is heap order, not index order (this prints False); we store the
# distances (identical either way) and the (distance, index)-stable order that our implementation uses.
print('ties: sklearn order equals stable index order:', (stable == tind).all())

Xi, yi = iris()
test = np.arange(150) % 3 == 0
ki = KNeighborsClassifier(n_neighbors=5).fit(Xi[~test], yi[~test])

dump('neighbors', dict(
    X=X, y=y, yr=yr, Xq=Xq, classifier=clf, regressor=reg, kneighbors=dict(distances=dist, indices=ind),
    ties=dict(X=Xt, y=yt, Xq=Xtq, distances=tdist, stableIndices=stable, sklearnIndices=tind, predict=tie.predict(Xtq)),
    iris=dict(predict=ki.predict(Xi[test]), score=ki.score(Xi[test], yi[test])),
))
