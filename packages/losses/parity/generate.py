#!/usr/bin/env python3
"""PyTorch parity fixtures for @llm/losses.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 parity/generate.py
Writes parity/fixtures/<family>.json. Every case stores the inputs, the options (camelCase, as the
TypeScript functions take them), the forward output and the gradient of sum(output * gradOutput)
with respect to every differentiable tensor, all in float64.

Losses PyTorch lacks get a reference implementation below, written from the paper's formula; each
names its source.
"""
import json
import warnings
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
warnings.filterwarnings('ignore', message="reduction: 'mean' divides")
GEN = torch.Generator().manual_seed(1234)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')
REDUCTIONS = ['mean', 'sum', 'none']
FILES = {}


def randn(*shape, scale=1.0):
    return torch.randn(tuple(shape), generator=GEN) * scale


def rand(*shape, lo=0.0, hi=1.0):
    return lo + (hi - lo) * torch.rand(tuple(shape), generator=GEN)


def randint(lo, hi, *shape):
    return torch.randint(lo, hi, shape, generator=GEN)


def signs(*shape):
    return torch.where(torch.rand(*shape, generator=GEN) < 0.5, -1.0, 1.0)


def encode(t):
    dtype = {torch.float64: 'float64', torch.float32: 'float32', torch.int64: 'int32', torch.int32: 'int32',
             torch.bool: 'bool'}[t.dtype]
    data = t.detach().reshape(-1)
    values = [bool(v) for v in data.tolist()] if dtype == 'bool' else data.tolist()
    return {'shape': list(t.shape), 'dtype': dtype, 'data': values}


def grad_weights(shape):
    n = int(torch.tensor(shape).prod().item()) if len(shape) else 1
    w = torch.tensor([0.5 + ((i * 7919) % 13) / 13 for i in range(n)])
    return w.reshape(shape)


def case(file, fn, cid, args, options, ref, grad=()):
    """Records `fn(*args, options)` against `ref(args, options)`; `grad` names the tensors (positional
    args or tensor-valued options) to differentiate."""
    named = {}
    call_args = []
    for name, value in args:
        v = value.clone().detach()
        if name in grad:
            v.requires_grad_(True)
        named[name] = v
        call_args.append(v)
    call_opts = {}
    for key, value in options.items():
        if isinstance(value, torch.Tensor):
            v = value.clone().detach()
            if key in grad:
                v.requires_grad_(True)
            named[key] = v
            call_opts[key] = v
        else:
            call_opts[key] = value
    out = ref(call_args, call_opts)
    gw = grad_weights(list(out.shape))
    grads = {}
    if grad:
        (out * gw).sum().backward()
        for name in grad:
            g = named[name].grad
            grads[name] = encode(g if g is not None else torch.zeros_like(named[name]))
    record = {
        'id': cid,
        'fn': fn,
        'args': [dict(name=name, **encode(value), grad=name in grad) for name, value in args],
        'options': {
            k: ({'tensor': dict(**encode(v), grad=k in grad)} if isinstance(v, torch.Tensor) else v)
            for k, v in options.items()
        },
        'output': encode(out),
        'gradOutput': encode(gw),
        'grads': grads,
    }
    FILES.setdefault(file, []).append(record)


def py(opts, **renames):
    """camelCase options -> PyTorch keyword arguments (drops None)."""
    out = {}
    for k, v in opts.items():
        out[renames.get(k, k)] = v
    return out


