#!/usr/bin/python3
"""PyTorch parity fixtures for @llm/transformer, generated with Debian's python3-torch (torch 1.13).

Run from packages/transformer:  /usr/bin/python3 parity/generate.py

Writes parity/fixtures/parity.json (inputs, expected outputs and gradients) and one safetensors file of
float32 weights per model case, named exactly as @llm/transformer's `namedParameters()` /
`stateDict()` (`transformer.layers.0.attn.qProj.weight`, ...), so the TypeScript test loads them with
@llm/nn's `loadSafetensors` + `loadStateDict`. Python's `safetensors` package is not installed here, so
`write_safetensors` writes the format by hand: an 8-byte little-endian header length, a JSON header
padded with spaces to a multiple of 8, then the raw little-endian tensor bytes in header order.

Inputs and weights are random float32 values; every reference is then computed in float64 from those
exact values, so the fixtures hold the true result of the float32 inputs and the TypeScript float32
computation is compared against it. Gradients are of sum(output * gradOutput) for a fixed random
gradOutput (the GPT cases use the mean cross-entropy loss instead).

References:
* scaled dot-product attention: softmax(q k^T * scale + mask) v written out (torch 1.13 has no
  F.scaled_dot_product_attention); bool masks use True = may attend, float masks are added.
* multi-head attention with a key padding mask: torch.nn.MultiheadAttention(batch_first=True), an
  independent implementation, with in_proj_weight = cat(qProj, kProj, vProj).
* GPT block and whole GPT: the modules below, pre-norm LayerNorm, causal attention with separate
  q/k/v/out Linear layers, GELU(tanh) MLP, learned positions or rotary positions in the rotate-half
  (GPT-NeoX / LLaMA) layout, final LayerNorm and a head tied to the token embedding.
* decoder block with cross-attention: torch.nn.TransformerDecoderLayer(norm_first=True, GELU), a causal
  float tgt_mask and a memory key padding mask; norm1/norm2/norm3 are our ln1/lnCross/ln2.
* BERT: embeddings + LayerNorm written out, torch.nn.TransformerEncoderLayer(norm_first=False, GELU,
  eps 1e-12) per layer, pooler tanh(dense(h[:, 0])), MLM head LayerNorm(gelu(dense(h))) E^T + b; the loss
  is the MLM cross-entropy (ignore_index -100) plus sum(pooled * pooledGrad), so every weight gets a grad.
"""
import json
import math
import os
import struct

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'fixtures')
rng = np.random.default_rng(20240517)


# ---------------------------------------------------------------- encoding helpers

def randn32(*shape, scale=1.0):
    return torch.from_numpy((rng.standard_normal(shape) * scale).astype(np.float32))


def enc(t):
    """A tensor as {shape, dtype, data}; float32 values as the shortest decimal that reads back exactly."""
    t = t.detach()
    if t.dtype == torch.bool:
        return {'shape': list(t.shape), 'dtype': 'bool', 'data': [bool(x) for x in t.reshape(-1).tolist()]}
    if t.dtype in (torch.int32, torch.int64):
        return {'shape': list(t.shape), 'dtype': 'int32', 'data': [int(x) for x in t.reshape(-1).tolist()]}
    if t.dtype == torch.float32:
        return {'shape': list(t.shape), 'dtype': 'float32',
                'data': [float(repr(np.float32(x))) for x in t.reshape(-1).tolist()]}
    return {'shape': list(t.shape), 'dtype': 'float64', 'data': [float(x) for x in t.reshape(-1).tolist()]}


