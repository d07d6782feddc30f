"""Writes the PyTorch parity fixtures for @llm/tensor.

Run from the repository root with Debian's Python (python3-torch):

    /usr/bin/python3 packages/tensor/parity/generate.py

Each op case stores its float32 inputs, the forward output, a random upstream gradient of the
output's shape and the gradient of sum(out * upstream) with respect to every float input.
`packages/tensor/test/parity.test.ts` replays the cases without Python. Values that JSON cannot
hold are written as the strings "nan", "inf" and "-inf".
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "fixtures")

torch.manual_seed(0)
rng = np.random.default_rng(20240601)

# torch dtype -> @llm/tensor dtype (torch's int64 results, e.g. sums of ints, are int32 here).
DTYPES = {
    torch.float32: "float32",
    torch.float64: "float64",
    torch.int32: "int32",
    torch.int64: "int32",
    torch.bool: "bool",
}


def num(v):
    """A JSON value for one element: the shortest decimal that round-trips through float32."""
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return float(str(np.float32(v)))


def enc(t, with_grad_flag=False):
    requires_grad = bool(t.requires_grad)
    t = t.detach()
    # float64 references (ref64 cases) are stored as the float32 results they stand for.
    for_f32 = t.dtype == torch.float64 and not with_grad_flag
    dtype = "float32" if for_f32 else DTYPES[t.dtype]
    flat = t.reshape(-1).tolist()
    if dtype == "float64" and not for_f32:
        data = [v if math.isfinite(v) else num(v) for v in flat]
    else:
        data = [num(v) for v in flat]
    out = {"shape": list(t.shape), "dtype": dtype, "data": data}
    if with_grad_flag:
        out["requiresGrad"] = requires_grad
    return out


# ---- input helpers (float32 numpy arrays) ----


def randn(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def uniform(lo, hi, *shape):
    return rng.uniform(lo, hi, shape).astype(np.float32)


def away(*shape, lo=0.2, scale=2.0):
    """Random values with |x| >= lo, away from kinks and poles at 0."""
    x = rng.uniform(lo, scale, shape) * rng.choice([-1.0, 1.0], shape)
    return x.astype(np.float32)


def distinct(*shape, scale=3.0):
    """Random values with no ties (max/min/argmax have a unique winner)."""
    n = int(np.prod(shape)) if shape else 1
    x = rng.permutation(n).astype(np.float64) * 0.37 + rng.uniform(0, 0.1, n)
    x = (x - x.mean()) / max(x.std(), 1e-6) * scale
    return x.reshape(shape).astype(np.float32)


def f32(values):
    return np.array(values, dtype=np.float32)


def i32(values):
    return np.array(values, dtype=np.int32)


def mask(values):
    return np.array(values, dtype=bool)


GROUPS = {}


def case(group, op, name, inputs, fn, args=None, grad=True, frozen=(), tol=None, ref64=False):
    """Records one case. `inputs` are numpy arrays; float32 ones get gradients when `grad`, except
    the positions listed in `frozen`. `tol` loosens the test's tolerance for this case (with the
    reason); `ref64` computes the reference in float64 from the same float32 inputs and stores it
    rounded to float32, for cases where torch's float32 result is itself inaccurate."""
    tins = []
    for k, x in enumerate(inputs):
        t = torch.tensor(x)
        if ref64 and t.dtype == torch.float32:
            t = t.double()
        if grad and t.is_floating_point() and k not in frozen:
            t.requires_grad_(True)
        tins.append(t)
    out = fn(*tins)
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    entry = {
        "id": f"{op}/{name}",
        "op": op,
        "args": args or {},
        "inputs": [enc(t.float() if ref64 and t.is_floating_point() else t, True) for t in tins],
        "output": [enc(o) for o in outs] if isinstance(out, (list, tuple)) else enc(out),
    }
    if tol:
        entry["tol"] = tol
    if ref64:
        entry["reference"] = "float64"
    grad_inputs = [t for t in tins if t.requires_grad]
    if grad_inputs and all(o.requires_grad for o in outs):
        ups = [torch.tensor(randn(*o.shape)).to(o.dtype) for o in outs]
        grads = torch.autograd.grad(outs, grad_inputs, grad_outputs=ups, allow_unused=True)
        entry["upstream"] = [enc(u) for u in ups] if isinstance(out, (list, tuple)) else enc(ups[0])
        it = iter(grads)
        entry["grads"] = []
        for t in tins:
            if t.requires_grad:
                g = next(it)
                entry["grads"].append(enc(g if g is not None else torch.zeros_like(t)))
            else:
                entry["grads"].append(None)
    GROUPS.setdefault(group, []).append(entry)