# ---------------------------------------------------------------- regression
def regression():
    shapes = [[5], [3, 4], [2, 3, 2]]
    for r in REDUCTIONS:
        for shape in shapes:
            sid = 'x'.join(map(str, shape))
            x, y = randn(*shape), randn(*shape)
            case('regression', 'mseLoss', f'mse/{sid}/{r}', [('input', x), ('target', y)], {'reduction': r},
                 lambda a, o: F.mse_loss(a[0], a[1], reduction=o['reduction']), grad=('input', 'target'))
            case('regression', 'l1Loss', f'l1/{sid}/{r}', [('input', x), ('target', y)], {'reduction': r},
                 lambda a, o: F.l1_loss(a[0], a[1], reduction=o['reduction']), grad=('input', 'target'))
        x, y = randn(4, 5, scale=2), randn(4, 5, scale=2)
        for delta in [None, 0.5, 2.0]:
            o = {'reduction': r} if delta is None else {'reduction': r, 'delta': delta}
            case('regression', 'huberLoss', f'huber/delta={delta}/{r}', [('input', x), ('target', y)], o,
                 lambda a, o: F.huber_loss(a[0], a[1], reduction=o['reduction'], delta=o.get('delta', 1.0)),
                 grad=('input', 'target'))
        for beta in [None, 0.0, 0.5, 2.0]:
            o = {'reduction': r} if beta is None else {'reduction': r, 'beta': beta}
            case('regression', 'smoothL1Loss', f'smoothL1/beta={beta}/{r}', [('input', x), ('target', y)], o,
                 lambda a, o: F.smooth_l1_loss(a[0], a[1], reduction=o['reduction'], beta=o.get('beta', 1.0)),
                 grad=('input', 'target'))
        for log_input in [True, False]:
            for full in [False, True]:
                x = randn(3, 4) if log_input else rand(3, 4, lo=0.1, hi=3)
                y = rand(3, 4, lo=0, hi=4)
                # PyTorch's target gradient is NaN at y = 0 with full=True (ours is 0), so keep y > 0 there.
                y[0, 0] = 0.5 if full else 0.0
                y[1, 1] = 1.0
                o = {'reduction': r, 'logInput': log_input, 'full': full}
                case('regression', 'poissonNllLoss', f'poisson/log={log_input}/full={full}/{r}',
                     [('input', x), ('target', y)], o,
                     lambda a, o: F.poisson_nll_loss(a[0], a[1], log_input=o['logInput'], full=o['full'],
                                                     reduction=o['reduction']),
                     grad=('input', 'target'))
        for vshape, full, eps in [([3, 4], False, None), ([3, 1], True, None), ([3], False, 0.3)]:
            x, y = randn(3, 4), randn(3, 4)
            v = rand(*vshape, lo=0.05, hi=2)
            o = {'reduction': r, 'full': full}
            if eps is not None:
                o['eps'] = eps
            case('regression', 'gaussianNllLoss', f'gaussianNll/var={vshape}/full={full}/eps={eps}/{r}',
                 [('input', x), ('target', y), ('variance', v)], o,
                 lambda a, o: F.gaussian_nll_loss(a[0], a[1], a[2], full=o['full'], eps=o.get('eps', 1e-6),
                                                  reduction=o['reduction']),
                 grad=('input', 'target', 'variance'))


# ---------------------------------------------------------------- cross-entropy and friends
def ce_ref(a, o):
    kw = {'reduction': o['reduction']}
    if 'weight' in o:
        kw['weight'] = o['weight']
    if 'ignoreIndex' in o:
        kw['ignore_index'] = o['ignoreIndex']
    if 'labelSmoothing' in o:
        kw['label_smoothing'] = o['labelSmoothing']
    x, t = a
    if o.get('classDim') == -1 or (x.dim() >= 3 and t.dtype == torch.int64 and list(t.shape) == list(x.shape[:-1])
                                    and list(t.shape) != [x.shape[0], *x.shape[2:]]):
        x = x.movedim(-1, 1)
        if t.dtype != torch.int64:
            t = t.movedim(-1, 1)
        out = F.cross_entropy(x, t, **kw)
        return out
    return F.cross_entropy(x, t, **kw)


def nll_ref(a, o):
    kw = {'reduction': o['reduction']}
    if 'weight' in o:
        kw['weight'] = o['weight']
    if 'ignoreIndex' in o:
        kw['ignore_index'] = o['ignoreIndex']
    return F.nll_loss(a[0], a[1], **kw)


