import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

# A training script that picks its architecture by a command-line name. Which class `get_model`
# builds, the file cannot know, but whichever one a run picks is the model this loop trains: each
# arm's output reaches the loss whenever that arm is chosen. Three factory shapes: returns in
# if/elif with a raise after them, one name bound in every arm, a conditional expression. A helper
# that picks an activation by a flag is not a factory: its softmax reaches the loss only when the
# flag is set, which the file does not say.


class GRUTagger(nn.Module):
    def __init__(self, vocab, hidden=64, labels=6):
        super().__init__()
        self.emb = nn.Embedding(vocab, 32)
        self.rnn = nn.GRU(32, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, labels)

    def forward(self, tokens):
        out, _ = self.rnn(self.emb(tokens))
        return torch.sigmoid(self.fc(out[:, -1]))  # expect: sigmoid output BCELoss


class ConvTagger(nn.Module):
    def __init__(self, vocab, labels=6):
        super().__init__()
        self.emb = nn.Embedding(vocab, 32)
        self.conv = nn.Conv1d(32, 64, 3, padding=1)
        self.fc = nn.Linear(64, labels)

    def forward(self, tokens):
        h = F.relu(self.conv(self.emb(tokens).transpose(1, 2)))  # expect: relu hidden BCELoss
        return torch.sigmoid(self.fc(h.mean(dim=2)))  # expect: sigmoid output BCELoss


def get_model(name, vocab):
    if name == "gru":
        return GRUTagger(vocab)
    elif name == "cnn":
        return ConvTagger(vocab).to("cpu")
    raise ValueError(f"unknown model {name}")


class SoftmaxClassifier(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.fc = nn.Linear(n_in, n_out)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)  # expect: softmax output CrossEntropyLoss


def build_classifier(kind, n_in, n_out):
    if kind == "linear":
        net = nn.Linear(n_in, n_out)
    elif kind == "softmax":
        net = SoftmaxClassifier(n_in, n_out)
    else:
        raise ValueError(kind)
    return net


class ProbHead(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.fc = nn.Linear(n_in, n_out)

    def forward(self, x):
        return torch.softmax(self.fc(x), dim=-1)  # expect: softmax output CrossEntropyLoss


def make_head(small, n_in, n_out):
    return ProbHead(n_in, n_out) if small else nn.Sequential(nn.Linear(n_in, 64), nn.ReLU(), nn.Linear(64, n_out))  # expect: relu hidden CrossEntropyLoss


def scores(x, probs):
    if probs:
        return F.softmax(x, dim=1)  # expect: softmax - -
    return x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="gru")
    parser.add_argument("--kind", default="linear")
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--probs", action="store_true")
    args = parser.parse_args()

    tagger = get_model(args.model, vocab=5000)
    bce = nn.BCELoss()
    for tokens, tags in []:
        loss = bce(tagger(tokens), tags.float())
        loss.backward()

    clf = build_classifier(args.kind, 20, 4)
    head = make_head(args.small, 20, 4)
    ce = nn.CrossEntropyLoss()
    for x, y in []:
        loss = ce(clf(x), y) + ce(head(x), y) + ce(scores(x, args.probs), y)
        loss.backward()


if __name__ == "__main__":
    main()
