import torch
import torch.nn as nn
import torch.nn.functional as F

# A sequence model's decoder returns softmax probabilities, and a masked negative log-likelihood
# written by hand takes their log in a helper each training step calls: `torch.gather` picks the
# target's probability, and where it underflowed to 0 the loss is inf. The helper's parameter is
# what every call of it gives. A helper also called with raw scores is left alone.


def mask_nll_loss(prediction, target, mask):
    ce = -torch.log(torch.gather(prediction, 1, target.view(-1, 1)).squeeze(1))
    return ce.masked_select(mask).mean()


def picked_log(scores, target):
    return torch.log(torch.gather(scores, 1, target.view(-1, 1)))


class Decoder(nn.Module):
    def __init__(self, hidden, vocab):
        super().__init__()
        self.gru = nn.GRU(hidden, hidden)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x, h):
        output, h = self.gru(x, h)
        return F.softmax(self.out(output.squeeze(0)), dim=1), h  # expect: softmax output -


class Seq2Seq(nn.Module):
    def __init__(self, hidden, vocab):
        super().__init__()
        self.decoder = Decoder(hidden, vocab)
        self.proj = nn.Linear(hidden, vocab)

    def forward(self, x, h, targets, masks, teacher_forcing):
        loss = 0
        if teacher_forcing:
            for t in range(targets.size(0)):
                decoder_output, h = self.decoder(x, h)
                loss += mask_nll_loss(decoder_output, targets[t], masks[t])
                x = targets[t].unsqueeze(0)
        else:
            for t in range(targets.size(0)):
                decoder_output, h = self.decoder(x, h)
                loss += mask_nll_loss(decoder_output, targets[t], masks[t])
                x = decoder_output.argmax(1).unsqueeze(0)
        for t in range(targets.size(0)):
            decoder_output, h = self.decoder(x, h)
            loss += picked_log(decoder_output, targets[t]).mean()
            loss += picked_log(self.proj(x[0]), targets[t]).mean()
        return loss


seq2seq = Seq2Seq(256, 1000)
opt = torch.optim.Adam(seq2seq.parameters(), lr=1e-3)
for x, h, targets, masks in []:
    opt.zero_grad()
    seq2seq(x, h, targets, masks, teacher_forcing=True).backward()
    opt.step()