def classification():
    layouts = [
        ('1d', [6], []),
        ('2d', [5, 4], [5]),
        ('4d', [2, 3, 2, 2], [2, 2, 2]),
        ('btc', [2, 3, 5], [2, 3]),
    ]
    for r in REDUCTIONS:
        for name, shape, tshape in layouts:
            C = shape[0] if name == '1d' else (shape[-1] if name == 'btc' else shape[1])
            for opt in ['plain', 'weight', 'ignore', 'smooth', 'all']:
                if name == '1d' and opt in ('ignore', 'all'):
                    continue
                x = randn(*shape, scale=2)
                t = randint(0, C, *tshape)
                o = {'reduction': r}
                if opt in ('weight', 'all'):
                    o['weight'] = rand(C, lo=0.2, hi=2)
                if opt in ('ignore', 'all'):
                    flat = t.reshape(-1)
                    flat[0] = -100 if opt == 'ignore' else 1
                    if opt == 'all':
                        o['ignoreIndex'] = 1
                if opt in ('smooth', 'all'):
                    o['labelSmoothing'] = 0.2
                case('cross-entropy', 'crossEntropy', f'ce/index/{name}/{opt}/{r}', [('input', x), ('target', t)], o,
                     ce_ref, grad=('input',))
                if name != 'btc':
                    lp = F.log_softmax(randn(*shape), dim=0 if name == '1d' else 1)
                    o2 = {k: v for k, v in o.items() if k != 'labelSmoothing'}
                    case('cross-entropy', 'nllLoss', f'nll/{name}/{opt}/{r}', [('input', lp), ('target', t)], o2,
                         nll_ref, grad=('input',))
        # probability targets, class dim 1 and (classDim -1) last
        for name, shape in [('1d', [5]), ('2d', [4, 5]), ('3d', [2, 4, 3])]:
            for opt in ['plain', 'weight', 'smooth', 'all', 'last']:
                if opt == 'last' and name != '3d':
                    continue
                x = randn(*shape, scale=2)
                cdim = 0 if name == '1d' else (len(shape) - 1 if opt == 'last' else 1)
                p = F.softmax(randn(*shape), dim=cdim)
                C = shape[cdim]
                o = {'reduction': r}
                if opt in ('weight', 'all'):
                    o['weight'] = rand(C, lo=0.2, hi=2)
                if opt in ('smooth', 'all'):
                    o['labelSmoothing'] = 0.3
                if opt == 'last':
                    o['classDim'] = -1
                case('cross-entropy', 'crossEntropy', f'ce/prob/{name}/{opt}/{r}', [('input', x), ('target', p)], o,
                     ce_ref, grad=('input', 'target'))
        # binary cross-entropy
        for shape in [[6], [3, 4]]:
            sid = 'x'.join(map(str, shape))
            p = rand(*shape, lo=0.02, hi=0.98)
            y = rand(*shape)
            y.reshape(-1)[0] = 0.0
            y.reshape(-1)[1] = 1.0
            case('binary', 'bceLoss', f'bce/{sid}/{r}', [('input', p), ('target', y)], {'reduction': r},
                 lambda a, o: F.binary_cross_entropy(a[0], a[1], reduction=o['reduction']), grad=('input', 'target'))
            w = rand(shape[-1], lo=0.2, hi=2)
            case('binary', 'bceLoss', f'bce/{sid}/weight/{r}', [('input', p), ('target', y)],
                 {'reduction': r, 'weight': w},
                 lambda a, o: F.binary_cross_entropy(a[0], a[1], weight=o['weight'], reduction=o['reduction']),
                 grad=('input', 'target'))
            x = randn(*shape, scale=3)
            for opt in ['plain', 'weight', 'posWeight', 'all']:
                o = {'reduction': r}
                if opt in ('weight', 'all'):
                    o['weight'] = rand(*shape, lo=0.2, hi=2)
                if opt in ('posWeight', 'all'):
                    o['posWeight'] = rand(shape[-1], lo=0.2, hi=4)
                case('binary', 'bceWithLogitsLoss', f'bceLogits/{sid}/{opt}/{r}', [('input', x), ('target', y)], o,
                     lambda a, o: F.binary_cross_entropy_with_logits(a[0], a[1], weight=o.get('weight'),
                                                                     pos_weight=o.get('posWeight'),
                                                                     reduction=o['reduction']),
                     grad=('input', 'target'))


# ---------------------------------------------------------------- margins, hinges and the rest of classification
def reduce(loss, r):
    return loss.mean() if r == 'mean' else loss.sum() if r == 'sum' else loss


def focal_binary_ref(a, o):
    # torchvision.ops.sigmoid_focal_loss (Lin et al. 2017, https://arxiv.org/abs/1708.02002), verbatim formula.
    x, t = a
    gamma = o.get('gamma', 2.0)
    alpha = o.get('alpha', 0.25)
    p = torch.sigmoid(x)
    ce = F.binary_cross_entropy_with_logits(x, t, reduction='none')
    p_t = p * t + (1 - p) * (1 - t)
    loss = ce * ((1 - p_t) ** gamma)
    if alpha is not None and alpha >= 0:
        loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
    return reduce(loss, o['reduction'])


