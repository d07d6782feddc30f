#!/usr/bin/python3
"""Parity fixtures for @llm/optim, generated with Debian's python3-torch (torch 1.13).

Run from packages/optim:  /usr/bin/python3 parity/generate.py

Writes parity/fixtures/{optimizers,schedulers,clip}.json. Every optimizer case starts from fixed
float32 parameters, feeds a fixed float32 gradient sequence (null = that parameter has no grad this
step) and records the parameters after every step. Options are written in @llm/optim's camelCase;
`torch_kwargs` converts them.

References that torch 1.13 does not ship are implemented here from their published formulas:

* Adafactor -- HF transformers' `transformers.optimization.Adafactor.step` (Shazeer & Stern 2018,
  https://arxiv.org/abs/1804.04235), transcribed op for op in float32 below (`adafactor_step`):
  relative step rho_t = min(1e-2 or 1e-6 * t with warm-up init, 1 / sqrt(t)), parameter scale
  max(eps2, RMS(p)), beta2_t = 1 - t^decayRate, factored second moments for >= 2-d parameters
  (row / column means of g^2 + eps1 combined as r c / mean(r)), update clipping by
  max(1, RMS(u) / clipThreshold), optional first moment beta1, decoupled weight decay p -= wd * lr * p.
* Lion -- Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms",
  https://arxiv.org/abs/2302.06675, Algorithm 2: c = b1 m + (1 - b1) g; p = p * (1 - lr wd) - lr sign(c);
  m = b2 m + (1 - b2) g (`lion_step`).
* HF warm-up schedules -- `get_cosine_schedule_with_warmup`, `get_linear_schedule_with_warmup`,
  `get_constant_schedule_with_warmup` from transformers.optimization as LambdaLR lambdas, plus the
  `minLrRate` floor of `get_cosine_with_min_lr_schedule_with_warmup` (factor * (1 - r) + r), which
  @llm/optim also offers for the linear decay.
"""
import json
import math
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float32)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures')
STEPS = 25
SPECIAL = {'tMax': 'T_max', 't0': 'T_0', 'tMult': 'T_mult'}


def snake(name):
    if name in SPECIAL:
        return SPECIAL[name]
    return ''.join('_' + c.lower() if c.isupper() else c for c in name)


def torch_kwargs(options):
    out = {}
    for k, v in options.items():
        out[snake(k)] = tuple(v) if isinstance(v, list) and k == 'betas' else v
    return out


def flat(t):
    # Shortest decimal that reads back as the same float32 (JS: Math.fround(x) recovers it exactly).
    return [float(repr(np.float32(x))) for x in t.detach().reshape(-1).tolist()]


# ---------------------------------------------------------------- references outside torch 1.13


