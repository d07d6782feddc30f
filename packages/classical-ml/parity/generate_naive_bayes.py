"""Parity fixture for GaussianNB / MultinomialNB / BernoulliNB (sklearn 1.2.1). Run: /usr/bin/python3 parity/generate_naive_bayes.py"""
import numpy as np
from sklearn.naive_bayes import BernoulliNB, GaussianNB, MultinomialNB

from _iris import dump, iris

rng = np.random.RandomState(1)
y = rng.randint(0, 3, 90)
X = rng.randn(90, 4) + y[:, None] * np.array([1.0, -0.5, 0.3, 0.0])
Xq = rng.randn(25, 4) + 0.5
gauss = []
for vs in [1e-9, 1e-2]:
    m = GaussianNB(var_smoothing=vs).fit(X, y)
    gauss.append(dict(varSmoothing=vs, theta=m.theta_, var=m.var_, classPrior=m.class_prior_,
                      predict=m.predict(Xq), proba=m.predict_proba(Xq), logProba=m.predict_log_proba(Xq)))

C = rng.poisson(np.outer(y + 1, np.ones(6)) * np.array([0.5, 1.0, 2.0, 0.2, 1.5, 0.0]) + 0.3)
Cq = rng.poisson(1.0, (25, 6))
multi = []
for a in [1.0, 0.5]:
    m = MultinomialNB(alpha=a).fit(C, y)
    multi.append(dict(alpha=a, featureLogProb=m.feature_log_prob_, classLogPrior=m.class_log_prior_,
                      predict=m.predict(Cq), proba=m.predict_proba(Cq), logProba=m.predict_log_proba(Cq)))
bern = []
for a, b in [(1.0, 0.0), (0.7, 1.5)]:
    m = BernoulliNB(alpha=a, binarize=b).fit(C, y)
    bern.append(dict(alpha=a, binarize=b, featureLogProb=m.feature_log_prob_, classLogPrior=m.class_log_prior_,
                     predict=m.predict(Cq), proba=m.predict_proba(Cq), logProba=m.predict_log_proba(Cq)))

Xi, yi = iris()
test = np.arange(150) % 3 == 0
gi = GaussianNB().fit(Xi[~test], yi[~test])
dump('naive-bayes', dict(X=X, y=y, Xq=Xq, C=C, Cq=Cq, gaussian=gauss, multinomial=multi, bernoulli=bern,
                         iris=dict(predict=gi.predict(Xi[test]), proba=gi.predict_proba(Xi[test]),
                                   score=gi.score(Xi[test], yi[test]))))