def focal_multiclass_ref(a, o):
    # Softmax focal loss (Lin et al. 2017, eq. 5): -alpha_y (1 - p_y)^gamma log p_y; mean over counted targets
    # as in AdeelH/pytorch-multi-class-focal-loss.
    x, t = a
    gamma = o.get('gamma', 2.0)
    ignore = o.get('ignoreIndex', -100)
    cdim = 1 if x.dim() > 1 else 0
    if o.get('classDim') == -1 or (x.dim() >= 3 and list(t.shape) == list(x.shape[:-1])
                                    and list(t.shape) != [x.shape[0], *x.shape[2:]]):
        cdim = x.dim() - 1
    logp = F.log_softmax(x, dim=cdim).movedim(cdim, -1)
    valid = t != ignore
    safe = torch.where(valid, t, torch.zeros_like(t))
    logpy = logp.gather(-1, safe.unsqueeze(-1)).squeeze(-1)
    alpha = o.get('alpha')
    if isinstance(alpha, torch.Tensor):
        a_t = alpha[safe]
    else:
        a_t = 1.0 if alpha is None else alpha
    loss = -a_t * (1 - logpy.exp()) ** gamma * logpy
    loss = torch.where(valid, loss, torch.zeros_like(loss))
    r = o['reduction']
    return loss.sum() / valid.sum() if r == 'mean' else loss.sum() if r == 'sum' else loss


def classification_more():
    for r in REDUCTIONS:
        x = randn(3, 4, scale=2)
        y = rand(3, 4)
        y[0] = 0.0
        y[1] = 1.0
        for opt in [{}, {'gamma': 0.0}, {'gamma': 1.5, 'alpha': 0.6}, {'alpha': None}]:
            o = {'reduction': r, **opt}
            case('classification', 'focalLoss', f'focal/binary/{opt}/{r}', [('input', x), ('target', y)], o,
                 focal_binary_ref, grad=('input', 'target'))
        for name, shape, tshape, extra in [('2d', [5, 4], [5], {}), ('2d-alpha', [5, 4], [5], {'alpha': rand(4, lo=0.2, hi=1)}),
                                           ('2d-ignore', [5, 4], [5], {'gamma': 1.0, 'alpha': 0.5}),
                                           ('btc', [2, 3, 4], [2, 3], {'gamma': 3.0})]:
            x = randn(*shape, scale=2)
            C = shape[-1] if name == 'btc' else shape[1]
            t = randint(0, C, *tshape)
            if name == '2d-ignore':
                t[1] = -100
            o = {'reduction': r, **extra}
            case('classification', 'focalLoss', f'focal/multiclass/{name}/{r}', [('input', x), ('target', t)], o,
                 focal_multiclass_ref, grad=('input',))
        x, lab = randn(3, 5, scale=2), signs(3, 5)
        for margin in [None, 0.5, 2.0]:
            o = {'reduction': r} if margin is None else {'reduction': r, 'margin': margin}
            m = 1.0 if margin is None else margin
            case('classification', 'hingeEmbeddingLoss', f'hingeEmbedding/m={margin}/{r}', [('input', x), ('target', lab)], o,
                 lambda a, o, m=m: F.hinge_embedding_loss(a[0], a[1], margin=m, reduction=o['reduction']), grad=('input',))
            # SVM hinge (Cortes & Vapnik 1995) and its square (L2-SVM), no PyTorch function.
            case('classification', 'hingeLoss', f'hinge/m={margin}/{r}', [('input', x), ('target', lab)], o,
                 lambda a, o, m=m: reduce((m - a[1] * a[0]).clamp_min(0), o['reduction']), grad=('input',))
            case('classification', 'squaredHingeLoss', f'squaredHinge/m={margin}/{r}', [('input', x), ('target', lab)], o,
                 lambda a, o, m=m: reduce((m - a[1] * a[0]).clamp_min(0) ** 2, o['reduction']), grad=('input',))
        # AdaBoost's exponential loss exp(-y f(x)) (Friedman, Hastie & Tibshirani 2000).
        case('classification', 'exponentialLoss', f'exponential/{r}', [('input', x), ('target', lab)], {'reduction': r},
             lambda a, o: reduce(torch.exp(-a[1] * a[0]), o['reduction']), grad=('input',))
        case('classification', 'softMarginLoss', f'softMargin/{r}', [('input', x), ('target', lab)], {'reduction': r},
             lambda a, o: F.soft_margin_loss(a[0], a[1], reduction=o['reduction']), grad=('input',))
        for shape in [[4], [3, 4]]:
            x, y = randn(*shape, scale=2), (rand(*shape) < 0.5).double()
            for w in [None, rand(4, lo=0.2, hi=2)]:
                o = {'reduction': r} if w is None else {'reduction': r, 'weight': w}
                case('classification', 'multilabelSoftMarginLoss', f'multilabelSoftMargin/{shape}/w={w is not None}/{r}',
                     [('input', x), ('target', y)], o,
                     lambda a, o: F.multilabel_soft_margin_loss(a[0], a[1], weight=o.get('weight'),
                                                                reduction=o['reduction']),
                     grad=('input', 'target'))
        for shape, tshape in [([5, 4], [5]), ([4], [])]:
            x = randn(*shape)
            t = randint(0, 4, *tshape)
            for opt in [{}, {'p': 2}, {'margin': 0.5}, {'weight': rand(4, lo=0.2, hi=2)}, {'p': 2, 'margin': 2.0, 'weight': rand(4, lo=0.2, hi=2)}]:
                o = {'reduction': r, **opt}
                case('classification', 'multiMarginLoss', f'multiMargin/{shape}/{sorted(opt)}/{r}', [('input', x), ('target', t)], o,
                     lambda a, o: F.multi_margin_loss(a[0], a[1], p=o.get('p', 1), margin=o.get('margin', 1.0),
                                                      weight=o.get('weight'), reduction=o['reduction']),
                     grad=('input',))