class Lion(torch.optim.Optimizer):
    """Chen et al. 2023, Algorithm 2, in float32 torch ops."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            lr, (b1, b2), wd = group['lr'], group['betas'], group['weight_decay']
            for p in group['params']:
                if p.grad is None:
                    continue
                state = self.state[p]
                if len(state) == 0:
                    state['exp_avg'] = torch.zeros_like(p)
                m = state['exp_avg']
                p.mul_(1 - lr * wd)
                c = m.mul(b1).add(p.grad, alpha=1 - b1)
                p.add_(torch.sign(c), alpha=-lr)
                m.mul_(b2).add_(p.grad, alpha=1 - b2)


class Adafactor(torch.optim.Optimizer):
    """HF transformers' Adafactor.step transcribed op for op (float32 parameters)."""

    def __init__(self, params, lr=None, eps=(1e-30, 1e-3), clip_threshold=1.0, decay_rate=-0.8, beta1=None,
                 weight_decay=0.0, scale_parameter=True, relative_step=True, warmup_init=False):
        if lr is not None and relative_step:
            raise ValueError('Cannot combine manual `lr` and `relative_step=True` options')
        if warmup_init and not relative_step:
            raise ValueError('`warmup_init=True` requires `relative_step=True`')
        super().__init__(params, dict(lr=lr, eps=eps, clip_threshold=clip_threshold, decay_rate=decay_rate,
                                      beta1=beta1, weight_decay=weight_decay, scale_parameter=scale_parameter,
                                      relative_step=relative_step, warmup_init=warmup_init))

    @staticmethod
    def _get_lr(group, state):
        rel_step_sz = group['lr']
        if group['relative_step']:
            min_step = 1e-6 * state['step'] if group['warmup_init'] else 1e-2
            rel_step_sz = min(min_step, 1.0 / math.sqrt(state['step']))
        param_scale = 1.0
        if group['scale_parameter']:
            param_scale = max(group['eps'][1], state['RMS'])
        return param_scale * rel_step_sz

    @staticmethod
    def _rms(t):
        return t.norm(2) / (t.numel() ** 0.5)

    @staticmethod
    def _approx_sq_grad(row, col):
        r = (row / row.mean(dim=-1, keepdim=True)).rsqrt_().unsqueeze(-1)
        c = col.unsqueeze(-2).rsqrt()
        return torch.mul(r, c)

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                shape = grad.shape
                factored = len(shape) >= 2
                use_first_moment = group['beta1'] is not None
                if len(state) == 0:
                    state['step'] = 0
                    if use_first_moment:
                        state['exp_avg'] = torch.zeros_like(grad)
                    if factored:
                        state['exp_avg_sq_row'] = torch.zeros(shape[:-1])
                        state['exp_avg_sq_col'] = torch.zeros(shape[:-2] + shape[-1:])
                    else:
                        state['exp_avg_sq'] = torch.zeros_like(grad)
                    state['RMS'] = 0
                state['step'] += 1
                state['RMS'] = self._rms(p)
                lr = self._get_lr(group, state)
                beta2t = 1.0 - math.pow(state['step'], group['decay_rate'])
                update = (grad ** 2) + group['eps'][0]
                if factored:
                    row, col = state['exp_avg_sq_row'], state['exp_avg_sq_col']
                    row.mul_(beta2t).add_(update.mean(dim=-1), alpha=(1.0 - beta2t))
                    col.mul_(beta2t).add_(update.mean(dim=-2), alpha=(1.0 - beta2t))
                    update = self._approx_sq_grad(row, col)
                    update.mul_(grad)
                else:
                    sq = state['exp_avg_sq']
                    sq.mul_(beta2t).add_(update, alpha=(1.0 - beta2t))
                    update = sq.rsqrt().mul_(grad)
                update.div_((self._rms(update) / group['clip_threshold']).clamp_(min=1.0))
                update.mul_(lr)
                if use_first_moment:
                    m = state['exp_avg']
                    m.mul_(group['beta1']).add_(update, alpha=(1 - group['beta1']))
                    update = m
                if group['weight_decay'] != 0:
                    p.add_(p, alpha=(-group['weight_decay'] * lr))
                p.add_(-update)


def hf_cosine(num_warmup_steps, num_training_steps, num_cycles=0.5, min_lr_rate=0.0):
    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        progress = float(step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
        factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        factor = factor * (1 - min_lr_rate) + min_lr_rate
        return max(0.0, factor)
    return f


def hf_linear(num_warmup_steps, num_training_steps, min_lr_rate=0.0):
    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        factor = max(0.0, float(num_training_steps - step) / float(max(1, num_training_steps - num_warmup_steps)))
        return factor * (1 - min_lr_rate) + min_lr_rate
    return f


def hf_constant(num_warmup_steps):
    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1.0, num_warmup_steps))
        return 1.0
    return f


LAMBDAS = {
    'exp095': lambda: (lambda e: 0.95 ** e),
    'cosineWarmup': lambda: hf_cosine(10, 50),  # the adamw-hf-cosine-warmup optimizer case
}
HF_RECIPES = {'cosine': hf_cosine, 'linear': hf_linear, 'constant': hf_constant}
# The scheduler cases' HF recipes in JS terms (the test builds them through get*ScheduleWithWarmup);
# the warm-up, the decay and, for four of them, steps past numTrainingSteps fall inside SCHED_STEPS.
RECIPES = {
    'cosineWarmup': {'recipe': 'cosine', 'options': {'numWarmupSteps': 10, 'numTrainingSteps': 110}},
    'cosineWarmupFloor': {'recipe': 'cosine',
                          'options': {'numWarmupSteps': 8, 'numTrainingSteps': 100, 'minLrRate': 0.1}},
    'cosineWarmupCycles': {'recipe': 'cosine',
                           'options': {'numWarmupSteps': 10, 'numTrainingSteps': 120, 'numCycles': 2.0}},
    'linearWarmup': {'recipe': 'linear', 'options': {'numWarmupSteps': 10, 'numTrainingSteps': 100}},
    'linearWarmupFloor': {'recipe': 'linear',
                          'options': {'numWarmupSteps': 15, 'numTrainingSteps': 110, 'minLrRate': 0.05}},
    'constantWarmup': {'recipe': 'constant', 'options': {'numWarmupSteps': 20}},
}