def write_safetensors(path, tensors, metadata=None):
    """The safetensors format by hand (https://github.com/huggingface/safetensors#format), float32 only."""
    header = {}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().astype('<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header['__metadata__'] = metadata
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def randomize(module, scale=0.3):
    """Random float32 weights: N(0, scale) everywhere, norm scales around 1."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.endswith('ln1.weight') or name.endswith('ln2.weight') or name.endswith('lnFinal.weight'):
                p.copy_(1 + randn32(*p.shape, scale=0.1))
            else:
                p.copy_(randn32(*p.shape, scale=scale))


def weights32(module):
    """state_dict() values rounded to float32 (the file's values), keyed by our names."""
    return {k: v.detach().to(torch.float32).clone() for k, v in module.state_dict().items()}


def grads(module):
    return {name: enc(p.grad) for name, p in module.named_parameters()}


# ---------------------------------------------------------------- reference modules (our names)

def rotate(x, base=10000.0):
    """Rotary embedding, rotate-half layout, on (..., T, hs)."""
    t, hs = x.shape[-2], x.shape[-1]
    inv = base ** (-torch.arange(0, hs, 2, dtype=torch.float64) / hs)
    angles = torch.arange(t, dtype=torch.float64)[:, None] * inv[None, :]  # (T, hs/2)
    cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
    x1, x2 = x[..., : hs // 2], x[..., hs // 2:]
    return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)


class MultiHeadAttention(nn.Module):
    def __init__(self, d, h, rope=False):
        super().__init__()
        self.h = h
        self.rope = rope
        self.qProj = nn.Linear(d, d)
        self.kProj = nn.Linear(d, d)
        self.vProj = nn.Linear(d, d)
        self.outProj = nn.Linear(d, d)

    def forward(self, x):
        b, t, c = x.shape
        hs = c // self.h
        split = lambda y: y.view(b, t, self.h, hs).transpose(1, 2)  # (B, nh, T, hs)
        q, k, v = split(self.qProj(x)), split(self.kProj(x)), split(self.vProj(x))
        if self.rope:
            q, k = rotate(q), rotate(k)
        att = q @ k.transpose(-2, -1) / math.sqrt(hs)
        causal = torch.ones(t, t, dtype=torch.bool).tril()
        att = att.masked_fill(~causal, float('-inf')).softmax(-1)
        return self.outProj((att @ v).transpose(1, 2).reshape(b, t, c))


class FeedForward(nn.Module):
    def __init__(self, d, hidden):
        super().__init__()
        self.fc = nn.Linear(d, hidden)
        self.proj = nn.Linear(hidden, d)

    def forward(self, x):
        return self.proj(F.gelu(self.fc(x), approximate='tanh'))


class Block(nn.Module):
    def __init__(self, d, h, rope=False):
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.attn = MultiHeadAttention(d, h, rope)
        self.ln2 = nn.LayerNorm(d)
        self.mlp = FeedForward(d, 4 * d)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class Stack(nn.Module):
    def __init__(self, n, d, h, rope):
        super().__init__()
        self.layers = nn.ModuleList([Block(d, h, rope) for _ in range(n)])
        self.lnFinal = nn.LayerNorm(d)


class GPT(nn.Module):
    def __init__(self, vocab, block, n, h, d, positional):
        super().__init__()
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(block, d) if positional == 'learned' else None
        self.transformer = Stack(n, d, h, positional == 'rope')
        self.lmHead = nn.Linear(d, vocab, bias=False)
        self.lmHead.weight = self.wte.weight

    def forward(self, ids):
        x = self.wte(ids)
        if self.wpe is not None:
            x = x + self.wpe(torch.arange(ids.shape[1]))
        for layer in self.transformer.layers:
            x = layer(x)
        return self.lmHead(self.transformer.lnFinal(x))


# ---------------------------------------------------------------- cases

def sdpa_reference(q, k, v, causal=False, mask=None, scale=None):
    d = q.shape[-1]
    scores = q @ k.transpose(-2, -1) * (scale if scale is not None else 1 / math.sqrt(d))
    tq, tk = q.shape[-2], k.shape[-2]
    if causal:
        allowed = torch.ones(tq, tk, dtype=torch.bool).tril(diagonal=tk - tq)
        scores = scores.masked_fill(~allowed, float('-inf'))
    if mask is not None:
        scores = scores.masked_fill(~mask, float('-inf')) if mask.dtype == torch.bool else scores + mask.double()
    weights = scores.softmax(-1)
    return weights @ v, weights


def sdpa_cases():
    specs = [
        ('plain 3-d', (2, 3, 4), (2, 5, 4), (2, 5, 6), {}),
        ('causal 4-d', (2, 2, 4, 8), (2, 2, 4, 8), (2, 2, 4, 8), {'causal': True}),
        ('causal after 3 cached keys', (1, 2, 2, 4), (1, 2, 5, 4), (1, 2, 5, 4), {'causal': True}),
        ('bool mask (B, 1, 1, Tk)', (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 4), {'mask': 'bool'}),
        ('float mask (Tq, Tk) and scale', (2, 3, 4), (2, 4, 4), (2, 4, 3), {'mask': 'float', 'scale': 0.3}),
    ]
    cases = []
    for name, qs, ks, vs, opts in specs:
        q, k, v = randn32(*qs), randn32(*ks), randn32(*vs)
        mask = None
        if opts.get('mask') == 'bool':
            keep = torch.ones(ks[0], ks[-2], dtype=torch.bool)
            keep[0, 4] = False
            keep[1, 0] = False
            keep[1, 2] = False
            mask = keep.view(ks[0], 1, 1, ks[-2])
        elif opts.get('mask') == 'float':
            mask = randn32(qs[-2], ks[-2])
        q64, k64, v64 = (t.double().requires_grad_() for t in (q, k, v))
        out, weights = sdpa_reference(q64, k64, v64, opts.get('causal', False), mask, opts.get('scale'))
        grad_out = randn32(*out.shape)
        (out * grad_out.double()).sum().backward()
        options = {key: opts[key] for key in ('causal', 'scale') if key in opts}
        if mask is not None:
            options['mask'] = enc(mask)
        cases.append({
            'id': name, 'q': enc(q), 'k': enc(k), 'v': enc(v), 'options': options,
            'output': enc(out), 'weights': enc(weights), 'gradOutput': enc(grad_out),
            'grads': {'q': enc(q64.grad), 'k': enc(k64.grad), 'v': enc(v64.grad)},
        })
    return cases


def mha_case():
    d, h, b, t = 12, 3, 2, 5
    names = ['qProj', 'kProj', 'vProj', 'outProj']
    ours = {f'{n}.{p}': randn32(d, d, scale=0.4) if p == 'weight' else randn32(d, scale=0.2)
            for n in names for p in ('weight', 'bias')}
    write_safetensors(os.path.join(OUT, 'mha.safetensors'), ours, {'case': 'mha'})
    ref = nn.MultiheadAttention(d, h, batch_first=True).double()
    with torch.no_grad():
        ref.in_proj_weight.copy_(torch.cat([ours['qProj.weight'], ours['kProj.weight'], ours['vProj.weight']]))
        ref.in_proj_bias.copy_(torch.cat([ours['qProj.bias'], ours['kProj.bias'], ours['vProj.bias']]))
        ref.out_proj.weight.copy_(ours['outProj.weight'])
        ref.out_proj.bias.copy_(ours['outProj.bias'])
    x = randn32(b, t, d)
    padding = torch.tensor([[False] * 5, [False, False, False, True, True]])
    x64 = x.double().requires_grad_()
    out, _ = ref(x64, x64, x64, key_padding_mask=padding, need_weights=False)
    grad_out = randn32(*out.shape)
    (out * grad_out.double()).sum().backward()
    gw, gb = ref.in_proj_weight.grad.split(d), ref.in_proj_bias.grad.split(d)
    param_grads = {}
    for i, n in enumerate(names[:3]):
        param_grads[f'{n}.weight'] = enc(gw[i])
        param_grads[f'{n}.bias'] = enc(gb[i])
    param_grads['outProj.weight'] = enc(ref.out_proj.weight.grad)
    param_grads['outProj.bias'] = enc(ref.out_proj.bias.grad)
    return {
        'id': 'MultiHeadAttention with keyPaddingMask (vs torch.nn.MultiheadAttention)',
        'config': {'dModel': d, 'numHeads': h}, 'weightsFile': 'mha.safetensors',
        'x': enc(x), 'keyPaddingMask': enc(padding), 'output': enc(out), 'gradOutput': enc(grad_out),
        'inputGrad': enc(x64.grad), 'grads': param_grads,
    }


def block_case():
    d, h, b, t = 16, 4, 2, 6
    block = Block(d, h)
    randomize(block)
    w = weights32(block)
    write_safetensors(os.path.join(OUT, 'block.safetensors'), w, {'case': 'block'})
    block.load_state_dict(w)
    block.double()
    x = randn32(b, t, d)
    x64 = x.double().requires_grad_()
    out = block(x64)
    grad_out = randn32(*out.shape)
    (out * grad_out.double()).sum().backward()
    return {
        'id': 'GPT block (pre-norm LayerNorm, causal MHA, GELU(tanh) MLP)',
        'config': {'dModel': d, 'numHeads': h, 'activation': 'geluTanh'}, 'weightsFile': 'block.safetensors',
        'x': enc(x), 'output': enc(out), 'gradOutput': enc(grad_out), 'inputGrad': enc(x64.grad),
        'grads': grads(block),
    }


def gpt_case(positional):
    cfg = {'vocabSize': 11, 'blockSize': 8, 'nLayer': 2, 'nHead': 2, 'nEmbd': 16, 'positional': positional}
    model = GPT(cfg['vocabSize'], cfg['blockSize'], cfg['nLayer'], cfg['nHead'], cfg['nEmbd'], positional)
    randomize(model)
    w = weights32(model)
    file = f'gpt-{positional}.safetensors'
    write_safetensors(os.path.join(OUT, file), w, {'case': f'gpt-{positional}'})
    model.load_state_dict(w)
    model.double()
    ids = torch.from_numpy(rng.integers(0, cfg['vocabSize'], (2, 7)).astype(np.int32)).long()
    targets = torch.from_numpy(rng.integers(0, cfg['vocabSize'], (2, 7)).astype(np.int32)).long()
    logits = model(ids)
    loss = F.cross_entropy(logits.reshape(-1, cfg['vocabSize']), targets.reshape(-1))
    loss.backward()
    return {
        'id': f'tiny GPT, {positional} positions, tied head', 'config': cfg, 'weightsFile': file,
        'ids': enc(ids.int()), 'targets': enc(targets.int()), 'logits': enc(logits), 'loss': loss.item(),
        'grads': grads(model),
    }


def attention_into_torch(ours, prefix, mha):
    """Copies our separate q/k/v/out projections (`prefix`qProj.weight, ...) into a torch MultiheadAttention."""
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([ours[f'{prefix}{n}Proj.weight'] for n in 'qkv']))
        mha.in_proj_bias.copy_(torch.cat([ours[f'{prefix}{n}Proj.bias'] for n in 'qkv']))
        mha.out_proj.weight.copy_(ours[f'{prefix}outProj.weight'])
        mha.out_proj.bias.copy_(ours[f'{prefix}outProj.bias'])


def attention_grads(prefix, mha):
    d = mha.embed_dim
    out = {}
    for i, n in enumerate('qkv'):
        out[f'{prefix}{n}Proj.weight'] = enc(mha.in_proj_weight.grad[i * d:(i + 1) * d])
        out[f'{prefix}{n}Proj.bias'] = enc(mha.in_proj_bias.grad[i * d:(i + 1) * d])
    out[f'{prefix}outProj.weight'] = enc(mha.out_proj.weight.grad)
    out[f'{prefix}outProj.bias'] = enc(mha.out_proj.bias.grad)
    return out


def linear_into_torch(ours, name, lin):
    with torch.no_grad():
        lin.weight.copy_(ours[f'{name}.weight'])
        if lin.bias is not None:
            lin.bias.copy_(ours[f'{name}.bias'])


def linear_grads(name, lin):
    out = {f'{name}.weight': enc(lin.weight.grad)}
    if lin.bias is not None:
        out[f'{name}.bias'] = enc(lin.bias.grad)
    return out


def random_weights(shapes):
    """Our-named float32 weights: norm scales near 1, everything else N(0, 0.3)."""
    out = {}
    for name, shape in shapes.items():
        is_scale = name.endswith('.weight') and len(shape) == 1
        out[name] = 1 + randn32(*shape, scale=0.1) if is_scale else randn32(*shape, scale=0.3)
    return out


def layer_shapes(prefix, d, hidden, cross=False):
    shapes = {}
    norms = ['ln1', 'lnCross', 'ln2'] if cross else ['ln1', 'ln2']
    for n in norms:
        shapes[f'{prefix}{n}.weight'] = (d,)
        shapes[f'{prefix}{n}.bias'] = (d,)
    for a in (['attn', 'crossAttn'] if cross else ['attn']):
        for p in ('q', 'k', 'v', 'out'):
            shapes[f'{prefix}{a}.{p}Proj.weight'] = (d, d)
            shapes[f'{prefix}{a}.{p}Proj.bias'] = (d,)
    shapes[f'{prefix}mlp.fc.weight'] = (hidden, d)
    shapes[f'{prefix}mlp.fc.bias'] = (hidden,)
    shapes[f'{prefix}mlp.proj.weight'] = (d, hidden)
    shapes[f'{prefix}mlp.proj.bias'] = (d,)
    return shapes


def torch_layer_into(ours, prefix, layer, cross=False):
    """Loads our names into torch.nn.TransformerEncoderLayer / TransformerDecoderLayer."""
    attention_into_torch(ours, f'{prefix}attn.', layer.self_attn)
    linear_into_torch(ours, f'{prefix}mlp.fc', layer.linear1)
    linear_into_torch(ours, f'{prefix}mlp.proj', layer.linear2)
    norms = [('ln1', layer.norm1), ('lnCross', layer.norm2), ('ln2', layer.norm3)] if cross else [
        ('ln1', layer.norm1), ('ln2', layer.norm2)]
    if cross:
        attention_into_torch(ours, f'{prefix}crossAttn.', layer.multihead_attn)
    for n, norm in norms:
        linear_into_torch(ours, f'{prefix}{n}', norm)
    return norms


def torch_layer_grads(prefix, layer, norms, cross=False):
    out = attention_grads(f'{prefix}attn.', layer.self_attn)
    if cross:
        out.update(attention_grads(f'{prefix}crossAttn.', layer.multihead_attn))
    out.update(linear_grads(f'{prefix}mlp.fc', layer.linear1))
    out.update(linear_grads(f'{prefix}mlp.proj', layer.linear2))
    for n, norm in norms:
        out.update(linear_grads(f'{prefix}{n}', norm))
    return out


def decoder_block_case():
    """A pre-norm decoder block with cross-attention vs torch.nn.TransformerDecoderLayer(norm_first=True)."""
    d, h, hidden, b, t, s = 12, 3, 24, 2, 4, 5
    ours = random_weights(layer_shapes('', d, hidden, cross=True))
    write_safetensors(os.path.join(OUT, 'decoder-block.safetensors'), ours, {'case': 'decoder-block'})
    layer = nn.TransformerDecoderLayer(d, h, hidden, dropout=0.0, activation='gelu', batch_first=True,
                                       norm_first=True).double()
    norms = torch_layer_into(ours, '', layer, cross=True)
    x, memory = randn32(b, t, d), randn32(b, s, d)
    memory_padding = torch.tensor([[False] * 5, [False, False, False, True, True]])
    x64, m64 = x.double().requires_grad_(), memory.double().requires_grad_()
    causal = torch.full((t, t), float('-inf'), dtype=torch.float64).triu(1)
    out = layer(x64, m64, tgt_mask=causal, memory_key_padding_mask=memory_padding)
    grad_out = randn32(*out.shape)
    (out * grad_out.double()).sum().backward()
    return {
        'id': 'decoder block with cross-attention (vs torch.nn.TransformerDecoderLayer, norm_first)',
        'config': {'dModel': d, 'numHeads': h, 'dHidden': hidden}, 'weightsFile': 'decoder-block.safetensors',
        'x': enc(x), 'memory': enc(memory), 'memoryPaddingMask': enc(memory_padding), 'output': enc(out),
        'gradOutput': enc(grad_out), 'inputGrad': enc(x64.grad), 'memoryGrad': enc(m64.grad),
        'grads': torch_layer_grads('', layer, norms, cross=True),
    }


def bert_case():
    """A whole BERT (embeddings, post-norm GELU encoder, pooler, tied MLM head) vs torch.nn.TransformerEncoderLayer."""
    cfg = {'vocabSize': 13, 'maxPositions': 8, 'nLayer': 2, 'nHead': 2, 'nEmbd': 8, 'dHidden': 16}
    v, p, n, d, hidden = cfg['vocabSize'], cfg['maxPositions'], cfg['nLayer'], cfg['nEmbd'], cfg['dHidden']
    eps = 1e-12
    shapes = {'wordEmbeddings.weight': (v, d), 'positionEmbeddings.weight': (p, d),
              'tokenTypeEmbeddings.weight': (2, d), 'embeddingNorm.weight': (d,), 'embeddingNorm.bias': (d,)}
    for i in range(n):
        shapes.update(layer_shapes(f'encoder.layers.{i}.', d, hidden))
    shapes.update({'pooler.weight': (d, d), 'pooler.bias': (d,), 'mlmHead.dense.weight': (d, d),
                   'mlmHead.dense.bias': (d,), 'mlmHead.norm.weight': (d,), 'mlmHead.norm.bias': (d,),
                   'mlmHead.decoder.bias': (v,)})
    ours = random_weights(shapes)
    write_safetensors(os.path.join(OUT, 'bert.safetensors'),
                      {**ours, 'mlmHead.decoder.weight': ours['wordEmbeddings.weight']}, {'case': 'bert'})

    emb = {k: nn.Parameter(ours[f'{k}.weight'].double()) for k in
           ('wordEmbeddings', 'positionEmbeddings', 'tokenTypeEmbeddings')}
    emb_norm = nn.LayerNorm(d, eps=eps).double()
    linear_into_torch(ours, 'embeddingNorm', emb_norm)
    layers = [nn.TransformerEncoderLayer(d, cfg['nHead'], hidden, dropout=0.0, activation='gelu', layer_norm_eps=eps,
                                         batch_first=True).double() for _ in range(n)]
    layer_norms = [torch_layer_into(ours, f'encoder.layers.{i}.', layer) for i, layer in enumerate(layers)]
    pooler, dense = nn.Linear(d, d).double(), nn.Linear(d, d).double()
    head_norm = nn.LayerNorm(d, eps=eps).double()
    decoder_bias = nn.Parameter(ours['mlmHead.decoder.bias'].double())
    linear_into_torch(ours, 'pooler', pooler)
    linear_into_torch(ours, 'mlmHead.dense', dense)
    linear_into_torch(ours, 'mlmHead.norm', head_norm)

    ids = torch.tensor([[1, 5, 7, 2, 9, 4], [1, 8, 3, 6, 0, 0]])
    types = torch.tensor([[0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 1, 1]])
    padding = torch.tensor([[False] * 6, [False, False, False, False, True, True]])
    labels = torch.tensor([[-100, 5, -100, -100, 9, -100], [-100, -100, 3, 6, -100, -100]])
    x = emb['wordEmbeddings'][ids] + emb['positionEmbeddings'][torch.arange(6)] + emb['tokenTypeEmbeddings'][types]
    h = emb_norm(x)
    for layer in layers:
        h = layer(h, src_key_padding_mask=padding)
    logits = head_norm(F.gelu(dense(h))) @ emb['wordEmbeddings'].t() + decoder_bias
    pooled = torch.tanh(pooler(h[:, 0]))
    mlm = F.cross_entropy(logits.reshape(-1, v), labels.reshape(-1), ignore_index=-100)
    pooled_grad = randn32(*pooled.shape)
    loss = mlm + (pooled * pooled_grad.double()).sum()
    loss.backward()

    g = {f'{k}.weight': enc(p.grad) for k, p in emb.items()}
    g.update(linear_grads('embeddingNorm', emb_norm))
    for i, layer in enumerate(layers):
        g.update(torch_layer_grads(f'encoder.layers.{i}.', layer, layer_norms[i]))
    g.update(linear_grads('pooler', pooler))
    g.update(linear_grads('mlmHead.dense', dense))
    g.update(linear_grads('mlmHead.norm', head_norm))
    g['mlmHead.decoder.bias'] = enc(decoder_bias.grad)
    return {
        'id': 'BERT: embeddings, post-norm GELU encoder (vs torch.nn.TransformerEncoderLayer), pooler, tied MLM head',
        'config': cfg, 'weightsFile': 'bert.safetensors', 'ids': enc(ids.int()), 'tokenTypeIds': enc(types.int()),
        'paddingMask': enc(padding), 'labels': enc(labels.int()), 'logits': enc(logits), 'pooled': enc(pooled),
        'mlmLoss': mlm.item(), 'pooledGrad': enc(pooled_grad), 'grads': g,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    fixtures = {
        'generator': 'parity/generate.py, torch ' + torch.__version__,
        'sdpa': sdpa_cases(),
        'mha': mha_case(),
        'block': block_case(),
        'gpt': [gpt_case('learned'), gpt_case('rope')],
        'decoderBlock': decoder_block_case(),
        'bert': bert_case(),
    }
    with open(os.path.join(OUT, 'parity.json'), 'w') as f:
        json.dump(fixtures, f)
        f.write('\n')
    print('wrote', sorted(os.listdir(OUT)))


if __name__ == '__main__':
    main()