# ---------------------------------------------------------------- ranking and embeddings
def contrastive_ref(a, o):
    # Hadsell, Chopra & LeCun 2006, eq. 4: (1 - Y) 1/2 D^2 + Y 1/2 max(0, m - D)^2 with Y = 0 for similar pairs;
    # here target 1 = similar, so the roles of Y flip. D is torch's pairwise_distance (eps 1e-6).
    x1, x2, t = a
    d = F.pairwise_distance(x1, x2, p=2.0, eps=o.get('eps', 1e-6))
    m = o.get('margin', 1.0)
    return reduce(0.5 * (t * d ** 2 + (1 - t) * (m - d).clamp_min(0) ** 2), o['reduction'])


def info_nce_ref(a, o):
    # InfoNCE with in-batch negatives (van den Oord et al. 2018); the symmetric form is CLIP's
    # (Radford et al. 2021, pseudo-code in fig. 3); normalised rows give SimCSE's cosine similarity.
    q, k = a
    if o.get('normalize', True):
        q, k = F.normalize(q, dim=-1), F.normalize(k, dim=-1)
    logits = q @ k.T / o.get('temperature', 0.07)
    labels = torch.arange(q.shape[0])
    out = F.cross_entropy(logits, labels, reduction=o['reduction'])
    if o.get('symmetric', False):
        out = (out + F.cross_entropy(logits.T, labels, reduction=o['reduction'])) / 2
    return out


