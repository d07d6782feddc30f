"""Writes the PyTorch parity fixtures for @llm/nn.

Run from the repository root with Debian's Python (python3-torch):

    /usr/bin/python3 packages/nn/parity/generate.py

Each module case stores the module's constructor arguments, its state dict under PyTorch's key
names, the inputs, the outputs (nested outputs such as LSTM's (output, (h_n, c_n)) flattened in
order), one random upstream gradient per output and the gradients of sum(out_i * upstream_i) with
respect to every float input and every parameter. `packages/nn/test/parity.test.ts` loads the state
dict into the @llm/nn module with `loadStateDict` and replays the case without Python.

`init.json` holds sample statistics of torch's init functions (our generator is not torch's, so
the TS test compares moments and bounds, not values). `tiny.safetensors` is assembled byte by byte
from torch tensors exactly as the Hugging Face serializer lays files out (python3-safetensors is not
packaged for this Debian release); `tiny.safetensors.json` lists what it holds.
"""

import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "fixtures")

torch.manual_seed(0)
rng = np.random.default_rng(20240605)


def num(v):
    """The shortest decimal that round-trips through float32 (ints and bools as they are)."""
    if isinstance(v, (bool, int)):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(str(np.float32(v)))


DTYPES = {torch.float32: "float32", torch.int64: "int32", torch.int32: "int32", torch.bool: "bool"}


def enc(t):
    t = t.detach()
    return {"shape": list(t.shape), "dtype": DTYPES[t.dtype], "data": [num(v) for v in t.reshape(-1).tolist()]}


def randn(*shape, scale=1.0):
    return torch.tensor((rng.standard_normal(shape) * scale).astype(np.float32))


def flatten(out):
    if isinstance(out, (list, tuple)):
        return [t for o in out for t in flatten(o)]
    return [out]


GROUPS = {}


def case(group, name, module, kind, args, inputs, forward=None, randomize=True):
    """Records one module case. `inputs` is a list of (name, tensor); float inputs get gradients.
    With `randomize`, every parameter is redrawn N(0, 0.5^2) so nothing relies on the init (ones,
    zeros) hiding a bug."""
    if randomize:
        with torch.no_grad():
            for p in module.parameters():
                p.copy_(randn(*p.shape, scale=0.5))
    module.train(False)
    tins = []
    for _, t in inputs:
        t = t.clone()
        if t.is_floating_point():
            t.requires_grad_(True)
        tins.append(t)
    out = forward(module, *tins) if forward else module(*tins)
    outs = flatten(out)
    ups = [randn(*o.shape) for o in outs]
    params = dict(module.named_parameters())
    wrt = [t for t in tins if t.requires_grad] + list(params.values())
    grads = torch.autograd.grad(outs, wrt, grad_outputs=ups, allow_unused=True)
    grads = [g if g is not None else torch.zeros_like(w) for g, w in zip(grads, wrt)]
    n_in = sum(1 for t in tins if t.requires_grad)
    it = iter(grads[:n_in])
    GROUPS.setdefault(group, []).append(
        {
            "id": f"{kind}/{name}",
            "module": kind,
            "args": args,
            "state": {k: enc(v) for k, v in module.state_dict().items()},
            "inputs": [{"name": n, **enc(t)} for (n, _), t in zip(inputs, tins)],
            "outputs": [enc(o) for o in outs],
            "upstream": [enc(u) for u in ups],
            "inputGrads": [enc(next(it)) if t.requires_grad else None for t in tins],
            "paramGrads": {k: enc(g) for k, g in zip(params.keys(), grads[n_in:])},
        }
    )


def ids(*shape, high):
    return torch.tensor(rng.integers(0, high, shape), dtype=torch.int64)


# ---- Linear, Embedding, norms, MLP ----
L = "layers"
case(L, "bias", nn.Linear(5, 4), "Linear", {"inFeatures": 5, "outFeatures": 4}, [("x", randn(3, 5))])
case(L, "batched", nn.Linear(5, 4), "Linear", {"inFeatures": 5, "outFeatures": 4}, [("x", randn(2, 3, 5))])
case(L, "no_bias", nn.Linear(6, 3, bias=False), "Linear", {"inFeatures": 6, "outFeatures": 3, "bias": False}, [("x", randn(4, 6))])

