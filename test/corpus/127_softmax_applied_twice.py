import torch
import torch.nn as nn
import torch.nn.functional as F

# A model whose forward ends in softmax, trained by code that normalizes its output again:
# log_softmax into NLLLoss (AL108, not AL102: the loss does get log-probabilities, of
# probabilities), and a hand-written cross-entropy on softmax(probs) (AL108; AL301 for its log).
# Silent: attention weights that pass a product before the next softmax, a teacher's softmax as
# KL's target, sampling, log_softmax → softmax (exact), and one output softmaxed for a metric
# while the loss gets log_softmax of the logits.


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 64)
        self.fc2 = nn.Linear(64, 5)

    def forward(self, x):
        h = F.relu(self.fc1(x))  # expect: relu hidden NLLLoss
        return F.softmax(self.fc2(h), dim=1)  # expect: softmax output NLLLoss


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 5)

    def forward(self, x):
        return self.fc(x).softmax(dim=-1)  # expect: softmax output -


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(16, 16)
        self.out = nn.Linear(16, 4)

    def forward(self, x):
        w = F.softmax(self.q(x) @ x.transpose(1, 2), dim=-1)  # expect: softmax hidden nll_loss
        return F.log_softmax(self.out(w @ x).mean(1), dim=-1)  # expect: log_softmax output nll_loss


model = Classifier()
tagger = Tagger()
attn = Attention()
opt = torch.optim.Adam(list(model.parameters()) + list(tagger.parameters()))
crit = nn.NLLLoss()
for x, y, seq in []:
    out = model(x)
    loss = crit(F.log_softmax(out, dim=1), y)  # expect: log_softmax - NLLLoss
    probs = tagger(x)
    own = -torch.log(F.softmax(probs, dim=1)).gather(1, y[:, None]).mean()  # expect: softmax - -
    (loss + own).backward()
    opt.step()
    F.nll_loss(attn(seq), y).backward()


teacher = nn.Linear(20, 5)
student = nn.Linear(20, 5)
kd = nn.KLDivLoss(reduction="batchmean")
for x, y in []:
    soft = F.softmax(teacher(x) / 4.0, dim=1)  # expect: softmax - -
    kd(F.log_softmax(student(x) / 4.0, dim=1), soft).backward()  # expect: log_softmax - KLDivLoss

    logits = student(x)
    acc = (F.softmax(logits, dim=1).argmax(1) == y).float().mean()  # expect: softmax - -
    F.nll_loss(F.log_softmax(logits, dim=1), y).backward()  # expect: log_softmax - nll_loss

    logp = F.log_softmax(logits, dim=1)  # expect: log_softmax - -
    again = F.softmax(logp, dim=1)  # expect: softmax - -
    pick = torch.multinomial(F.softmax(again / 0.7, dim=1), 1)  # expect: softmax - -