def ranking():
    for r in REDUCTIONS:
        x1, x2, t = randn(6), randn(6), signs(6)
        for margin in [None, 0.5]:
            o = {'reduction': r} if margin is None else {'reduction': r, 'margin': margin}
            case('ranking', 'marginRankingLoss', f'marginRanking/m={margin}/{r}',
                 [('input1', x1), ('input2', x2), ('target', t)], o,
                 lambda a, o: F.margin_ranking_loss(a[0], a[1], a[2], margin=o.get('margin', 0.0), reduction=o['reduction']),
                 grad=('input1', 'input2'))
        for shape in [[4, 3], [3]]:
            e1, e2 = randn(*shape), randn(*shape)
            t = signs(*shape[:-1]) if len(shape) > 1 else torch.tensor(-1.0)
            for margin in [None, 0.2, -0.3]:
                o = {'reduction': r} if margin is None else {'reduction': r, 'margin': margin}
                case('ranking', 'cosineEmbeddingLoss', f'cosineEmbedding/{shape}/m={margin}/{r}',
                     [('input1', e1), ('input2', e2), ('target', t)], o,
                     lambda a, o: F.cosine_embedding_loss(a[0], a[1], a[2], margin=o.get('margin', 0.0),
                                                          reduction=o['reduction']),
                     grad=('input1', 'input2'))
            a_, p_, n_ = randn(*shape), randn(*shape), randn(*shape)
            for opt in [{}, {'margin': 2.0}, {'p': 1}, {'p': 3, 'swap': True}, {'swap': True, 'eps': 1e-3, 'margin': 0.5}]:
                o = {'reduction': r, **opt}
                case('ranking', 'tripletMarginLoss', f'triplet/{shape}/{sorted(opt.items())}/{r}',
                     [('anchor', a_), ('positive', p_), ('negative', n_)], o,
                     lambda a, o: F.triplet_margin_loss(a[0], a[1], a[2], margin=o.get('margin', 1.0), p=o.get('p', 2),
                                                        eps=o.get('eps', 1e-6), swap=o.get('swap', False),
                                                        reduction=o['reduction']),
                     grad=('anchor', 'positive', 'negative'))
            lab = (rand(*shape[:-1]) < 0.5).double() if len(shape) > 1 else torch.tensor(0.0)
            for opt in [{}, {'margin': 3.0}, {'margin': 2.0, 'eps': 1e-3}]:
                o = {'reduction': r, **opt}
                case('ranking', 'contrastiveLoss', f'contrastive/{shape}/{sorted(opt.items())}/{r}',
                     [('input1', e1), ('input2', e2), ('target', lab)], o, contrastive_ref, grad=('input1', 'input2'))
        q, k = randn(5, 3), randn(5, 3)
        for opt in [{}, {'temperature': 0.5}, {'symmetric': True}, {'symmetric': True, 'normalize': False, 'temperature': 2.0}]:
            o = {'reduction': r, **opt}
            case('ranking', 'infoNceLoss', f'infoNce/{sorted(opt.items())}/{r}', [('query', q), ('key', k)], o,
                 info_nce_ref, grad=('query', 'key'))


# ---------------------------------------------------------------- distributions and distillation
def distillation_ref(a, o):
    # Hinton, Vinyals & Dean 2015 (https://arxiv.org/abs/1503.02531): alpha T^2 KL(p_t^T || p_s^T) + (1 - alpha) CE.
    # Mean over the positions whose label is not ignored, as in Hugging Face's distillation examples.
    s, t = a
    T = o.get('temperature', 1.0)
    alpha = o.get('alpha', 0.5)
    soft = F.kl_div(F.log_softmax(s / T, -1), F.softmax(t / T, -1), reduction='none').sum(-1) * T * T
    r = o['reduction']
    if 'labels' not in o:
        return soft.mean() if r == 'mean' else soft.sum() if r == 'sum' else soft
    y = o['labels']
    ignore = o.get('ignoreIndex', -100)
    valid = y != ignore
    hard = F.cross_entropy(s.reshape(-1, s.shape[-1]), y.reshape(-1), reduction='none', ignore_index=ignore).reshape(y.shape)
    loss = torch.where(valid, alpha * soft, torch.zeros_like(soft)) + (1 - alpha) * hard
    return loss.sum() / valid.sum() if r == 'mean' else loss.sum() if r == 'sum' else loss


def gaussian_kl_ref(a, o):
    # Kingma & Welling 2014 (https://arxiv.org/abs/1312.6114), appendix B.
    mu, lv = a
    return reduce(-0.5 * (1 + lv - mu ** 2 - lv.exp()).sum(-1), o['reduction'])


def elbo_ref(a, o):
    x, y = a
    kind = o.get('reconstruction', 'bceWithLogits')
    fn = {'bce': F.binary_cross_entropy, 'bceWithLogits': F.binary_cross_entropy_with_logits, 'mse': F.mse_loss}[kind]
    recon = fn(x, y, reduction='none').flatten(1).sum(-1)
    kl = gaussian_kl_ref([o['mu'], o['logVar']], {'reduction': 'none'})
    return reduce(recon + o.get('beta', 1.0) * kl, o['reduction'])