# ---------------------------------------------------------------------------------------------
# Elementwise unary
# ---------------------------------------------------------------------------------------------
U = "unary"
case(U, "neg", "basic", [randn(3, 4)], lambda x: -x)
case(U, "exp", "basic", [randn(3, 4, scale=3)], torch.exp)
case(U, "exp", "large", [f32([-80, -20, 0, 20, 80, -1e4, 88])], torch.exp)
case(U, "expm1", "basic", [randn(3, 4)], torch.expm1)
case(U, "expm1", "tiny", [f32([1e-7, -1e-7, 0, 1e-3, -1e-3, 1e-5])], torch.expm1)
case(U, "log", "basic", [uniform(0.01, 5, 3, 4)], torch.log)
case(U, "log", "extreme", [f32([1e-30, 1e30, 1, 1e-3, 80, 1e4])], torch.log)
case(U, "log", "special", [f32([0, -1, 2, 0])], torch.log)
case(U, "log1p", "basic", [uniform(-0.9, 4, 3, 4)], torch.log1p)
case(U, "log1p", "tiny", [f32([1e-7, -1e-7, 0, 1e-4, -0.5])], torch.log1p)
case(U, "sqrt", "basic", [uniform(0.01, 5, 3, 4)], torch.sqrt)
case(U, "sqrt", "special", [f32([0, 4, 1e-30, 1e30, -1])], torch.sqrt)
case(U, "rsqrt", "basic", [uniform(0.1, 5, 3, 4)], torch.rsqrt)
case(U, "abs", "basic", [randn(3, 4)], torch.abs)
case(U, "abs", "zeros", [f32([0, -0.0, 1, -2, 0])], torch.abs)
case(U, "sign", "basic", [f32([0, -0.0, 1.5, -2, 1e-30, -1e-30])], torch.sign)
case(U, "sin", "basic", [randn(3, 4, scale=3)], torch.sin)
case(U, "cos", "basic", [randn(3, 4, scale=3)], torch.cos)
case(U, "square", "basic", [randn(3, 4, scale=2)], torch.square)
case(U, "reciprocal", "basic", [away(3, 4)], torch.reciprocal)
case(U, "erf", "basic", [randn(3, 4, scale=1.5)], torch.erf)
case(U, "erf", "tails", [f32([-6, -3, -2, -1e-4, 0, 1e-4, 2, 3, 6])], torch.erf)
halves = f32([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 0.49, -0.51, 3.7, -3.2])
case(U, "floor", "halves", [halves], torch.floor)
case(U, "ceil", "halves", [halves], torch.ceil)
case(U, "round", "halves", [halves], torch.round)

# ---------------------------------------------------------------------------------------------
# Elementwise binary, broadcasting and scalars
# ---------------------------------------------------------------------------------------------
B = "binary"
BROADCASTS = [
    ("same", (3, 4), (3, 4)),
    ("col_row", (3, 1), (1, 4)),
    ("rank", (2, 3, 4), (4,)),
    ("rank_lhs", (4,), (2, 3, 4)),
    ("mid", (2, 1, 4), (3, 1)),
    ("zero_d", (), (3,)),
]
for shape_name, sa, sb in BROADCASTS:
    case(B, "add", shape_name, [randn(*sa), randn(*sb)], torch.add)
    case(B, "sub", shape_name, [randn(*sa), randn(*sb)], torch.sub)
    case(B, "mul", shape_name, [randn(*sa), randn(*sb)], torch.mul)
    case(B, "div", shape_name, [randn(*sa), away(*sb)], torch.div)
case(B, "add", "scalar", [randn(3, 4)], lambda x: x + 2.5, {"scalar": 2.5})
case(B, "sub", "scalar", [randn(3, 4)], lambda x: x - 2.5, {"scalar": 2.5})
case(B, "sub", "scalar_lhs", [randn(3, 4)], lambda x: 2.5 - x, {"scalar": 2.5, "lhs": True})
case(B, "mul", "scalar", [randn(3, 4)], lambda x: x * -1.5, {"scalar": -1.5})
case(B, "div", "scalar", [randn(3, 4)], lambda x: x / 3.0, {"scalar": 3.0})
case(B, "div", "scalar_lhs", [away(3, 4)], lambda x: 3.0 / x, {"scalar": 3.0, "lhs": True})
case(B, "pow", "both", [uniform(0.2, 3, 3, 4), randn(3, 4)], torch.pow)
case(B, "pow", "broadcast", [uniform(0.2, 3, 3, 1), randn(4)], torch.pow)
case(B, "pow", "scalar_exp", [f32([0, -1.5, 2, 0.5, -3, 1])], lambda x: x**2, {"scalar": 2})
case(B, "pow", "scalar_exp_frac", [uniform(0.1, 4, 6)], lambda x: x**0.5, {"scalar": 0.5})
case(B, "pow", "scalar_base", [randn(6)], lambda x: 2.0**x, {"scalar": 2.0, "lhs": True})
# Base 0 with positive exponents: the exponent's gradient is masked to 0 (no 0 * log 0 = NaN).
case(B, "pow", "zero_base", [f32([0, 0, 1.5, 2]), f32([1.5, 2, 3, 0])], torch.pow)
case(B, "pow", "zero_exp", [f32([0, 1.5, -2, 3]), f32([0, 0, 0, 0])], torch.pow)
for op, fn in (("maximum", torch.maximum), ("minimum", torch.minimum)):
    case(B, op, "same", [randn(3, 4), randn(3, 4)], fn)
    case(B, op, "broadcast", [randn(3, 1), randn(4)], fn)
    # Ties split the gradient 0.5 / 0.5.
    case(B, op, "ties", [f32([1, 2, 3, -1, 0]), f32([1, 0, 3, 2, 0])], fn)
