"""PyTorch CPU training steps of the tiny GPT that bench/gpt-train-step.bench.mjs times, for the same-run ratio.

Usage: /usr/bin/python3 bench/python/gpt_train_step.py MANIFEST.json WARMUP STEPS THREADS [THREADS ...]

MANIFEST.json (written by the bench) holds the config, the AdamW options, the token batch and, per
parameter, its name, shape and float32 offset into the weights file next to it: the initial weights of
@llm/transformer's GPT, so every implementation starts from the same point. For each thread count the
model is rebuilt from those weights, `torch.set_num_threads(n)` is set, and WARMUP + STEPS steps run
(forward, causal LM loss, backward, AdamW step); only the last STEPS are timed, with perf_counter.
Prints one JSON object on stdout: {"torch", "python", "runs": [{"threads", "losses", "seconds"}]},
or {"skipped": reason}.
"""

import json
import math
import os
import sys
import time


def main():
    manifest_path, warmup, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    thread_counts = [int(n) for n in sys.argv[4:]]
    try:
        import torch
        import torch.nn.functional as F
        from torch import nn
    except ImportError as error:
        print(json.dumps({"skipped": f"torch did not import ({error})"}))
        return
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    with open(os.path.join(os.path.dirname(manifest_path), manifest["weightsFile"]), "rb") as f:
        flat = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)
    cfg, opt = manifest["config"], manifest["adamw"]
    c, nh, eps = cfg["nEmbd"], cfg["nHead"], cfg["layerNormEps"]

    # Attribute names follow @llm/transformer's, so its state dict loads with strict=True.
    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.qProj, self.kProj = nn.Linear(c, c), nn.Linear(c, c)
            self.vProj, self.outProj = nn.Linear(c, c), nn.Linear(c, c)

        def forward(self, x, mask):
            b, t, _ = x.shape

            def heads(y):  # (B, T, C) -> (B, nh, T, hs)
                return y.view(b, t, nh, c // nh).transpose(1, 2)

            q, k, v = heads(self.qProj(x)), heads(self.kProj(x)), heads(self.vProj(x))
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(c // nh))
            att = F.softmax(att.masked_fill(mask[:t, :t], float("-inf")), dim=-1)
            return self.outProj((att @ v).transpose(1, 2).reshape(b, t, c))

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc, self.proj = nn.Linear(c, 4 * c), nn.Linear(4 * c, c)

        def forward(self, x):
            return self.proj(F.gelu(self.fc(x), approximate="tanh"))

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.attn = nn.LayerNorm(c, eps=eps), Attention()
            self.ln2, self.mlp = nn.LayerNorm(c, eps=eps), MLP()

        def forward(self, x, mask):
            x = x + self.attn(self.ln1(x), mask)
            return x + self.mlp(self.ln2(x))

    class Stack(nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = nn.ModuleList([Block() for _ in range(cfg["nLayer"])])
            self.lnFinal = nn.LayerNorm(c, eps=eps)

    class GPT(nn.Module):
        def __init__(self):
            super().__init__()
            self.wte = nn.Embedding(cfg["vocabSize"], c)
            self.wpe = nn.Embedding(cfg["blockSize"], c)
            self.transformer = Stack()
            t = cfg["blockSize"]
            self.register_buffer("mask", torch.triu(torch.ones(t, t, dtype=torch.bool), 1), persistent=False)

        def forward(self, ids):
            t = ids.shape[1]
            x = self.wte(ids) + self.wpe(torch.arange(t))
            for layer in self.transformer.layers:
                x = layer(x, self.mask)
            return F.linear(self.transformer.lnFinal(x), self.wte.weight)  # tied head, (B, T, V)

    state = {
        p["name"]: flat[p["offset"] : p["offset"] + math.prod(p["shape"])].view(*p["shape"]).clone()
        for p in manifest["params"]
    }
    tokens = torch.tensor(manifest["tokens"], dtype=torch.long).view(cfg["batchSize"], cfg["blockSize"])

    runs = []
    for threads in thread_counts:
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        model = GPT()
        model.load_state_dict(state, strict=True)
        model.train()
        optimizer = torch.optim.AdamW(
            model.parameters(),
            lr=opt["lr"],
            betas=tuple(opt["betas"]),
            eps=opt["eps"],
            weight_decay=opt["weightDecay"],
        )
        losses, seconds = [], []
        for step in range(warmup + steps):
            started = time.perf_counter()
            logits = model(tokens)
            loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), tokens[:, 1:].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            value = loss.item()
            elapsed = time.perf_counter() - started
            losses.append(value)
            if step >= warmup:
                seconds.append(elapsed)
        runs.append(
            {
                "threads": threads,
                "numThreads": torch.get_num_threads(),
                "parameters": sum(p.numel() for p in model.parameters()),
                "losses": losses,
                "seconds": seconds,
            }
        )
    print(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0], "runs": runs}))


if __name__ == "__main__":
    main()
