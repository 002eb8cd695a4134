import torch
import torch.nn as nn
import torch.nn.functional as F

# A pointer network collects one log_softmax per decoding step in a list and returns them stacked:
# the list carries each step's values to CrossEntropyLoss (AL101, log_softmax twice). Probabilities
# collected for a metric during evaluation reach no loss (silent).


class PointerNet(nn.Module):
    def __init__(self, d=16):
        super().__init__()
        self.enc = nn.LSTM(1, d, batch_first=True)
        self.v = nn.Linear(d, 1)

    def forward(self, x):
        h, _ = self.enc(x)
        steps = []
        for _ in range(x.shape[1]):
            scores = self.v(torch.tanh(h)).squeeze(-1)  # expect: tanh hidden CrossEntropyLoss
            steps.append(F.log_softmax(scores, dim=-1))  # expect: log_softmax output CrossEntropyLoss
        return torch.stack(steps, dim=1)


model = PointerNet()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters())
for x, y in []:
    out = model(x)
    loss = criterion(out.view(-1, x.shape[1]), y.view(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc(x)


clf = Classifier()
probs = []
with torch.no_grad():
    for x, y in []:
        probs.append(torch.softmax(clf(x), dim=1))  # expect: softmax - -
confidence = torch.cat(probs).max(dim=1).values.mean()