def recipe_lambda(recipe):
    return HF_RECIPES[recipe['recipe']](**{snake(k): v for k, v in recipe['options'].items()})


OPTIMIZERS = {
    'SGD': torch.optim.SGD, 'Adam': torch.optim.Adam, 'AdamW': torch.optim.AdamW,
    'RMSprop': torch.optim.RMSprop, 'Adagrad': torch.optim.Adagrad, 'Lion': Lion, 'Adafactor': Adafactor,
}
SINGLE_TENSOR = {'SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad'}


def make_scheduler(opt, spec):
    kind, options = spec['type'], dict(spec.get('options', {}))
    if kind == 'LambdaLR':
        f = recipe_lambda(spec['recipe']) if 'recipe' in spec else LAMBDAS[spec['lambda']]()
        return torch.optim.lr_scheduler.LambdaLR(opt, f)
    if kind == 'SequentialLR':
        children = [make_scheduler(opt, c) for c in spec['schedulers']]
        return torch.optim.lr_scheduler.SequentialLR(opt, children, milestones=options['milestones'])
    if kind == 'ChainedScheduler':
        children = [make_scheduler(opt, c) for c in spec['schedulers']]
        return torch.optim.lr_scheduler.ChainedScheduler(children)
    return getattr(torch.optim.lr_scheduler, kind)(opt, **torch_kwargs(options))


# ---------------------------------------------------------------- optimizers

SHAPES = [[4, 5], [7]]


def optimizer_case(name, optimizer, options, *, groups=None, shapes=SHAPES, null_grads=(), schedule=None,
                   seed=0, grad_scale=1.0, steps=STEPS):
    gen = torch.Generator().manual_seed(seed)
    params = [torch.randn(s, generator=gen).requires_grad_() for s in shapes]
    init = [{'shape': list(p.shape), 'data': flat(p)} for p in params]
    grads = [[(torch.randn(s, generator=gen) * grad_scale) for s in shapes] for _ in range(steps)]
    kwargs = torch_kwargs(options)
    if optimizer in SINGLE_TENSOR:
        kwargs['foreach'] = False
    if groups is None:
        torch_groups = [{'params': params}]
    else:
        torch_groups = [dict(torch_kwargs(g.get('options', {})), params=[params[i] for i in g['params']])
                        for g in groups]
    opt = OPTIMIZERS[optimizer](torch_groups, **kwargs)
    sched = make_scheduler(opt, schedule) if schedule else None
    trajectory, lrs, fixture_grads = [], [], []
    for t in range(steps):
        row = []
        for i, p in enumerate(params):
            if (t, i) in null_grads:
                p.grad = None
                row.append(None)
            else:
                p.grad = grads[t][i].clone()
                row.append(flat(grads[t][i]))
        fixture_grads.append(row)
        opt.step()
        if sched:
            sched.step()
            lrs.append([g['lr'] for g in opt.param_groups])
        trajectory.append([flat(p) for p in params])
    case = {'name': name, 'optimizer': optimizer, 'options': options, 'params': init, 'grads': fixture_grads,
            'trajectory': trajectory}
    if groups is not None:
        case['groups'] = groups
    if schedule:
        case['schedule'] = schedule
        case['lrs'] = lrs
    return case


