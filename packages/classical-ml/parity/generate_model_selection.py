"""Parity fixture for KFold / StratifiedKFold / train_test_split / GridSearchCV / cross_validate and the
preprocessing utilities (sklearn 1.2.1). Run: /usr/bin/python3 parity/generate_model_selection.py"""
import numpy as np
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, OneHotEncoder

from _iris import dump, iris

kfold = [dict(n=n, k=k, test=[t.tolist() for _, t in KFold(n_splits=k).split(np.zeros(n))]) for n, k in [(11, 3), (10, 5), (7, 2)]]
rng = np.random.RandomState(3)
ys = rng.choice([2, 0, 1], size=23, p=[0.5, 0.3, 0.2])
strat = [dict(y=ys, k=k, test=[t.tolist() for _, t in StratifiedKFold(n_splits=k).split(np.zeros(23), ys)]) for k in [2, 3, 4]]
Xt = np.arange(20).reshape(10, 2)
tr, te = train_test_split(np.arange(10), test_size=0.25, shuffle=False)
tr2, te2 = train_test_split(np.arange(10), test_size=3, shuffle=False)

Xi, yi = iris()
gs = GridSearchCV(KNeighborsClassifier(), {'n_neighbors': [1, 3, 5, 7, 9, 15], 'weights': ['uniform', 'distance']}, cv=5).fit(Xi, yi)
cvs = cross_val_score(GaussianNB(), Xi, yi, cv=5)

M = rng.randn(12, 3) * [1, 10, 100]
mm = MinMaxScaler().fit(M)
mm2 = MinMaxScaler(feature_range=(-1, 2)).fit(M)
cats = np.array([['red', 'S'], ['green', 'M'], ['blue', 'L'], ['green', 'S'], ['red', 'XL']], dtype=object)
ohe = OneHotEncoder(handle_unknown='ignore', sparse_output=False).fit(cats)
dump('model-selection', dict(
    kfold=kfold, stratified=strat, trainTestSplit=dict(fraction=dict(train=tr, test=te), count=dict(train=tr2, test=te2)),
    grid=dict(params=[{k: v for k, v in p.items()} for p in gs.cv_results_['params']],
              meanTestScore=gs.cv_results_['mean_test_score'], rank=gs.cv_results_['rank_test_score'],
              bestParams=gs.best_params_, bestScore=gs.best_score_),
    crossValScoreGaussianNB=cvs,
    minMax=dict(X=M, scale=mm.scale_, min=mm.min_, transform=mm.transform(M), transform2=mm2.transform(M)),
    oneHot=dict(X=cats.tolist(), categories=[c.tolist() for c in ohe.categories_],
                transform=ohe.transform(np.array([['green', 'L'], ['purple', 'S']], dtype=object))),
    labelEncoder=dict(classes=LabelEncoder().fit(['b', 'a', 'c', 'a']).classes_.tolist()),
))
print(gs.best_params_, gs.best_score_)