def distributions():
    for r in REDUCTIONS + ['batchmean']:
        for log_target in [False, True]:
            x = F.log_softmax(randn(3, 4), -1)
            p = F.softmax(randn(3, 4), -1)
            y = p.log() if log_target else p
            case('distribution', 'klDiv', f'klDiv/logTarget={log_target}/{r}', [('input', x), ('target', y)],
                 {'reduction': r, 'logTarget': log_target},
                 lambda a, o: F.kl_div(a[0], a[1], reduction=o['reduction'], log_target=o['logTarget']),
                 grad=('input', 'target'))
    for r in REDUCTIONS:
        for shape in [[4, 5], [2, 3, 5]]:
            s, t = randn(*shape, scale=2), randn(*shape, scale=2)
            labels = randint(0, shape[-1], *shape[:-1])
            labels.reshape(-1)[1] = -100
            for opt in [{}, {'temperature': 4.0}, {'labels': labels}, {'labels': labels, 'temperature': 2.0, 'alpha': 0.9}]:
                o = {'reduction': r, **opt}
                key = sorted((k, v) for k, v in opt.items() if k != 'labels')
                case('distribution', 'distillationLoss', f'distillation/{shape}/labels={"labels" in opt}/{key}/{r}',
                     [('student', s), ('teacher', t)], o, distillation_ref, grad=('student', 'teacher'))
        mu, lv = randn(4, 3), randn(4, 3, scale=0.5)
        case('distribution', 'gaussianKl', f'gaussianKl/{r}', [('mu', mu), ('logVar', lv)], {'reduction': r},
             gaussian_kl_ref, grad=('mu', 'logVar'))
        for kind in ['bceWithLogits', 'bce', 'mse']:
            x = rand(4, 2, 3, lo=0.05, hi=0.95) if kind == 'bce' else randn(4, 2, 3)
            y = rand(4, 2, 3)
            for beta in [None, 4.0]:
                o = {'reduction': r, 'mu': randn(4, 3), 'logVar': randn(4, 3, scale=0.5), 'reconstruction': kind}
                if beta is not None:
                    o['beta'] = beta
                case('distribution', 'elboLoss', f'elbo/{kind}/beta={beta}/{r}', [('input', x), ('target', y)], o,
                     elbo_ref, grad=('input', 'mu', 'logVar'))


# ---------------------------------------------------------------- language modelling
def lm_ce(logits, targets, o, ignore):
    return F.cross_entropy(logits.movedim(-1, 1), targets, ignore_index=ignore, reduction=o.get('reduction', 'mean'),
                           label_smoothing=o.get('labelSmoothing', 0.0))


def language_modeling():
    B, T, V = 2, 5, 6
    for r in REDUCTIONS:
        logits = randn(B, T, V, scale=2)
        tokens = randint(0, V, B, T)
        padded = tokens.clone()
        padded[1, 3:] = -100
        for opt, toks in [({}, tokens), ({'labelSmoothing': 0.1}, tokens), ({}, padded), ({'ignoreIndex': 0}, tokens)]:
            o = {'reduction': r, **opt}
            # causal LM: logits[:, t] predict tokens[:, t + 1] (GPT, Radford et al. 2018; Hugging Face's shift).
            case('language-modeling', 'causalLmLoss', f'causalLm/{sorted(opt.items())}/pad={toks is padded}/{r}',
                 [('logits', logits), ('tokens', toks)], o,
                 lambda a, o: lm_ce(a[0][:, :-1], a[1][:, 1:], o, o.get('ignoreIndex', -100)), grad=('logits',))
        labels = torch.full((B, T), -100, dtype=torch.int64)
        mask = rand(B, T) < 0.4
        mask[0, 0] = True
        labels[mask] = tokens[mask]
        case('language-modeling', 'maskedLmLoss', f'maskedLm/labels/{r}', [('logits', logits), ('labels', labels)],
             {'reduction': r}, lambda a, o: lm_ce(a[0], a[1], o, -100), grad=('logits',))
        case('language-modeling', 'maskedLmLoss', f'maskedLm/mask/{r}', [('logits', logits), ('labels', tokens)],
             {'reduction': r, 'mask': mask, 'labelSmoothing': 0.2},
             lambda a, o: lm_ce(a[0], torch.where(o['mask'], a[1], torch.full_like(a[1], -100)), o, -100),
             grad=('logits',))
        targets = tokens.clone()
        targets[0, 4:] = 0
        targets[1, 2:] = 0
        for opt in [{'padIndex': 0}, {'padIndex': 0, 'labelSmoothing': 0.1}]:
            o = {'reduction': r, **opt}
            case('language-modeling', 'seq2seqLoss', f'seq2seq/{sorted(opt.items())}/{r}',
                 [('logits', logits), ('targets', targets)], o, lambda a, o: lm_ce(a[0], a[1], o, o['padIndex']),
                 grad=('logits',))
    logits = randn(B, T, V, scale=2)
    tokens = randint(0, V, B, T)
    tokens[1, 4] = -100
    for shift in [False, True]:
        def per_token(a, o):
            lg, tk = (a[0][:, :-1], a[1][:, 1:]) if o['shift'] else (a[0], a[1])
            return F.cross_entropy(lg.movedim(-1, 1), tk, reduction='none')

        def per_position(a, o):
            lg, tk = (a[0][:, :-1], a[1][:, 1:]) if o['shift'] else (a[0], a[1])
            loss = F.cross_entropy(lg.movedim(-1, 1), tk, reduction='none')
            return loss.sum(0) / (tk != -100).sum(0)

        case('language-modeling', 'perTokenLoss', f'perToken/shift={shift}', [('logits', logits), ('tokens', tokens)],
             {'shift': shift}, per_token, grad=('logits',))
        case('language-modeling', 'perPositionLoss', f'perPosition/shift={shift}', [('logits', logits), ('tokens', tokens)],
             {'shift': shift}, per_position, grad=('logits',))
    for shape in [[], [4]]:
        loss = rand(*shape, lo=0.5, hi=3)
        case('language-modeling', 'perplexity', f'perplexity/{shape}', [('loss', loss)], {},
             lambda a, o: a[0].mean().exp(), grad=('loss',))


