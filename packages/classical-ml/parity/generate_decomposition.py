"""Parity fixture for PCA (sklearn 1.2.1, svd_solver='full'). Run: /usr/bin/python3 parity/generate_decomposition.py"""
import numpy as np
from sklearn.decomposition import PCA

from _iris import dump, iris

rng = np.random.RandomState(2)
X = rng.randn(50, 5) @ rng.randn(5, 5) + np.array([1.0, -2.0, 0.5, 3.0, 0.0])
Xq = rng.randn(10, 5)
wide = rng.randn(6, 9)  # fewer samples than features
cases = []
for data, nc, wh in [(X, 3, False), (X, None, False), (X, 0.9, False), (X, 2, True), (wide, None, False), (wide, 4, True)]:
    p = PCA(n_components=nc, whiten=wh).fit(data)
    q = Xq if data is X else rng.randn(4, 9)
    cases.append(dict(X=data, nComponents=nc, whiten=wh, Xq=q, components=p.components_,
                      explainedVariance=p.explained_variance_, explainedVarianceRatio=p.explained_variance_ratio_,
                      singularValues=p.singular_values_, mean=p.mean_, noiseVariance=p.noise_variance_,
                      transform=p.transform(q), inverse=p.inverse_transform(p.transform(q)),
                      fitTransform=p.transform(data)))
Xi, _ = iris()
pi = PCA(n_components=2).fit(Xi)
dump('decomposition', dict(cases=cases, iris=dict(components=pi.components_, explainedVariance=pi.explained_variance_,
                                                  explainedVarianceRatio=pi.explained_variance_ratio_,
                                                  transform=pi.transform(Xi))))