case(
    B,
    "where",
    "broadcast",
    [mask([[True], [False], [True]]), randn(3, 4), randn(4)],
    torch.where,
)
case(B, "where", "scalar_other", [mask([True, False, True, False]), randn(4)], lambda c, x: torch.where(c, x, torch.tensor(0.5)), {"scalar": 0.5})
clampx = f32([-2, -1, -0.5, 0, 0.5, 1, 2, 1.0000001, -0.9999999])
case(B, "clamp", "both", [clampx], lambda x: torch.clamp(x, -1, 1), {"min": -1, "max": 1})
case(B, "clamp", "min_only", [clampx], lambda x: torch.clamp(x, min=0), {"min": 0})
case(B, "clamp", "max_only", [clampx], lambda x: torch.clamp(x, max=0.5), {"max": 0.5})
case(B, "clamp", "random", [randn(3, 4)], lambda x: torch.clamp(x, -0.5, 0.7), {"min": -0.5, "max": 0.7})
case(B, "clamp", "min_gt_max", [clampx], lambda x: torch.clamp(x, 1, -1), {"min": 1, "max": -1})

# Comparisons and logical ops: forward only (bool results).
C = "compare"
ca = f32([[1, 2, 3, float("nan")], [0, -1, 2, 5], [3, 3, 3, 3]])
cb = f32([3, 2, 1, float("nan")])
for op, fn in (
    ("eq", torch.eq),
    ("ne", torch.ne),
    ("lt", torch.lt),
    ("le", torch.le),
    ("gt", torch.gt),
    ("ge", torch.ge),
):
    case(C, op, "broadcast", [ca, cb], fn, grad=False)
    case(C, op, "scalar", [ca], lambda x, fn=fn: fn(x, 2.0), {"scalar": 2.0}, grad=False)
ma = mask([[True, False], [True, True]])
mb = mask([True, False])
case(C, "logicalAnd", "broadcast", [ma, mb], torch.logical_and, grad=False)
case(C, "logicalOr", "broadcast", [ma, mb], torch.logical_or, grad=False)
case(C, "logicalNot", "bool", [ma], torch.logical_not, grad=False)
special = f32([0, float("nan"), float("inf"), float("-inf"), -1, 1e30])
case(C, "isnan", "special", [special], torch.isnan, grad=False)
case(C, "isinf", "special", [special], torch.isinf, grad=False)
case(C, "maximum", "nan", [special, f32([1, 1, 1, 1, 1, 1])], torch.maximum, grad=False)
case(C, "minimum", "nan", [special, f32([1, 1, 1, 1, 1, 1])], torch.minimum, grad=False)

# Integer and bool dtypes (values only; torch's int64 results are int32 here).
D = "dtype"
case(D, "add", "int32", [i32([1, -2, 3]), i32([4, 5, -6])], torch.add, grad=False)
case(D, "mul", "int32_scalar", [i32([1, -2, 3])], lambda x: x * 3, {"scalar": 3}, grad=False)
case(D, "div", "int32", [i32([1, -7, 9]), i32([2, 2, -4])], torch.div, grad=False)
case(D, "add", "int_float_scalar", [i32([1, -2, 3])], lambda x: x + 0.5, {"scalar": 0.5}, grad=False)
case(D, "sum", "bool", [mask([[True, False, True], [True, True, False]])], lambda x: x.sum(), grad=False)
case(D, "sum", "int32_dim", [i32([[1, 2, 3], [4, 5, 6]])], lambda x: x.sum(1), {"dim": 1}, grad=False)
case(D, "abs", "int32", [i32([-3, 0, 4])], torch.abs, grad=False)
case(D, "neg", "int32", [i32([-3, 0, 4])], torch.neg, grad=False)
case(D, "exp", "int32", [i32([-1, 0, 2])], torch.exp, grad=False)

