import torch
import torch.nn as nn
import torch.nn.functional as F

# Node classification written the usual way, log_softmax + nll_loss, but one of the two models
# returns its last layer's raw scores: NLLLoss takes minus the right class's score, and the loss
# falls without bound (AL111, at the class). The second model ends in log_softmax; the third's raw
# scores get log_softmax in the training code; the fourth is only defined. All three are silent.


class PlainGCN(nn.Module):
    def __init__(self, d_in, hidden, n_classes):
        super().__init__()
        self.lin1 = nn.Linear(d_in, hidden)
        self.lin2 = nn.Linear(hidden, n_classes)

    def forward(self, x, adj):
        x = F.relu(adj @ self.lin1(x))  # expect: relu hidden nll_loss
        x = F.dropout(x, 0.5, self.training)
        return adj @ self.lin2(x)


class LogGCN(nn.Module):
    def __init__(self, d_in, hidden, n_classes):
        super().__init__()
        self.lin1 = nn.Linear(d_in, hidden)
        self.lin2 = nn.Linear(hidden, n_classes)

    def forward(self, x, adj):
        x = F.relu(adj @ self.lin1(x))  # expect: relu hidden nll_loss
        return F.log_softmax(adj @ self.lin2(x), dim=1)  # expect: log_softmax output nll_loss


class ScoresGCN(nn.Module):
    def __init__(self, d_in, hidden, n_classes):
        super().__init__()
        self.lin1 = nn.Linear(d_in, hidden)
        self.lin2 = nn.Linear(hidden, n_classes)

    def forward(self, x, adj):
        return adj @ self.lin2(torch.tanh(adj @ self.lin1(x)))  # expect: tanh hidden nll_loss


class Unused(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(8, 8), nn.ELU(), nn.Linear(8, 3))  # expect: elu hidden nll_loss

    def forward(self, x):
        return self.net(x)


def train(model, x, adj, y, mask, opt):
    model.train()
    opt.zero_grad()
    out = model(x, adj)
    loss = F.nll_loss(out[mask], y[mask])
    loss.backward()
    opt.step()


x, adj, y, mask = torch.randn(5, 8), torch.eye(5), torch.zeros(5, dtype=torch.long), torch.ones(5, dtype=torch.bool)
plain = PlainGCN(8, 16, 3)
train(plain, x, adj, y, mask, torch.optim.Adam(plain.parameters()))
logged = LogGCN(8, 16, 3)
train(logged, x, adj, y, mask, torch.optim.Adam(logged.parameters()))
scores = ScoresGCN(8, 16, 3)
for _ in range(10):
    log_probs = F.log_softmax(scores(x, adj), dim=1)  # expect: log_softmax - nll_loss
    F.nll_loss(log_probs[mask], y[mask]).backward()
