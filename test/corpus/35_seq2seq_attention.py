import torch
import torch.nn as nn
import torch.nn.functional as F


class Attn(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.attn = nn.Linear(2 * h, h)
        self.v = nn.Linear(h, 1, bias=False)

    def forward(self, hidden, enc):
        T = enc.size(1)
        hidden = hidden.unsqueeze(1).repeat(1, T, 1)
        energy = torch.tanh(self.attn(torch.cat([hidden, enc], dim=2)))  # expect: tanh hidden NLLLoss
        return F.softmax(self.v(energy).squeeze(2), dim=1)  # expect: softmax hidden NLLLoss


class Decoder(nn.Module):
    def __init__(self, vocab, h):
        super().__init__()
        self.embedding = nn.Embedding(vocab, h)
        self.attention = Attn(h)
        self.gru = nn.GRU(2 * h, h, batch_first=True)
        self.out = nn.Linear(h, vocab)

    def forward(self, tok, hidden, enc):
        emb = self.embedding(tok)
        a = self.attention(hidden[-1], enc).unsqueeze(1)
        context = torch.bmm(a, enc)
        output, hidden = self.gru(torch.cat([emb, context], dim=2), hidden)
        return F.log_softmax(self.out(output.squeeze(1)), dim=1), hidden  # expect: log_softmax output NLLLoss


decoder = Decoder(1000, 256)
criterion = nn.NLLLoss()
loss = 0
for t in range(max_len):
    out, hidden = decoder(tok, hidden, enc_out)
    loss += criterion(out, target[:, t])
    tok = out.argmax(1, keepdim=True)
loss.backward()