pad_ids = ids(3, 5, high=10)
pad_ids[0, 0] = 0
pad_ids[2, 3] = 0
case(L, "plain", nn.Embedding(10, 4), "Embedding", {"numEmbeddings": 10, "embeddingDim": 4}, [("ids", ids(2, 6, high=10))])
emb = nn.Embedding(10, 4, padding_idx=0)
with torch.no_grad():
    emb.weight.copy_(randn(10, 4, scale=0.5))
    emb.weight[0].zero_()  # as torch initialises it; gradients must never reach it
case(L, "padding_idx", emb, "Embedding", {"numEmbeddings": 10, "embeddingDim": 4, "paddingIdx": 0}, [("ids", pad_ids)], randomize=False)
emb = nn.Embedding(10, 4, padding_idx=3)
with torch.no_grad():
    emb.weight.copy_(randn(10, 4, scale=0.5))  # a loaded checkpoint may hold any value in the padding row
pad_ids[1, 1] = 3
case(L, "padding_idx_nonzero_row", emb, "Embedding", {"numEmbeddings": 10, "embeddingDim": 4, "paddingIdx": 3}, [("ids", pad_ids)], randomize=False)
neg_ids = ids(2, 7, high=8)
neg_ids[1, 2] = 7
emb = nn.Embedding(8, 3, padding_idx=-1)
with torch.no_grad():
    emb.weight.copy_(randn(8, 3, scale=0.5))
    emb.weight[7].zero_()
case(L, "negative_padding_idx", emb, "Embedding", {"numEmbeddings": 8, "embeddingDim": 3, "paddingIdx": -1}, [("ids", neg_ids)], randomize=False)

case(L, "last_dim", nn.LayerNorm(6), "LayerNorm", {"normalizedShape": [6]}, [("x", randn(3, 4, 6, scale=2) + 1)])
case(L, "two_dims", nn.LayerNorm([3, 4], eps=1e-3), "LayerNorm", {"normalizedShape": [3, 4], "eps": 1e-3}, [("x", randn(2, 3, 4))])
case(L, "no_affine", nn.LayerNorm(5, elementwise_affine=False), "LayerNorm", {"normalizedShape": [5], "elementwiseAffine": False}, [("x", randn(4, 5))])


class RMSNormRef(nn.Module):
    """torch 1.13 has no nn.RMSNorm: x / sqrt(mean(x^2) + eps) * weight over the trailing dims."""

    def __init__(self, shape, eps=1e-6):
        super().__init__()
        self.shape = tuple(shape)
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(self.shape))

    def forward(self, x):
        dims = tuple(range(-len(self.shape), 0))
        return x * torch.rsqrt(x.pow(2).mean(dims, keepdim=True) + self.eps) * self.weight


case(L, "last_dim", RMSNormRef([6]), "RMSNorm", {"normalizedShape": [6]}, [("x", randn(3, 4, 6, scale=2))])
case(L, "two_dims", RMSNormRef([3, 4], eps=1e-5), "RMSNorm", {"normalizedShape": [3, 4], "eps": 1e-5}, [("x", randn(2, 3, 4))])

for act, mod in [("relu", nn.ReLU()), ("gelu", nn.GELU()), ("tanh", nn.Tanh()), ("silu", nn.SiLU())]:
    mlp = nn.Sequential(nn.Linear(5, 8), mod, nn.Linear(8, 7), type(mod)(), nn.Linear(7, 3))
    case(L, act, mlp, "MLP", {"sizes": [5, 8, 7, 3], "activation": act}, [("x", randn(4, 5))])

# ---- RNN, LSTM, GRU ----
R = "recurrent"
TORCH = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}
CONFIGS = [
    # name, inputSize, hiddenSize, options, (L, N), initial state
    ("one_layer", 4, 5, {}, (6, 3), False),
    ("two_layers_state", 4, 5, {"numLayers": 2}, (5, 2), True),
    ("batch_first_state", 3, 4, {"numLayers": 2, "batchFirst": True}, (5, 3), True),
    ("no_bias", 4, 3, {"bias": False}, (4, 2), True),
    ("bidirectional", 3, 4, {"numLayers": 2, "bidirectional": True}, (5, 2), True),
    ("bidirectional_batch_first", 3, 4, {"bidirectional": True, "batchFirst": True}, (4, 3), False),
    ("unbatched_state", 4, 5, {"numLayers": 2}, (5, None), True),
]
for kind in ["RNN", "LSTM", "GRU"]:
    for name, i, h, opts, (T, B), with_state in CONFIGS:
        for nonlin in ["tanh", "relu"] if kind == "RNN" and name in ("one_layer", "two_layers_state") else [None]:
            args = {"inputSize": i, "hiddenSize": h, **opts}
            if nonlin:
                args["nonlinearity"] = nonlin
            kw = dict(
                num_layers=opts.get("numLayers", 1),
                bias=opts.get("bias", True),
                batch_first=opts.get("batchFirst", False),
                bidirectional=opts.get("bidirectional", False),
            )
            if nonlin:
                kw["nonlinearity"] = nonlin
            m = TORCH[kind](i, h, **kw)
            D = 2 if kw["bidirectional"] else 1
            if B is None:
                x = randn(T, i)
                sshape = (D * kw["num_layers"], h)
            else:
                x = randn(B, T, i) if kw["batch_first"] else randn(T, B, i)
                sshape = (D * kw["num_layers"], B, h)
            inputs = [("x", x)]
            if with_state:
                inputs.append(("h0", randn(*sshape)))
                if kind == "LSTM":
                    inputs.append(("c0", randn(*sshape)))
            fwd = None
            if kind == "LSTM" and with_state:
                fwd = lambda mod, x, h0, c0: mod(x, (h0, c0))  # noqa: E731
            case(R, name + (f"_{nonlin}" if nonlin else ""), m, kind, args, inputs, forward=fwd)