# ---------------------------------------------------------------- preference learning
def preference():
    for r in REDUCTIONS:
        c, j = randn(6), randn(6)
        for margin in [None, 0.5, 'tensor']:
            o = {'reduction': r}
            if margin == 'tensor':
                o['margin'] = rand(6)
            elif margin is not None:
                o['margin'] = margin
            # Bradley & Terry 1952; reward-model loss of Ouyang et al. 2022 (InstructGPT, eq. 1), margin of Llama 2.
            case('preference', 'bradleyTerryLoss', f'bradleyTerry/m={margin}/{r}', [('chosen', c), ('rejected', j)], o,
                 lambda a, o: reduce(-F.logsigmoid(a[0] - a[1] - o.get('margin', 0.0)), o['reduction']),
                 grad=('chosen', 'rejected'))
        pc, pr, rc, rr = randn(6, scale=3) - 20, randn(6, scale=3) - 20, randn(6, scale=3) - 20, randn(6, scale=3) - 20
        for opt in [{}, {'beta': 0.5}, {'beta': 0.2, 'labelSmoothing': 0.1}]:
            o = {'reduction': r, **opt}

            def dpo_ref(a, o):
                # Rafailov et al. 2023 (https://arxiv.org/abs/2305.18290), eq. 7; label smoothing as TRL's cDPO.
                beta = o.get('beta', 0.1)
                eps = o.get('labelSmoothing', 0.0)
                h = (a[0] - a[1]) - (a[2] - a[3])
                loss = -F.logsigmoid(beta * h) * (1 - eps) - F.logsigmoid(-beta * h) * eps
                return reduce(loss, o['reduction'])

            case('preference', 'dpoLoss', f'dpo/{sorted(opt.items())}/{r}',
                 [('policyChosen', pc), ('policyRejected', pr), ('referenceChosen', rc), ('referenceRejected', rr)], o,
                 dpo_ref, grad=('policyChosen', 'policyRejected', 'referenceChosen', 'referenceRejected'))


SECTIONS = [regression, classification, classification_more, ranking, distributions, language_modeling, preference]


def main():
    for section in SECTIONS:
        section()
    os.makedirs(OUT, exist_ok=True)
    for name, cases in FILES.items():
        with open(os.path.join(OUT, f'{name}.json'), 'w') as f:
            json.dump({'generator': 'parity/generate.py', 'torch': torch.__version__, 'cases': cases}, f,
                      allow_nan=False, separators=(',', ':'))
        print(f'{name}: {len(cases)} cases')


if __name__ == '__main__':
    main()
