import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

# Configurable training scripts keep their losses in a dict and pick one by key. A key written in
# the code names the loss; a key the command line chooses names one only when every loss in the
# dict is the same.
LOSSES = {
    "ce": nn.CrossEntropyLoss(),
    "nll": nn.NLLLoss(),
    "smooth": nn.CrossEntropyLoss(label_smoothing=0.1),
}


class TextClassifier(nn.Module):
    def __init__(self, vocab, dim=64, n_classes=4):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.fc = nn.Linear(dim, n_classes)
        self.out = nn.Softmax(dim=1)  # expect: softmax output CrossEntropyLoss

    def forward(self, tokens, offsets):
        return self.out(self.fc(self.emb(tokens, offsets)))


class Tagger(nn.Module):
    def __init__(self, dim=32, n_tags=9):
        super().__init__()
        self.rnn = nn.GRU(dim, dim, batch_first=True)
        self.fc = nn.Linear(dim, n_tags)

    def forward(self, x):
        h, _ = self.rnn(x)
        return F.log_softmax(self.fc(h), dim=-1)  # expect: log_softmax output NLLLoss


def train_classifier(loader, vocab):
    model = TextClassifier(vocab)
    criterion = LOSSES["ce"]
    opt = torch.optim.SGD(model.parameters(), lr=4.0)
    for tokens, offsets, label in loader:
        opt.zero_grad()
        loss = criterion(model(tokens, offsets), label)
        loss.backward()
        opt.step()


def train_tagger(loader, args):
    model = Tagger()
    opt = torch.optim.Adam(model.parameters())
    for x, tags in loader:
        opt.zero_grad()
        out = model(x)
        # a key written in the code: log-probabilities into NLLLoss, right
        loss = LOSSES["nll"](out.view(-1, 9), tags.view(-1))
        loss.backward()
        opt.step()


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid())  # expect: relu hidden - | sigmoid output -

    def forward(self, x):
        return self.net(x)


def train_regressor(loader, args):
    # the command line picks the loss, and the dict holds different ones: which is not known
    losses = {"mse": nn.MSELoss(), "l1": nn.L1Loss(), "bce": nn.BCELoss()}
    model = Regressor()
    for x, y in loader:
        losses[args.loss](model(x), y).backward()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--loss", default="mse")
    train_regressor(None, p.parse_args())