# ---------------------------------------------------------------------------------------------
# Activations
# ---------------------------------------------------------------------------------------------
A = "activation"
big = f32([-1e4, -80, -20, -1, 0, 1, 20, 80, 1e4])
case(A, "sigmoid", "basic", [randn(3, 4, scale=3)], torch.sigmoid)
case(A, "sigmoid", "large", [big], torch.sigmoid)
case(A, "tanh", "basic", [randn(3, 4, scale=2)], torch.tanh)
case(A, "tanh", "large", [big], torch.tanh)
case(A, "relu", "basic", [randn(3, 4)], torch.relu)
case(A, "relu", "zeros", [f32([0, -0.0, 1, -1, 0, 2])], torch.relu)
case(A, "gelu", "basic", [randn(3, 4, scale=2)], F.gelu, {"approximate": "none"})
case(A, "gelu", "tails", [big], F.gelu, {"approximate": "none"})
case(A, "gelu", "tanh_basic", [randn(3, 4, scale=2)], lambda x: F.gelu(x, approximate="tanh"), {"approximate": "tanh"})
case(A, "gelu", "tanh_tails", [big], lambda x: F.gelu(x, approximate="tanh"), {"approximate": "tanh"})
case(A, "silu", "basic", [randn(3, 4, scale=3)], F.silu)
case(A, "silu", "large", [big], F.silu)
spx = f32([-30, -5, -1, 0, 1, 5, 19.5, 20, 20.5, 30, 2.5, 2.4])
case(A, "softplus", "default", [spx], F.softplus)
case(A, "softplus", "random", [randn(3, 4, scale=3)], F.softplus)
case(A, "softplus", "beta2_thr5", [spx], lambda x: F.softplus(x, beta=2, threshold=5), {"beta": 2, "threshold": 5})
case(A, "softplus", "beta05_thr10", [spx], lambda x: F.softplus(x, beta=0.5, threshold=10), {"beta": 0.5, "threshold": 10})
case(A, "softplus", "large", [big], F.softplus)

# ---------------------------------------------------------------------------------------------
# Reductions, softmax
# ---------------------------------------------------------------------------------------------
R = "reduce"
x234 = randn(2, 3, 4)
for name, dim, keep in (
    ("all", None, False),
    ("dim1", 1, False),
    ("neg_keep", -1, True),
    ("dims02", [0, 2], False),
    ("dims_neg_keep", [-1, 0], True),
):
    args = {} if dim is None else {"dim": dim, "keepdim": keep}
    sfn = (lambda x: x.sum()) if dim is None else (lambda x, d=dim, k=keep: x.sum(d, keepdim=k))
    mfn = (lambda x: x.mean()) if dim is None else (lambda x, d=dim, k=keep: x.mean(d, keepdim=k))
    case(R, "sum", name, [randn(2, 3, 4)], sfn, args)
    case(R, "mean", name, [randn(2, 3, 4)], mfn, args)
for op in ("max", "min"):
    tfn = getattr(torch, op)
    case(R, op, "all", [distinct(3, 4)], lambda x, f=tfn: f(x))
    # Over all elements, tied extremes share the gradient evenly.
    tied = f32([[1, 5, 5], [-2, 5, 0]]) if op == "max" else f32([[1, -5, 5], [-5, 3, -5]])
    case(R, op, "all_ties", [tied], lambda x, f=tfn: f(x))
    case(R, op, "dim1", [distinct(3, 4)], lambda x, f=tfn: f(x, 1)[0], {"dim": 1})
    case(R, op, "dim0_keep", [distinct(3, 4)], lambda x, f=tfn: f(x, 0, keepdim=True)[0], {"dim": 0, "keepdim": True})
    case(R, op, "neg_dim_3d", [distinct(2, 3, 4)], lambda x, f=tfn: f(x, -2)[0], {"dim": -2})
for op in ("argmax", "argmin"):
    tfn = getattr(torch, op)
    case(R, op, "all", [distinct(3, 4)], lambda x, f=tfn: f(x), grad=False)
    case(R, op, "dim1", [distinct(3, 4)], lambda x, f=tfn: f(x, 1), {"dim": 1}, grad=False)
    case(R, op, "neg_keep", [distinct(2, 3, 4)], lambda x, f=tfn: f(x, -1, keepdim=True), {"dim": -1, "keepdim": True}, grad=False)
for op in ("var", "std"):
    tfn = getattr(torch, op)
    case(R, op, "all", [randn(3, 4)], lambda x, f=tfn: f(x))
    case(R, op, "dim1", [randn(3, 4)], lambda x, f=tfn: f(x, 1), {"dim": 1})
    case(R, op, "dims01_keep", [randn(2, 3, 4)], lambda x, f=tfn: f(x, [0, 1], keepdim=True), {"dim": [0, 1], "keepdim": True})
    case(R, op, "biased", [randn(3, 4)], lambda x, f=tfn: f(x, -1, unbiased=False), {"dim": -1, "unbiased": False})
    case(R, op, "correction2", [randn(3, 5)], lambda x, f=tfn: f(x, 1, correction=2), {"dim": 1, "correction": 2})
    case(R, op, "correction0_all", [randn(2, 3)], lambda x, f=tfn: f(x, None, correction=0), {"correction": 0})
    # Values near 100 cancel in x - mean; torch's float32 backward loses ~1e-5 there, so the
    # reference is float64.
    case(R, op, "large_offset", [randn(3, 4) + np.float32(100)], lambda x, f=tfn: f(x, 1), {"dim": 1}, ref64=True)