def optimizer_cases():
    nulls = {(3, 1), (7, 1), (8, 1), (9, 0), (15, 1)}
    two_groups = [{'params': [0], 'options': {'lr': 0.05, 'weightDecay': 0.1}}, {'params': [1]}]
    c = []
    # SGD
    c.append(optimizer_case('sgd-plain', 'SGD', {'lr': 0.1}))
    c.append(optimizer_case('sgd-momentum', 'SGD', {'lr': 0.05, 'momentum': 0.9}))
    c.append(optimizer_case('sgd-dampening-wd', 'SGD',
                            {'lr': 0.05, 'momentum': 0.8, 'dampening': 0.5, 'weightDecay': 0.01}))
    c.append(optimizer_case('sgd-nesterov', 'SGD',
                            {'lr': 0.03, 'momentum': 0.9, 'nesterov': True, 'weightDecay': 1e-3}))
    c.append(optimizer_case('sgd-maximize', 'SGD', {'lr': 0.05, 'momentum': 0.5, 'maximize': True}))
    c.append(optimizer_case('sgd-groups-null-grads', 'SGD', {'lr': 0.1, 'momentum': 0.9}, groups=two_groups,
                            null_grads=nulls))
    c.append(optimizer_case('sgd-steplr', 'SGD', {'lr': 0.1, 'momentum': 0.9},
                            schedule={'type': 'StepLR', 'options': {'stepSize': 5, 'gamma': 0.5}}))
    # Adam
    c.append(optimizer_case('adam-default', 'Adam', {'lr': 1e-3}))
    c.append(optimizer_case('adam-betas-eps', 'Adam', {'lr': 0.01, 'betas': [0.8, 0.95], 'eps': 1e-6}))
    c.append(optimizer_case('adam-amsgrad', 'Adam', {'lr': 0.01, 'amsgrad': True}, grad_scale=2.0))
    c.append(optimizer_case('adam-l2', 'Adam', {'lr': 0.01, 'weightDecay': 0.1}))
    c.append(optimizer_case('adam-maximize', 'Adam', {'lr': 0.01, 'maximize': True}))
    c.append(optimizer_case('adam-groups-null-grads', 'Adam', {'lr': 0.01}, groups=two_groups, null_grads=nulls))
    c.append(optimizer_case('adam-cosine', 'Adam', {'lr': 0.02},
                            schedule={'type': 'CosineAnnealingLR', 'options': {'tMax': 10, 'etaMin': 1e-3}}))
    c.append(optimizer_case('adam-onecycle', 'Adam', {'lr': 0.01},
                            schedule={'type': 'OneCycleLR', 'options': {'maxLr': 0.05, 'totalSteps': STEPS}}))
    # AdamW
    c.append(optimizer_case('adamw-default', 'AdamW', {'lr': 1e-3}))
    c.append(optimizer_case('adamw-wd-amsgrad', 'AdamW', {'lr': 0.01, 'weightDecay': 0.1, 'amsgrad': True}))
    c.append(optimizer_case('adamw-maximize', 'AdamW', {'lr': 0.01, 'betas': [0.9, 0.98], 'maximize': True}))
    c.append(optimizer_case('adamw-no-decay-group', 'AdamW', {'lr': 0.01, 'weightDecay': 0.1},
                            groups=[{'params': [0]}, {'params': [1], 'options': {'weightDecay': 0.0}}],
                            null_grads=nulls))
    c.append(optimizer_case('adamw-hf-cosine-warmup', 'AdamW', {'lr': 0.02, 'weightDecay': 0.05},
                            schedule={'type': 'LambdaLR', 'lambda': 'cosineWarmup'}))
    # RMSprop
    c.append(optimizer_case('rmsprop-default', 'RMSprop', {'lr': 0.01}))
    c.append(optimizer_case('rmsprop-centered', 'RMSprop', {'lr': 0.01, 'centered': True}))
    c.append(optimizer_case('rmsprop-momentum', 'RMSprop', {'lr': 0.01, 'momentum': 0.9, 'alpha': 0.9}))
    c.append(optimizer_case('rmsprop-centered-momentum-wd', 'RMSprop',
                            {'lr': 0.005, 'centered': True, 'momentum': 0.5, 'weightDecay': 0.01, 'eps': 1e-6}))
    c.append(optimizer_case('rmsprop-maximize-null-grads', 'RMSprop', {'lr': 0.01, 'maximize': True},
                            null_grads=nulls))
    # Adagrad
    c.append(optimizer_case('adagrad-default', 'Adagrad', {'lr': 0.01}))
    c.append(optimizer_case('adagrad-decay-wd-init', 'Adagrad',
                            {'lr': 0.05, 'lrDecay': 0.01, 'weightDecay': 0.1, 'initialAccumulatorValue': 0.1}))
    c.append(optimizer_case('adagrad-eps-maximize-null-grads', 'Adagrad',
                            {'lr': 0.05, 'eps': 1e-6, 'maximize': True}, null_grads=nulls))
    # Lion
    c.append(optimizer_case('lion-default', 'Lion', {'lr': 1e-3}))
    c.append(optimizer_case('lion-wd-betas', 'Lion', {'lr': 3e-3, 'betas': [0.95, 0.98], 'weightDecay': 0.1}))
    c.append(optimizer_case('lion-groups-null-grads', 'Lion', {'lr': 1e-3}, groups=two_groups, null_grads=nulls))
    # Adafactor (3-d parameter exercises factoring over the last two dims)
    af_shapes = [[4, 5], [7], [2, 3, 4]]
    c.append(optimizer_case('adafactor-default', 'Adafactor', {}, shapes=af_shapes))
    c.append(optimizer_case('adafactor-warmup-init', 'Adafactor', {'warmupInit': True}, shapes=af_shapes))
    c.append(optimizer_case('adafactor-beta1-fixed-lr', 'Adafactor',
                            {'lr': 1e-2, 'relativeStep': False, 'scaleParameter': False, 'beta1': 0.9},
                            shapes=af_shapes))
    c.append(optimizer_case('adafactor-wd-clip', 'Adafactor',
                            {'weightDecay': 0.01, 'clipThreshold': 0.5, 'decayRate': -0.5}, shapes=af_shapes,
                            null_grads={(3, 1), (7, 2)}))
    return c


