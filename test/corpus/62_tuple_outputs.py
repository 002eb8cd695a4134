import torch
import torch.nn as nn
import torch.nn.functional as F


# Models that return their logits and their probabilities together: the training loop picks the
# element it trains, by index or by unpacking, and only that element meets the loss.
class TextClassifier(nn.Module):
    def __init__(self, vocab, dim, n_classes):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.fc = nn.Linear(dim, n_classes)

    def forward(self, tokens, offsets):
        logits = self.fc(self.emb(tokens, offsets))
        return logits, F.softmax(logits, dim=-1)  # expect: softmax output -


class PairScorer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(2 * dim, 1)

    def forward(self, a, b):
        score = self.proj(torch.cat([a, b], dim=-1)).squeeze(-1)
        return torch.sigmoid(score), score  # expect: sigmoid output BCELoss


clf = TextClassifier(20000, 64, 4)
scorer = PairScorer(64)
ce = nn.CrossEntropyLoss()
bce = nn.BCELoss()
opt = torch.optim.Adam(list(clf.parameters()) + list(scorer.parameters()), lr=1e-3)

for tokens, offsets, label, a, b, same in loader:
    out = clf(tokens, offsets)
    loss = ce(out[0], label)
    prob, raw = scorer(a, b)
    loss = loss + bce(prob, same.float())
    opt.zero_grad()
    loss.backward()
    opt.step()