case(R, "logsumexp", "dim1", [randn(3, 4, scale=2)], lambda x: torch.logsumexp(x, 1), {"dim": 1})
case(R, "logsumexp", "dims02_keep", [randn(2, 3, 4)], lambda x: torch.logsumexp(x, [0, 2], keepdim=True), {"dim": [0, 2], "keepdim": True})
case(R, "logsumexp", "neg_dim", [randn(2, 3, 4)], lambda x: torch.logsumexp(x, -1), {"dim": -1})
large_logits = f32([[1e4, -1e4, 0, 1e4 - 1], [80, -80, 79, 0], [-1e4, -1e4 + 2, -1e4 + 1, -1e4], [1, 2, 3, 4]])
# torch's float32 logsumexp backward is exp(x - lse) * grad with lse rounded to float32 (ulp ~1e-3
# at 1e4), so its gradient here is only good to ~5e-4 relative; the float64 reference is exact.
case(
    R,
    "logsumexp",
    "large",
    [large_logits],
    lambda x: torch.logsumexp(x, 1),
    {"dim": 1},
    tol={"rtol": 1e-3, "why": "torch float32 backward uses exp(x - lse) with lse rounded to float32"},
)
case(R, "logsumexp", "large_ref64", [large_logits], lambda x: torch.logsumexp(x, 1), {"dim": 1}, ref64=True)
neg_inf = f32([[0, float("-inf"), 1, 2], [float("-inf"), 3, -1, float("-inf")]])
case(R, "logsumexp", "neg_inf", [neg_inf], lambda x: torch.logsumexp(x, -1), {"dim": -1})
S = "softmax"
for op, tfn in (("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)):
    case(S, op, "last", [randn(3, 5, scale=2)], lambda x, f=tfn: f(x, -1), {"dim": -1})
    case(S, op, "dim0", [randn(3, 5, scale=2)], lambda x, f=tfn: f(x, 0), {"dim": 0})
    case(S, op, "3d_dim1", [randn(2, 3, 4)], lambda x, f=tfn: f(x, 1), {"dim": 1})
    case(S, op, "large", [large_logits], lambda x, f=tfn: f(x, 1), {"dim": 1})
    case(S, op, "large_dim0", [large_logits], lambda x, f=tfn: f(x, 0), {"dim": 0})
    case(S, op, "neg_inf", [neg_inf], lambda x, f=tfn: f(x, -1), {"dim": -1})

# ---------------------------------------------------------------------------------------------
# Matmul
# ---------------------------------------------------------------------------------------------
M = "matmul"
for name, sa, sb in (
    ("dot", (5,), (5,)),
    ("vec_mat", (3,), (3, 4)),
    ("mat_vec", (3, 4), (4,)),
    ("mat_mat", (3, 4), (4, 5)),
    ("bmm", (2, 3, 4), (2, 4, 5)),
    ("batch_broadcast", (2, 1, 3, 4), (3, 4, 5)),
    ("batch_mat", (2, 3, 4), (4, 2)),
    ("mat_batch", (3, 4), (2, 4, 2)),
    ("batch_vec", (2, 3, 4), (4,)),
    ("vec_batch", (4,), (2, 4, 3)),
    ("batch_one", (1, 3, 4), (3, 4, 2)),
):
    case(M, "matmul", name, [randn(*sa), randn(*sb)], torch.matmul)

# ---------------------------------------------------------------------------------------------
# Shape ops
# ---------------------------------------------------------------------------------------------
SH = "shape"
case(SH, "reshape", "infer", [randn(2, 3, 4)], lambda x: x.reshape(4, -1), {"shape": [4, -1]})
case(SH, "reshape", "to_1d", [randn(2, 3)], lambda x: x.reshape(-1), {"shape": [-1]})
case(SH, "view", "split_dim", [randn(6, 2)], lambda x: x.view(2, 3, 2), {"shape": [2, 3, 2]})
case(SH, "flatten", "all", [randn(2, 3, 4)], torch.flatten)
case(SH, "flatten", "range", [randn(2, 3, 4, 2)], lambda x: torch.flatten(x, 1, 2), {"startDim": 1, "endDim": 2})
case(SH, "flatten", "neg", [randn(2, 3, 4)], lambda x: torch.flatten(x, -2), {"startDim": -2})
case(SH, "squeeze", "all", [randn(1, 3, 1, 2)], torch.squeeze)
case(SH, "squeeze", "dim", [randn(1, 3, 1, 2)], lambda x: x.squeeze(2), {"dim": 2})
case(SH, "squeeze", "noop", [randn(1, 3, 1, 2)], lambda x: x.squeeze(1), {"dim": 1})
case(SH, "unsqueeze", "front", [randn(3, 2)], lambda x: x.unsqueeze(0), {"dim": 0})
case(SH, "unsqueeze", "neg", [randn(3, 2)], lambda x: x.unsqueeze(-1), {"dim": -1})
case(SH, "unsqueeze", "mid_neg", [randn(3, 2)], lambda x: x.unsqueeze(-2), {"dim": -2})
case(SH, "expand", "basic", [randn(3, 1)], lambda x: x.expand(3, 4), {"shape": [3, 4]})
case(SH, "expand", "new_dims", [randn(1, 2)], lambda x: x.expand(2, 3, -1, 2), {"shape": [2, 3, -1, 2]})
case(SH, "expand", "zero_d", [randn()], lambda x: x.expand(2, 3), {"shape": [2, 3]})
case(SH, "permute", "3d", [randn(2, 3, 4)], lambda x: x.permute(2, 0, 1), {"dims": [2, 0, 1]})
case(SH, "permute", "neg", [randn(2, 3, 4)], lambda x: x.permute(-1, -3, -2), {"dims": [-1, -3, -2]})
case(SH, "transpose", "3d", [randn(2, 3, 4)], lambda x: x.transpose(0, 2), {"dim0": 0, "dim1": 2})
case(SH, "transpose", "neg", [randn(2, 3, 4)], lambda x: x.transpose(-1, -2), {"dim0": -1, "dim1": -2})
case(SH, "t", "2d", [randn(3, 4)], lambda x: x.t())
case(SH, "t", "1d", [randn(3)], lambda x: x.t())
case(SH, "cat", "dim0", [randn(2, 3), randn(1, 3), randn(3, 3)], lambda *xs: torch.cat(xs, 0), {"dim": 0})
case(SH, "cat", "neg_dim", [randn(2, 3, 1), randn(2, 3, 2)], lambda *xs: torch.cat(xs, -1), {"dim": -1})
case(SH, "cat", "middle", [randn(2, 1, 2), randn(2, 3, 2)], lambda *xs: torch.cat(xs, 1), {"dim": 1})
case(SH, "stack", "dim0", [randn(2, 3), randn(2, 3), randn(2, 3)], lambda *xs: torch.stack(xs, 0), {"dim": 0})
case(SH, "stack", "neg", [randn(2, 3), randn(2, 3)], lambda *xs: torch.stack(xs, -1), {"dim": -1})
case(SH, "split", "size", [randn(5, 2)], lambda x: torch.split(x, 2), {"splitSize": 2})
case(SH, "split", "sections", [randn(2, 6)], lambda x: torch.split(x, [1, 3, 2], 1), {"splitSize": [1, 3, 2], "dim": 1})
case(SH, "chunk", "uneven", [randn(5, 2)], lambda x: torch.chunk(x, 3), {"chunks": 3})
case(SH, "chunk", "neg_dim", [randn(2, 7)], lambda x: torch.chunk(x, 4, -1), {"chunks": 4, "dim": -1})
case(SH, "narrow", "basic", [randn(4, 5)], lambda x: x.narrow(1, 1, 3), {"dim": 1, "start": 1, "length": 3})
case(SH, "narrow", "neg_start", [randn(4, 5)], lambda x: x.narrow(0, -3, 2), {"dim": 0, "start": -3, "length": 2})
case(SH, "slice", "basic", [randn(4, 5)], lambda x: x[:, 1:4], {"dim": 1, "start": 1, "end": 4})
case(SH, "slice", "neg_bounds", [randn(4, 5)], lambda x: x[-3:-1], {"dim": 0, "start": -3, "end": -1})
case(SH, "slice", "clamped", [randn(4, 5)], lambda x: x[:, -10:100], {"dim": 1, "start": -10, "end": 100})
case(SH, "slice", "empty", [randn(4, 5)], lambda x: x[:, 3:1], {"dim": 1, "start": 3, "end": 1})
case(SH, "pad", "last", [randn(2, 3)], lambda x: F.pad(x, (1, 2)), {"pad": [1, 2]})
case(SH, "pad", "two_dims_value", [randn(2, 3)], lambda x: F.pad(x, (1, 0, 2, 1), value=-1.5), {"pad": [1, 0, 2, 1], "value": -1.5})
case(SH, "pad", "crop", [randn(3, 5)], lambda x: F.pad(x, (-1, -2, 1, -1)), {"pad": [-1, -2, 1, -1]})
case(SH, "pad", "3d_mixed", [randn(2, 3, 4)], lambda x: F.pad(x, (0, 1, -1, 0, 1, 1)), {"pad": [0, 1, -1, 0, 1, 1]})

# ---------------------------------------------------------------------------------------------
# Indexing
# ---------------------------------------------------------------------------------------------
IX = "indexing"
case(IX, "gather", "dim1", [randn(3, 4), i32([[0, 3], [1, 1], [2, 0]])], lambda x, i: torch.gather(x, 1, i.long()), {"dim": 1})
case(IX, "gather", "dim0_repeat", [randn(3, 4), i32([[0, 2, 2, 1], [0, 0, 0, 0]])], lambda x, i: torch.gather(x, 0, i.long()), {"dim": 0})
case(IX, "gather", "neg_dim_smaller", [randn(2, 3, 4), i32([[[3, 0], [1, 1]], [[2, 2], [0, 3]]])], lambda x, i: torch.gather(x, -1, i.long()), {"dim": -1})
case(
    IX,
    "scatterAdd",
    "dim0_repeat",
    [randn(3, 4), i32([[0, 1, 2, 0], [0, 0, 2, 2]]), randn(2, 4)],
    lambda x, i, s: torch.scatter_add(x, 0, i.long(), s),
    {"dim": 0},
)
case(
    IX,
    "scatterAdd",
    "dim1_src_larger",
    [randn(3, 4), i32([[3, 3], [0, 1]]), randn(2, 3)],
    lambda x, i, s: torch.scatter_add(x, 1, i.long(), s),
    {"dim": 1},
    # torch 1.13 cannot differentiate `src` when it is larger than `index`.
    frozen=(2,),
)
case(IX, "indexSelect", "dim0_repeat", [randn(4, 3), i32([2, 0, 2, 2, 3])], lambda x, i: torch.index_select(x, 0, i.long()), {"dim": 0})
case(IX, "indexSelect", "dim1", [randn(2, 4, 3), i32([3, 1])], lambda x, i: torch.index_select(x, 1, i.long()), {"dim": 1})
case(IX, "indexSelect", "neg_dim", [randn(2, 4), i32([0, 0, 3])], lambda x, i: torch.index_select(x, -1, i.long()), {"dim": -1})
case(IX, "maskedFill", "broadcast", [randn(3, 4), mask([True, False, False, True])], lambda x, m: x.masked_fill(m, -2.5), {"value": -2.5})
case(IX, "maskedFill", "neg_inf", [randn(2, 3), mask([[True, False, True], [False, False, True]])], lambda x, m: x.masked_fill(m, float("-inf")), {"value": "-inf"})
case(IX, "tril", "square", [randn(4, 4)], torch.tril)
case(IX, "tril", "diag_pos_batch", [randn(2, 3, 4)], lambda x: torch.tril(x, 1), {"diagonal": 1})
case(IX, "triu", "square", [randn(4, 4)], torch.triu)
case(IX, "triu", "diag_neg_wide", [randn(3, 5)], lambda x: torch.triu(x, -1), {"diagonal": -1})
case(IX, "oneHot", "infer", [i32([0, 2, 1, 2])], lambda i: F.one_hot(i.long()), grad=False)
case(IX, "oneHot", "classes_2d", [i32([[0, 3], [1, 1]])], lambda i: F.one_hot(i.long(), 5), {"numClasses": 5}, grad=False)

# ---------------------------------------------------------------------------------------------
# Compositions
# ---------------------------------------------------------------------------------------------
CO = "composite"


def mlp_loss(x, w1, b1, w2, b2, target):
    h = torch.relu(x @ w1 + b1)
    logits = h @ w2 + b2
    logp = torch.log_softmax(logits, -1)
    return -torch.gather(logp, 1, target.long().unsqueeze(1)).mean()


case(CO, "mlpLoss", "relu_ce", [randn(4, 3), randn(3, 5), randn(5), randn(5, 2), randn(2), i32([0, 1, 1, 0])], mlp_loss)


def attention(q, k, v):
    d = q.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    t = q.shape[-2]
    causal = torch.ones(t, t, dtype=torch.bool).triu(1)
    return torch.softmax(scores.masked_fill(causal, float("-inf")), -1) @ v


case(CO, "attention", "causal", [randn(2, 4, 3), randn(2, 4, 3), randn(2, 4, 3)], attention)


def layer_norm(x, g, b):
    mu = x.mean(-1, keepdim=True)
    var = x.var(-1, unbiased=False, keepdim=True)
    return (x - mu) / torch.sqrt(var + 1e-5) * g + b


case(CO, "layerNorm", "manual", [randn(3, 5), randn(5), randn(5)], layer_norm)


def gelu_mlp(x, w1, w2):
    return F.gelu(x @ w1, approximate="tanh") @ w2


case(CO, "geluMlp", "tanh", [randn(2, 3, 4), randn(4, 6), randn(6, 4)], gelu_mlp)


def cross_entropy_lse(logits, target):
    picked = torch.gather(logits, 1, target.long().unsqueeze(1)).squeeze(1)
    return (torch.logsumexp(logits, 1) - picked).mean()


case(CO, "crossEntropyLse", "large", [randn(3, 4, scale=30), i32([1, 0, 3])], cross_entropy_lse)

# ---------------------------------------------------------------------------------------------
# Normalization (F.layer_norm as one op). Drawn from their own generator, so adding these cases
# leaves every earlier fixture (and printing.json, drawn after) byte-identical.
# ---------------------------------------------------------------------------------------------
N = "normalization"
_main_rng, rng = rng, np.random.default_rng(20261123)


def layer_norm_case(name, x, shape, weight=True, bias=True, eps=1e-5, ref64=False):
    k = int(np.prod(shape))
    w = (1 + 0.5 * randn(k)).reshape(shape).astype(x.dtype)
    b = randn(k).reshape(shape).astype(x.dtype)
    inputs = [x] + ([w] if weight else []) + ([b] if bias else [])

    def fn(t, *affine):
        tw = affine[0] if weight else None
        tb = affine[-1] if bias else None
        return F.layer_norm(t, shape, tw, tb, eps)

    args = {"normalizedShape": list(shape), "eps": eps, "weight": weight, "bias": bias}
    case(N, "layer_norm", name, inputs, fn, args, ref64=ref64)


layer_norm_case("last_dim", randn(4, 6), [6])
layer_norm_case("two_dims", randn(2, 3, 4, 5), [4, 5])
layer_norm_case("three_dims", randn(2, 3, 2, 4), [3, 2, 4])
layer_norm_case("no_affine", randn(3, 7, scale=3), [7], weight=False, bias=False)
layer_norm_case("weight_only", randn(5, 8), [8], bias=False)
layer_norm_case("bias_only", randn(5, 8), [8], weight=False)
layer_norm_case("vector", randn(10), [10])
# torch's float32 kernel rounds the mean to float32, so x - mean is off by up to ulp(mean) / 2 before
# it is scaled by rstd (316 for one column): float64 references, as the fused op is accurate to those.
layer_norm_case("one_column", randn(3, 1), [1], ref64=True)
layer_norm_case("offset", randn(4, 16) + np.float32(100), [16], eps=1e-3, ref64=True)
layer_norm_case("gpt_rows", randn(2, 8, 32), [32])
rng = _main_rng

# ---------------------------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------------------------


def printing():
    nan, inf = float("nan"), float("inf")
    tensors = [
        ("int_mode", torch.tensor([1.0, 2.0, -3.0, 100.0])),
        ("int_mode_2d", torch.tensor([[0.0, 1.0], [-20.0, 3.0]])),
        ("four_decimals", torch.tensor(randn(2, 3))),
        ("four_decimals_wide", torch.tensor(randn(3, 9, scale=50))),
        ("sci_small", torch.tensor([1e-5, 1.0, 123.456])),
        ("sci_ratio", torch.tensor([0.5, 1234.5])),
        ("sci_int_large", torch.tensor([1e9, 1.0, -2.0])),
        ("nan_inf", torch.tensor([nan, inf, -inf, 1.5])),
        ("nan_int_mode", torch.tensor([1.0, nan, -inf, 2.0])),
        ("nan_only", torch.tensor([nan, inf, 0.0])),
        ("neg_zero", torch.tensor([-0.0, 1.5, 0.0])),
        ("neg_zero_int", torch.tensor([-0.0, 2.0])),
        ("neg_zero_sci", torch.tensor([-0.0, 1e-5, 1.0])),
        ("round_half_fixed", torch.tensor([0.03125, 1.0, -0.09375])),
        ("round_half_sci", torch.tensor([1.03125, 1e-5])),
        ("summarised_1d", torch.arange(2000, dtype=torch.float32) / 7),
        ("summarised_2d", torch.tensor(randn(40, 30))),
        ("summarised_3d", torch.arange(1100, dtype=torch.float32).reshape(11, 10, 10)),
        ("three_d", torch.tensor(randn(2, 3, 4))),
        ("long_row_wraps", torch.tensor(randn(25))),
        ("int32", torch.tensor([1, -20, 300], dtype=torch.int32)),
        ("int32_2d", torch.tensor([[1, 2], [30, -4]], dtype=torch.int32)),
        ("bool", torch.tensor([[True, False], [False, True]])),
        ("empty_1d", torch.tensor([])),
        ("empty_2d", torch.zeros(2, 0)),
        ("empty_int32_3d", torch.zeros(0, 2, 3, dtype=torch.int32)),
        ("scalar", torch.tensor(3.25)),
        ("scalar_int_mode", torch.tensor(2.0)),
        ("requires_grad", torch.tensor(randn(3)).requires_grad_()),
        ("float64", torch.tensor([1.5, -2.25], dtype=torch.float64)),
        ("int32_summarised", torch.arange(1500, dtype=torch.int32)),
    ]
    out = []
    for name, t in tensors:
        out.append({"id": name, "tensor": enc(t, True), "str": str(t)})
    return out


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    meta = {"torch": torch.__version__, "numpy": np.__version__}
    total = 0
    for group, cases in GROUPS.items():
        with open(os.path.join(OUT_DIR, f"{group}.json"), "w") as f:
            json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
            f.write("\n")
        total += len(cases)
    with open(os.path.join(OUT_DIR, "printing.json"), "w") as f:
        json.dump({"meta": meta, "cases": printing()}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {total} op cases in {len(GROUPS)} files + printing.json (torch {torch.__version__})")


if __name__ == "__main__":
    main()