# ---------------------------------------------------------------- schedulers

SCHED_STEPS = 120


def scheduler_case(name, spec, *, optimizer='SGD', metrics=None):
    params = [torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)]
    if optimizer == 'SGD':
        opt = torch.optim.SGD([{'params': [params[0]], 'lr': 0.1}, {'params': [params[1]], 'lr': 0.05}],
                              lr=0.1, momentum=0.9)
    else:
        opt = torch.optim.Adam([{'params': [params[0]], 'lr': 0.1}, {'params': [params[1]], 'lr': 0.05}])
    sched = make_scheduler(opt, spec)
    lrs = [sched.get_last_lr()[:]] if spec['type'] != 'ReduceLROnPlateau' else [[g['lr'] for g in opt.param_groups]]
    moms = [[g['momentum'] if 'momentum' in g else g['betas'][0] for g in opt.param_groups]]
    for t in range(SCHED_STEPS):
        opt.step()
        if metrics is not None:
            sched.step(metrics[t])
        else:
            sched.step()
        lrs.append(list(sched.get_last_lr()) if hasattr(sched, 'get_last_lr') else [g['lr'] for g in opt.param_groups])
        moms.append([g['momentum'] if 'momentum' in g else g['betas'][0] for g in opt.param_groups])
    case = {'name': name, 'optimizer': optimizer, 'spec': spec, 'lrs': lrs, 'momentum': moms}
    if metrics is not None:
        case['metrics'] = metrics
    return case


