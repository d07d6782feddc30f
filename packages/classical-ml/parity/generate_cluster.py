"""Parity fixture for KMeans / MiniBatchKMeans / DBSCAN (sklearn 1.2.1). Run: /usr/bin/python3 parity/generate_cluster.py"""
import numpy as np
from sklearn.cluster import DBSCAN, KMeans, MiniBatchKMeans
from sklearn.datasets import make_blobs

from _iris import dump, iris

X, _ = make_blobs(n_samples=150, centers=4, cluster_std=1.2, random_state=3)
Xq = np.random.RandomState(4).uniform(X.min(0), X.max(0), (20, 2))
init = X[[0, 1, 2, 3]]
kmeans = []
for alg in ['lloyd', 'elkan']:
    for tol in [1e-4, 0.0]:
        m = KMeans(n_clusters=4, init=init, n_init=1, algorithm=alg, tol=tol, max_iter=300).fit(X)
        kmeans.append(dict(algorithm=alg, tol=tol, labels=m.labels_, centers=m.cluster_centers_,
                           inertia=m.inertia_, nIter=m.n_iter_, predict=m.predict(Xq), transform=m.transform(Xq)))
# Random (k-means++) initialisation: our generator differs, so only the inertia is compared.
pp = KMeans(n_clusters=4, n_init=10, random_state=0).fit(X)
Xi, _ = iris()
ki = KMeans(n_clusters=3, n_init=10, random_state=0).fit(Xi)

Xb, _ = make_blobs(n_samples=600, centers=5, cluster_std=1.0, random_state=1)
Xb = np.round(Xb, 6)
mb = [MiniBatchKMeans(n_clusters=5, batch_size=b, n_init=3, random_state=s).fit(Xb).inertia_
      for b in [64, 256] for s in range(3)]
full = KMeans(n_clusters=5, n_init=10, random_state=0).fit(Xb).inertia_

rs = np.random.RandomState(6)
Xd = np.vstack([make_blobs(n_samples=250, centers=[[0, 0], [2, 2], [0, 3]], cluster_std=0.3, random_state=7)[0],
                rs.uniform(-1.5, 4, (50, 2))])
dbscan = []
for metric, eps, ms in [('euclidean', 0.3, 5), ('manhattan', 0.4, 6), ('euclidean', 0.15, 3)]:
    d = DBSCAN(eps=eps, min_samples=ms, metric=metric).fit(Xd)
    dbscan.append(dict(metric=metric, eps=eps, minSamples=ms, labels=d.labels_, core=d.core_sample_indices_))
Xc = rs.randn(120, 3) + np.array([2.0, 0.0, 1.0])
d = DBSCAN(eps=0.05, min_samples=4, metric='cosine').fit(Xc)
cosine = dict(X=Xc, eps=0.05, minSamples=4, labels=d.labels_, core=d.core_sample_indices_)

dump('cluster', dict(
    X=X, Xq=Xq, init=init, kmeans=kmeans, kmeansPlusPlusInertia=pp.inertia_,
    iris=dict(inertia=ki.inertia_, centers=ki.cluster_centers_, labels=ki.labels_),
    miniBatch=dict(X=Xb, inertias=mb, fullInertia=full),
    dbscanX=Xd, dbscan=dbscan, cosine=cosine,
))
print('minibatch', mb, full)