C = "cells"
for kind, cls in [("RNNCell", nn.RNNCell), ("LSTMCell", nn.LSTMCell), ("GRUCell", nn.GRUCell)]:
    for name, B, with_state in [("batched_state", 3, True), ("zero_state", 2, False), ("unbatched_state", None, True)]:
        m = cls(4, 5)
        x = randn(B, 4) if B else randn(4)
        sshape = (B, 5) if B else (5,)
        inputs = [("x", x)]
        if with_state:
            inputs.append(("h", randn(*sshape)))
            if kind == "LSTMCell":
                inputs.append(("c", randn(*sshape)))
        fwd = (lambda mod, x, h, c: mod(x, (h, c))) if kind == "LSTMCell" and with_state else None
        case(C, name, m, kind, {"inputSize": 4, "hiddenSize": 5}, inputs, forward=fwd)


# ---- init statistics ----
def stats(t):
    t = t.detach().double()
    return {"mean": t.mean().item(), "std": t.std().item(), "min": t.min().item(), "max": t.max().item()}


torch.manual_seed(1)
SHAPE = [256, 384]  # fanIn 384, fanOut 256
init_cases = []


def init_case(name, fn, args, bound=None, std=None):
    t = torch.empty(SHAPE)
    fn(t)
    init_cases.append({"id": name, "shape": SHAPE, "args": args, "torch": stats(t), "bound": bound, "std": std})


fi, fo = SHAPE[1], SHAPE[0]
init_case("uniform", lambda t: nn.init.uniform_(t, -0.3, 0.7), {"low": -0.3, "high": 0.7}, std=1 / math.sqrt(12))
init_case("normal", lambda t: nn.init.normal_(t, 0.5, 2.0), {"mean": 0.5, "std": 2.0}, std=2.0)
init_case("xavierUniform", lambda t: nn.init.xavier_uniform_(t, gain=1.5), {"gain": 1.5}, bound=1.5 * math.sqrt(6 / (fi + fo)))
init_case("xavierNormal", lambda t: nn.init.xavier_normal_(t, gain=0.8), {"gain": 0.8}, std=0.8 * math.sqrt(2 / (fi + fo)))
init_case("kaimingUniform", lambda t: nn.init.kaiming_uniform_(t, nonlinearity="relu"), {"nonlinearity": "relu"}, bound=math.sqrt(6 / fi))
init_case("kaimingUniform_fanOut", lambda t: nn.init.kaiming_uniform_(t, a=0.1, mode="fan_out"), {"a": 0.1, "mode": "fanOut"}, bound=math.sqrt(3) * math.sqrt(2 / 1.01) / math.sqrt(fo))
init_case("kaimingNormal", lambda t: nn.init.kaiming_normal_(t, nonlinearity="relu"), {"nonlinearity": "relu"}, std=math.sqrt(2 / fi))
init_case("kaimingNormal_tanh_fanOut", lambda t: nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="tanh"), {"mode": "fanOut", "nonlinearity": "tanh"}, std=(5 / 3) / math.sqrt(fo))
lin = nn.Linear(fi, fo)
init_cases.append({"id": "Linear.weight", "shape": SHAPE, "args": {}, "torch": stats(lin.weight), "bound": 1 / math.sqrt(fi), "std": None})
lstm = nn.LSTM(64, 96)
init_cases.append({"id": "LSTM.weight_hh_l0", "shape": [384, 96], "args": {}, "torch": stats(lstm.weight_hh_l0), "bound": 1 / math.sqrt(96), "std": None})
emb = nn.Embedding(fo, fi)
init_cases.append({"id": "Embedding.weight", "shape": SHAPE, "args": {}, "torch": stats(emb.weight), "bound": None, "std": 1.0})
gains = {nl: nn.init.calculate_gain(nl) for nl in ["linear", "sigmoid", "tanh", "relu", "selu"]}
gains["leakyRelu_0.2"] = nn.init.calculate_gain("leaky_relu", 0.2)


