import torch
import torch.nn as nn
import torch.nn.functional as F


class CharRNN(nn.Module):
    def __init__(self, vocab, hidden=256):
        super().__init__()
        self.embed = nn.Embedding(vocab, hidden)
        self.rnn = nn.GRU(hidden, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, vocab)

    def forward(self, x, h=None):
        out, h = self.rnn(self.embed(x), h)
        return self.fc(out), h


model = CharRNN(65)
criterion = nn.CrossEntropyLoss()
for x, y in batches:
    logits, _ = model(x)
    loss = criterion(logits.view(-1, 65), y.view(-1))
    loss.backward()


@torch.no_grad()
def sample(model, start, n, temperature=0.8):
    idx, h = start, None
    out = []
    for _ in range(n):
        logits, h = model(idx, h)
        probs = F.softmax(logits[:, -1] / temperature, dim=-1)  # expect: softmax - -
        idx = torch.multinomial(probs, 1)
        out.append(idx)
    return out