def scheduler_cases():
    # Sized so every milestone, restart, plateau reduction, one-cycle phase and warm-up/decay lands
    # inside the SCHED_STEPS = 120 recorded steps, most of them several times.
    S = scheduler_case
    c = [
        S('step', {'type': 'StepLR', 'options': {'stepSize': 15, 'gamma': 0.5}}),
        S('multistep', {'type': 'MultiStepLR', 'options': {'milestones': [10, 40, 40, 90], 'gamma': 0.3}}),
        S('exponential', {'type': 'ExponentialLR', 'options': {'gamma': 0.97}}),
        S('cosine', {'type': 'CosineAnnealingLR', 'options': {'tMax': 40}}),
        S('cosine-etamin', {'type': 'CosineAnnealingLR', 'options': {'tMax': 30, 'etaMin': 0.01}}),
        S('warm-restarts', {'type': 'CosineAnnealingWarmRestarts', 'options': {'t0': 25}}),
        S('warm-restarts-mult', {'type': 'CosineAnnealingWarmRestarts',
                                 'options': {'t0': 7, 'tMult': 2, 'etaMin': 0.001}}),
        S('linear', {'type': 'LinearLR', 'options': {}}),
        S('linear-custom', {'type': 'LinearLR', 'options': {'startFactor': 0.1, 'endFactor': 0.5, 'totalIters': 60}}),
        S('constant', {'type': 'ConstantLR', 'options': {'factor': 0.25, 'totalIters': 30}}),
        S('polynomial', {'type': 'PolynomialLR', 'options': {'totalIters': 90, 'power': 2.0}}),
        S('polynomial-default', {'type': 'PolynomialLR', 'options': {}}),
        S('lambda-exp', {'type': 'LambdaLR', 'lambda': 'exp095'}),
        S('onecycle', {'type': 'OneCycleLR', 'options': {'maxLr': [0.5, 0.2], 'totalSteps': SCHED_STEPS}}),
        S('onecycle-linear-3phase', {'type': 'OneCycleLR', 'options': {
            'maxLr': 0.3, 'totalSteps': SCHED_STEPS + 1, 'pctStart': 0.25, 'annealStrategy': 'linear',
            'threePhase': True, 'divFactor': 10.0, 'finalDivFactor': 100.0, 'baseMomentum': 0.8,
            'maxMomentum': 0.9}}),
        S('onecycle-adam', {'type': 'OneCycleLR', 'options': {'maxLr': 0.01, 'epochs': 12, 'stepsPerEpoch': 10}},
          optimizer='Adam'),
        S('onecycle-no-momentum', {'type': 'OneCycleLR', 'options': {
            'maxLr': 0.1, 'totalSteps': SCHED_STEPS + 1, 'cycleMomentum': False}}),
        S('sequential', {'type': 'SequentialLR', 'options': {'milestones': [20]}, 'schedulers': [
            {'type': 'LinearLR', 'options': {'startFactor': 0.01, 'totalIters': 20}},
            {'type': 'CosineAnnealingLR', 'options': {'tMax': 100}}]}),
        S('sequential-3', {'type': 'SequentialLR', 'options': {'milestones': [15, 60]}, 'schedulers': [
            {'type': 'ConstantLR', 'options': {'factor': 0.1, 'totalIters': 15}},
            {'type': 'ExponentialLR', 'options': {'gamma': 0.95}},
            {'type': 'StepLR', 'options': {'stepSize': 10, 'gamma': 0.5}}]}),
        S('chained', {'type': 'ChainedScheduler', 'schedulers': [
            {'type': 'ConstantLR', 'options': {'factor': 0.1, 'totalIters': 10}},
            {'type': 'ExponentialLR', 'options': {'gamma': 0.97}}]}),
        S('chained-cosine-step', {'type': 'ChainedScheduler', 'schedulers': [
            {'type': 'LinearLR', 'options': {'startFactor': 0.2, 'totalIters': 20}},
            {'type': 'StepLR', 'options': {'stepSize': 30, 'gamma': 0.5}}]}),
    ]
    # Metrics that improve, plateau, improve again and plateau: reductions in both plateaus, patience
    # reset by the second improvement; the min-mode run reduces until the eps guard stops it, the
    # max-mode one until minLr.
    metrics_min = [1.0 - 0.02 * min(t, 20) - 0.01 * max(0, min(t, 70) - 50) + (0.001 if t % 3 == 0 else 0.0)
                   for t in range(SCHED_STEPS)]
    metrics_max = [0.5 + 0.02 * min(t, 10) + 0.02 * max(0, min(t, 60) - 50) - 0.0001 * (t % 4)
                   for t in range(SCHED_STEPS)]
    c.append(S('plateau-min', {'type': 'ReduceLROnPlateau', 'options': {'patience': 5}}, metrics=metrics_min))
    c.append(S('plateau-max-abs-cooldown', {'type': 'ReduceLROnPlateau', 'options': {
        'mode': 'max', 'factor': 0.5, 'patience': 6, 'threshold': 0.01, 'thresholdMode': 'abs', 'cooldown': 5,
        'minLr': [0.01, 0.02]}}, metrics=metrics_max))
    for key, recipe in RECIPES.items():
        c.append(dict(S('hf-' + key, {'type': 'LambdaLR', 'recipe': recipe}), recipe=recipe))
    return c


# ---------------------------------------------------------------- clipping

def clip_cases():
    gen = torch.Generator().manual_seed(1)
    cases = []
    for norm_type, max_norm, scale in [(2.0, 1.0, 1.0), (2.0, 100.0, 1.0), (1.0, 2.0, 1.0), ('inf', 0.5, 1.0),
                                       (3.0, 0.7, 3.0), (0.5, 10.0, 0.1)]:
        grads = [torch.randn(s, generator=gen) * scale for s in [[3, 4], [5], [2, 2, 2]]]
        params = [torch.zeros(g.shape, requires_grad=True) for g in grads]
        for p, g in zip(params, grads):
            p.grad = g.clone()
        nt = math.inf if norm_type == 'inf' else norm_type
        total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=nt)
        cases.append({'normType': norm_type, 'maxNorm': max_norm, 'grads': [flat(g) for g in grads],
                      'shapes': [list(g.shape) for g in grads], 'totalNorm': float(total),
                      'clipped': [flat(p.grad) for p in params]})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    meta = {'torch': torch.__version__, 'generator': 'parity/generate.py'}
    with open(os.path.join(OUT, 'optimizers.json'), 'w') as f:
        json.dump(dict(meta, cases=optimizer_cases()), f)
    with open(os.path.join(OUT, 'schedulers.json'), 'w') as f:
        json.dump(dict(meta, cases=scheduler_cases()), f, allow_nan=False)
    with open(os.path.join(OUT, 'clip.json'), 'w') as f:
        json.dump(dict(meta, cases=clip_cases()), f)


if __name__ == '__main__':
    main()
