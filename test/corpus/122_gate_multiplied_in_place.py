import torch
import torch.nn as nn
import torch.nn.functional as F

# Show-attend-and-tell's soft attention scales its context by a gate computed from the decoder's
# hidden state, written as an in-place product (`context *= beta`). The sigmoid is a gate there,
# as in `context * beta`: no hidden layer's activation (no AL401). The encoder's sigmoid between
# two Linear layers is one (AL401).


class Attention(nn.Module):
    def __init__(self, enc_dim=32, hid=64):
        super().__init__()
        self.W = nn.Linear(enc_dim, hid)
        self.U = nn.Linear(hid, hid)
        self.v = nn.Linear(hid, 1)
        self.fc_beta = nn.Linear(hid, 1)

    def forward(self, parts, prev_hidden):
        att = torch.tanh(self.W(parts) + self.U(prev_hidden).unsqueeze(1))  # expect: tanh hidden -
        weights = F.softmax(self.v(att).squeeze(2), dim=1)  # expect: softmax - -
        context = (parts * weights.unsqueeze(2)).sum(1)
        beta = torch.sigmoid(self.fc_beta(prev_hidden))  # expect: sigmoid hidden CrossEntropyLoss gate
        context *= beta
        return context, weights


class Captioner(nn.Module):
    def __init__(self, vocab=100, enc_dim=32, hid=64):
        super().__init__()
        self.enc1 = nn.Linear(48, enc_dim)
        self.enc2 = nn.Linear(enc_dim, enc_dim)
        self.attention = Attention(enc_dim, hid)
        self.rnn = nn.LSTMCell(enc_dim, hid)
        self.out = nn.Linear(hid, vocab)

    def forward(self, feats, h, c):
        parts = self.enc2(torch.sigmoid(self.enc1(feats)))  # expect: sigmoid hidden CrossEntropyLoss
        context, _ = self.attention(parts, h)
        h, c = self.rnn(context, (h, c))
        return self.out(h), h, c


model = Captioner()
criterion = nn.CrossEntropyLoss()
for feats, words in []:
    h = c = torch.zeros(feats.size(0), 64)
    logits, h, c = model(feats, h, c)
    criterion(logits, words).backward()