# ---- a safetensors file, laid out as the Hugging Face serializer does ----
ST_DTYPES = {
    torch.float64: ("F64", "<f8"),
    torch.float32: ("F32", "<f4"),
    torch.float16: ("F16", "<f2"),
    torch.bfloat16: ("BF16", None),
    torch.int64: ("I64", "<i8"),
    torch.int32: ("I32", "<i4"),
    torch.bool: ("BOOL", "|b1"),
    torch.uint8: ("U8", "|u1"),
}
# The Rust serializer sorts by dtype (its enum order, largest first), then by name.
ST_RANK = {"BOOL": 0, "U8": 1, "I8": 2, "I16": 3, "U16": 4, "F16": 5, "BF16": 6, "I32": 7, "U32": 8, "F32": 9, "F64": 10, "I64": 11}


def to_bytes(t):
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(ST_DTYPES[t.dtype][1]).tobytes()


def write_safetensors(path, tensors, metadata):
    items = sorted(tensors.items(), key=lambda kv: (-ST_RANK[ST_DTYPES[kv[1].dtype][0]], kv[0]))
    header = {"__metadata__": metadata}
    offset = 0
    blobs = []
    for name, t in items:
        b = to_bytes(t.contiguous())
        header[name] = {"dtype": ST_DTYPES[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    hbytes = json.dumps(header, separators=(",", ":")).encode()
    hbytes += b" " * ((8 - len(hbytes) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hbytes)))
        f.write(hbytes)
        for b in blobs:
            f.write(b)


st = {
    "linear.weight": randn(3, 4),
    "linear.bias": randn(3),
    "double": randn(2, 2).double(),
    "half": torch.tensor([0.5, -2.0, 65504.0, 6.1e-5, 1e-7, float("inf")], dtype=torch.float16),
    "brain": torch.tensor([1.0, -3.140625, 1e30, -1e-30], dtype=torch.bfloat16),
    "positions": torch.arange(5, dtype=torch.int64) - 2,
    "counts": torch.tensor([[1, -2], [300000, 4]], dtype=torch.int32),
    "mask": torch.tensor([True, False, True]),
    "bytes": torch.tensor([0, 7, 255], dtype=torch.uint8),
    "scalar": torch.tensor(2.5),
    "empty": torch.zeros(0, 3),
}
st_meta = {"format": "pt", "source": "packages/nn/parity/generate.py"}

os.makedirs(OUT_DIR, exist_ok=True)
write_safetensors(os.path.join(OUT_DIR, "tiny.safetensors"), st, st_meta)
expected = {"metadata": st_meta, "tensors": {}}
for name, t in st.items():
    dtype = {"F64": "float64", "F32": "float32", "F16": "float32", "BF16": "float32", "I64": "int32", "I32": "int32", "BOOL": "bool", "U8": "int32"}[ST_DTYPES[t.dtype][0]]
    v = t.float() if t.dtype in (torch.float16, torch.bfloat16) else t
    data = v.reshape(-1).tolist()
    expected["tensors"][name] = {
        "fileDtype": ST_DTYPES[t.dtype][0],
        "dtype": dtype,
        "shape": list(t.shape),
        "data": [num(x) if dtype == "float32" else (x if math.isfinite(x) else num(x)) if dtype == "float64" else x for x in data],
    }

meta = {"torch": torch.__version__, "numpy": np.__version__}
for group, cases in GROUPS.items():
    with open(os.path.join(OUT_DIR, f"{group}.json"), "w") as f:
        json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
with open(os.path.join(OUT_DIR, "init.json"), "w") as f:
    json.dump({"meta": meta, "cases": init_cases, "gains": gains}, f, indent=1)
with open(os.path.join(OUT_DIR, "tiny.safetensors.json"), "w") as f:
    json.dump(expected, f, indent=1)
print({g: len(c) for g, c in GROUPS.items()}, len(init_cases), "init cases")
