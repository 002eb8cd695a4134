import torch
import torch.nn as nn


# Subclasses of nn.Sequential: members handed to super().__init__, added with self.add_module,
# or passed to the inherited constructor of a subclass that only adds methods.
class ProbeHead(nn.Sequential):
    def __init__(self, d_in, hidden):
        layers = []
        for a, b in zip([d_in] + hidden[:-1], hidden):
            layers += [nn.Linear(a, b), nn.LeakyReLU(0.1)]  # expect: leaky_relu hidden BCELoss
        layers.append(nn.Linear(hidden[-1], 1))
        layers.append(nn.Sigmoid())  # expect: sigmoid output BCELoss
        super().__init__(*layers)


class Tagger(nn.Sequential):
    def __init__(self, d, n_tags):
        super(Tagger, self).__init__()
        self.add_module("proj", nn.Linear(d, d))
        self.add_module("act", nn.Tanh())  # expect: tanh hidden NLLLoss
        self.add_module("out", nn.Linear(d, n_tags))
        self.add_module("logp", nn.LogSoftmax(dim=-1))  # expect: log_softmax output NLLLoss


class Regressor(nn.Sequential):
    def fit(self, xs, ys, epochs=100, lr=1e-2):
        opt = torch.optim.SGD(self.parameters(), lr=lr)
        mse = nn.MSELoss()
        for _ in range(epochs):
            opt.zero_grad()
            mse(self(xs), ys).backward()
            opt.step()
        return self


reg = Regressor(nn.Linear(3, 16), nn.SiLU(), nn.Linear(16, 1), nn.ReLU())  # expect: silu hidden MSELoss | relu output MSELoss
reg.fit(torch.randn(64, 3), torch.randn(64, 1))

probe, tagger = ProbeHead(32, [64, 16]), Tagger(32, 9)
bce, nll = nn.BCELoss(), nn.NLLLoss()
for feats, is_pos, tokens, tags in loader:
    loss = bce(probe(feats).squeeze(-1), is_pos) + nll(tagger(tokens).flatten(0, 1), tags.flatten())
    loss.backward()
